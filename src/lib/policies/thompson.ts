/**
 * Thompson sampling allocator (Beta–Bernoulli): each channel's value per dollar, as a share of
 * the reward ceiling in [0, 1], is learned as fractional successes and failures (Agrawal &
 * Goyal 2012) weighted by spend; the budget beyond the exploration floor goes out in chunks,
 * each to the channel with the highest draw from its Beta posterior — so a channel's share is
 * the posterior probability that it is the best (probability matching).
 */
import * as v from 'valibot';
import { BetaThompsonConfigSchema, createBetaThompson } from './bandits/beta-thompson';
import { parseOrThrow, strict } from './bandits/schema';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState
} from './bandit-allocator';
import type { Policy } from './policy';
import type { BetaPosteriorState } from './bandits/beta-thompson';

const { kind: _kind, ...betaEntries } = BetaThompsonConfigSchema.entries;

/** `{ kind: 'thompson', priorAlpha, priorBeta, …allocator options }`. */
export const ThompsonAllocatorConfigSchema = strict({
	kind: v.literal('thompson'),
	...betaEntries,
	...allocatorEntries
});
/** A validated Thompson allocator config, defaults filled. */
export type ThompsonAllocatorConfig = v.InferOutput<typeof ThompsonAllocatorConfigSchema>;

/** A reward in [0, 1] (value per dollar ÷ ceiling, clipped: the best days count as full successes). */
export const clipUnit = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

/** A Beta–Bernoulli Thompson budget allocator (throws a readable error if the config is invalid). */
export function createThompsonAllocator(
	config: v.InferInput<typeof ThompsonAllocatorConfigSchema>
): Policy<BanditAllocatorState<BetaPosteriorState>> {
	const cfg = parseOrThrow(ThompsonAllocatorConfigSchema, config, 'Thompson allocator');
	return createBanditAllocator(
		{ id: 'thompson', name: 'Thompson sampling (Beta–Bernoulli)' },
		cfg,
		(view) => {
			const { C } = view.layout;
			const bandit = createBetaThompson(
				{ kind: 'beta-thompson', priorAlpha: cfg.priorAlpha, priorBeta: cfg.priorBeta },
				C
			);
			return {
				learn(day) {
					for (let c = 0; c < C; c++) {
						if (!(day.weight[c] > 0) || Number.isNaN(day.reward[c])) continue;
						const r = clipUnit(day.reward[c]);
						bandit.update(c, day.weight[c] * r, day.weight[c] * (1 - r));
					}
				},
				allocate(_context, rng, chunks, counts) {
					bandit.selectMany(rng, chunks, counts);
				},
				estimate(_context, mean, sd) {
					for (let c = 0; c < C; c++) {
						mean[c] = bandit.mean(c);
						sd[c] = bandit.sd(c);
					}
				},
				getState: () => bandit.getState(),
				setState: (state) => bandit.setState(state)
			};
		}
	);
}
