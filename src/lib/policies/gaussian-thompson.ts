/**
 * Gaussian Thompson sampling allocator: each channel's daily value per dollar (÷ the reward
 * ceiling) is a normal observation with unknown mean and variance, weighted by spend, under a
 * normal–inverse-gamma prior; the budget beyond the exploration floor goes out in chunks, each
 * to the channel with the highest posterior draw of its mean (probability matching). Unlike the
 * Beta version it learns how noisy each channel's days are.
 */
import * as v from 'valibot';
import { createGaussianThompson, type GaussianStatsState } from './bandits/gaussian-thompson';
import { num, parseOrThrow, positive, strict } from './bandits/schema';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState
} from './bandit-allocator';
import type { Policy } from './policy';

/** `{ kind: 'gaussian-thompson', priorMean, priorCount, priorShape, priorRate, …allocator options }`. */
export const GaussianThompsonAllocatorConfigSchema = strict({
	kind: v.literal('gaussian-thompson'),
	/** μ₀ in units of the reward ceiling (default 0.25: the warm-up's average value per dollar). */
	priorMean: v.optional(num(), 0.25),
	/** κ₀: days at an even share the prior mean is worth, > 0 (default 1). */
	priorCount: v.optional(positive(), 1),
	/** α₀: shape of the prior on the day-to-day variance, > 0 (default 1). */
	priorShape: v.optional(positive(), 1),
	/** β₀: its rate, (ceiling units)² (default 0.01: days scatter by about a tenth of the ceiling). */
	priorRate: v.optional(positive(), 0.01),
	...allocatorEntries
});
/** A validated Gaussian Thompson allocator config, defaults filled. */
export type GaussianThompsonAllocatorConfig = v.InferOutput<
	typeof GaussianThompsonAllocatorConfigSchema
>;

/** A Gaussian Thompson budget allocator (throws a readable error if the config is invalid). */
export function createGaussianThompsonAllocator(
	config: v.InferInput<typeof GaussianThompsonAllocatorConfigSchema>
): Policy<BanditAllocatorState<GaussianStatsState>> {
	const cfg = parseOrThrow(
		GaussianThompsonAllocatorConfigSchema,
		config,
		'Gaussian Thompson allocator'
	);
	return createBanditAllocator(
		{ id: 'gaussian-thompson', name: 'Thompson sampling (Gaussian)' },
		cfg,
		(view) => {
			const { C } = view.layout;
			const bandit = createGaussianThompson(
				{
					kind: 'gaussian-thompson',
					priorMean: cfg.priorMean,
					priorCount: cfg.priorCount,
					priorShape: cfg.priorShape,
					priorRate: cfg.priorRate
				},
				C
			);
			return {
				learn(day) {
					for (let c = 0; c < C; c++) {
						if (day.weight[c] > 0 && !Number.isNaN(day.reward[c])) {
							bandit.update(c, day.reward[c], day.weight[c]);
						}
					}
				},
				allocate(_context, rng, chunks, counts) {
					for (let i = 0; i < chunks; i++) counts[bandit.select(rng)]++;
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
