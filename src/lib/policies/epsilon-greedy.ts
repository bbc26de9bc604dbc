/**
 * ε-greedy allocator: the budget beyond the exploration floor goes out in chunks; each chunk
 * goes to the channel with the best mean value per dollar so far, except with probability ε to
 * a channel picked at random. Simple and easy to explain; with a fixed ε it never stops paying
 * for exploration.
 */
import * as v from 'valibot';
import type { ArmMeansState } from './bandits/arm-means';
import { createEpsilonGreedy, EpsilonGreedyConfigSchema } from './bandits/epsilon-greedy';
import { parseOrThrow, strict } from './bandits/schema';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState
} from './bandit-allocator';
import type { Policy } from './policy';

/** `{ kind: 'epsilon-greedy', epsilon, …allocator options }`. */
export const EpsilonGreedyAllocatorConfigSchema = strict({
	kind: v.literal('epsilon-greedy'),
	epsilon: EpsilonGreedyConfigSchema.entries.epsilon,
	...allocatorEntries
});
/** A validated ε-greedy allocator config, defaults filled. */
export type EpsilonGreedyAllocatorConfig = v.InferOutput<typeof EpsilonGreedyAllocatorConfigSchema>;

/** An ε-greedy budget allocator (throws a readable error if the config is invalid). */
export function createEpsilonGreedyAllocator(
	config: v.InferInput<typeof EpsilonGreedyAllocatorConfigSchema>
): Policy<BanditAllocatorState<ArmMeansState>> {
	const cfg = parseOrThrow(EpsilonGreedyAllocatorConfigSchema, config, 'ε-greedy allocator');
	return createBanditAllocator({ id: 'epsilon-greedy', name: 'ε-greedy' }, cfg, (view) => {
		const { C } = view.layout;
		const bandit = createEpsilonGreedy({ kind: 'epsilon-greedy', epsilon: cfg.epsilon }, C);
		return {
			learn(day) {
				for (let c = 0; c < C; c++) {
					if (day.weight[c] > 0 && !Number.isNaN(day.reward[c])) {
						bandit.update(c, day.reward[c], day.weight[c]);
					}
				}
			},
			allocate(_context, rng, chunks, counts) {
				// Greedy among channels with data (a channel that never spent is explored at random).
				let greedy = -1;
				for (let c = 0; c < C; c++) {
					if (bandit.count(c) > 0 && (greedy < 0 || bandit.mean(c) > bandit.mean(greedy)))
						greedy = c;
				}
				for (let i = 0; i < chunks; i++) {
					const explore = greedy < 0 || rng.next() < cfg.epsilon;
					counts[explore ? Math.floor(rng.next() * C) : greedy]++;
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
