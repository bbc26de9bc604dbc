/**
 * LinUCB with disjoint linear models (Li et al. 2010, Algorithm 1): at context x pull
 *
 *     argmaxₖ  xᵀθ̂ₖ + alpha · √(xᵀAₖ⁻¹x)
 *
 * where θ̂ₖ, Aₖ are arm k's ridge regression (see ridge.ts). The context is the same feature
 * vector for every arm (segment, day of week, season…); deterministic, `select` ignores the rng.
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { nonNegative, parseOrThrow, positive, strict } from './schema';
import { RidgeArms, type RidgeState } from './ridge';

/** `{ kind: 'linucb', alpha, l2 }`. */
export const LinUcbConfigSchema = strict({
	kind: v.literal('linucb'),
	/** Width of the confidence bonus, in units of the reward noise standard deviation (default 1). */
	alpha: v.optional(nonNegative(), 1),
	/** λ, ridge penalty: how many unit observations the prior θ = 0 is worth, > 0 (default 1). */
	l2: v.optional(positive(), 1)
});

/** A validated LinUCB config, defaults filled. */
export type LinUcbConfig = v.InferOutput<typeof LinUcbConfigSchema>;

/** A contextual bandit with one linear model per arm. */
export interface LinearBandit<C> {
	/** The validated config, defaults filled. */
	readonly config: C;
	/** Number of arms. */
	readonly arms: number;
	/** Context features d. */
	readonly dimension: number;
	/** The arm to pull at context x [d]. */
	select(context: ArrayLike<number>, rng: Rng): number;
	/** Learn `reward` (reward units) of `arm` at context x, counted `weight` times (default 1). */
	update(arm: number, context: ArrayLike<number>, reward: number, weight?: number): void;
	/** Predicted reward xᵀθ̂ of `arm`. */
	estimate(arm: number, context: ArrayLike<number>): number;
	/** √(xᵀA⁻¹x): how little `arm` knows about context x. */
	width(arm: number, context: ArrayLike<number>): number;
	/** The per-arm regressions (estimates, draws, residuals). */
	readonly models: RidgeArms;
	/** The learned state as plain data (JSON-safe). */
	getState(): RidgeState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: RidgeState): void;
}

/** A LinUCB bandit over `arms` arms and `dimension` context features (throws on an invalid config). */
export function createLinUcb(
	config: v.InferInput<typeof LinUcbConfigSchema>,
	arms: number,
	dimension: number
): LinearBandit<LinUcbConfig> {
	const cfg = parseOrThrow(LinUcbConfigSchema, config, 'LinUCB');
	const models = new RidgeArms(arms, dimension, cfg.l2);
	return {
		config: cfg,
		arms,
		dimension,
		select(context) {
			let best = 0;
			let bestBound = -Infinity;
			for (let k = 0; k < arms; k++) {
				const bound = models.estimate(k, context) + cfg.alpha * models.width(k, context);
				if (bound > bestBound) {
					bestBound = bound;
					best = k;
				}
			}
			return best;
		},
		update: (arm, context, reward, weight = 1) => models.update(arm, context, reward, weight),
		estimate: (arm, context) => models.estimate(arm, context),
		width: (arm, context) => models.width(arm, context),
		models,
		getState: () => models.getState(),
		setState: (state) => models.setState(state)
	};
}
