/**
 * UCB1 allocator: the budget beyond the exploration floor goes out in chunks, each to the
 * channel with the highest upper confidence bound mean + alpha·√(2 ln t / n) on value per
 * dollar (÷ the reward ceiling). A chunk counts as a pull of its weight before the next is
 * placed, so bounds shrink as a channel fills and the budget spreads over channels whose
 * bounds overlap — deterministic, no random draws.
 */
import * as v from 'valibot';
import type { ArmMeansState } from './bandits/arm-means';
import { nonNegative, parseOrThrow, strict } from './bandits/schema';
import { createUcb1 } from './bandits/ucb1';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState
} from './bandit-allocator';
import type { Policy } from './policy';

/** `{ kind: 'ucb1', alpha, …allocator options }`. */
export const Ucb1AllocatorConfigSchema = strict({
	kind: v.literal('ucb1'),
	/**
	 * Width of the bonus, in units of the reward ceiling (default 0.25). Days are averages of
	 * many conversions, far less noisy than the 0/1 rewards alpha = 1 is made for.
	 */
	alpha: v.optional(nonNegative(), 0.25),
	...allocatorEntries
});
/** A validated UCB1 allocator config, defaults filled. */
export type Ucb1AllocatorConfig = v.InferOutput<typeof Ucb1AllocatorConfigSchema>;

/** A UCB1 budget allocator (throws a readable error if the config is invalid). */
export function createUcb1Allocator(
	config: v.InferInput<typeof Ucb1AllocatorConfigSchema>
): Policy<BanditAllocatorState<ArmMeansState>> {
	const cfg = parseOrThrow(Ucb1AllocatorConfigSchema, config, 'UCB1 allocator');
	return createBanditAllocator({ id: 'ucb1', name: 'UCB1' }, cfg, (view) => {
		const { C } = view.layout;
		const bandit = createUcb1({ kind: 'ucb1', alpha: cfg.alpha }, C);
		return {
			learn(day) {
				for (let c = 0; c < C; c++) {
					if (day.weight[c] > 0 && !Number.isNaN(day.reward[c])) {
						bandit.update(c, day.reward[c], day.weight[c]);
					}
				}
			},
			allocate(context, _rng, chunks, counts) {
				for (let i = 0; i < chunks; i++) {
					let best = 0;
					let bestIndex = -Infinity;
					for (let c = 0; c < C; c++) {
						const u = bandit.index(c, counts[c] * context.chunkWeight, i * context.chunkWeight);
						if (u > bestIndex) {
							bestIndex = u;
							best = c;
						}
					}
					counts[best]++;
				}
			},
			estimate(_context, mean, sd) {
				for (let c = 0; c < C; c++) {
					mean[c] = bandit.count(c) > 0 ? bandit.mean(c) : NaN;
					sd[c] = bandit.standardError(c);
				}
			},
			getState: () => bandit.getState(),
			setState: (state) => bandit.setState(state)
		};
	});
}
