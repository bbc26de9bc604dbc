/**
 * Linear Thompson sampling with disjoint models (Agrawal & Goyal 2013): at context x draw
 * θ̃ₖ ~ N(θ̂ₖ, noiseSd²·Aₖ⁻¹) for every arm and pull argmaxₖ xᵀθ̃ₖ — the Bayesian linear
 * regression posterior under Gaussian noise of standard deviation `noiseSd` and the prior
 * θ ~ N(0, noiseSd²/l2 · I). Keep that prior wide enough to cover plausible coefficients
 * (noiseSd/√l2 ≳ their size): a tight prior makes LinTS greedy, and an arm that starts
 * unlucky may never be tried again.
 */
import * as v from 'valibot';
import { dot } from './linear';
import type { LinearBandit } from './linucb';
import { RidgeArms } from './ridge';
import { parseOrThrow, positive, strict } from './schema';

/** `{ kind: 'lints', noiseSd, l2 }`. */
export const LinTsConfigSchema = strict({
	kind: v.literal('lints'),
	/** Assumed standard deviation of a reward around its linear prediction, reward units (default 1). */
	noiseSd: v.optional(positive(), 1),
	/** λ, ridge penalty: how many unit observations the prior θ = 0 is worth, > 0 (default 1). */
	l2: v.optional(positive(), 1)
});

/** A validated LinTS config, defaults filled. */
export type LinTsConfig = v.InferOutput<typeof LinTsConfigSchema>;

/** A LinTS bandit over `arms` arms and `dimension` context features (throws on an invalid config). */
export function createLinTs(
	config: v.InferInput<typeof LinTsConfigSchema>,
	arms: number,
	dimension: number
): LinearBandit<LinTsConfig> {
	const cfg = parseOrThrow(LinTsConfigSchema, config, 'LinTS');
	const models = new RidgeArms(arms, dimension, cfg.l2);
	const draw = new Float64Array(dimension);
	return {
		config: cfg,
		arms,
		dimension,
		select(context, rng) {
			let best = 0;
			let bestValue = -Infinity;
			for (let k = 0; k < arms; k++) {
				const value = dot(context, models.drawTheta(k, rng, cfg.noiseSd, draw), dimension);
				if (value > bestValue) {
					bestValue = value;
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
