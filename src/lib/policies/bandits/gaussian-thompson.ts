/**
 * Gaussian Thompson sampling for continuous rewards with unknown mean and variance, using the
 * conjugate normal–inverse-gamma prior (Murphy 2007, "Conjugate Bayesian analysis of the
 * Gaussian distribution", §3): σ² ~ InvGamma(priorShape, priorRate) and
 * μ | σ² ~ N(priorMean, σ² / priorCount). After n observations with mean x̄ and sum of squared
 * deviations M2 the posterior is
 *
 *     κₙ = κ₀ + n,   μₙ = (κ₀·μ₀ + n·x̄) / κₙ,   αₙ = α₀ + n/2,
 *     βₙ = β₀ + M2/2 + κ₀·n·(x̄ − μ₀)² / (2·κₙ).
 *
 * To choose, draw σ² then μ per arm and pull the argmax of μ. Observations may carry a weight
 * (a day at twice the spend counts twice); the sufficient statistics are kept by weighted
 * Welford updates, which also makes them easy to discount (see discounted-thompson.ts).
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { checkLength } from './arm-means';
import { gamma, standardNormal } from './samplers';
import { num, parseOrThrow, positive, strict } from './schema';

/** `{ kind: 'gaussian-thompson', priorMean, priorCount, priorShape, priorRate }`. */
export const GaussianThompsonConfigSchema = strict({
	kind: v.literal('gaussian-thompson'),
	/** μ₀: prior guess of every arm's mean reward, reward units (default 0). */
	priorMean: v.optional(num(), 0),
	/** κ₀: how many observations the prior mean is worth, > 0 (default 1). */
	priorCount: v.optional(positive(), 1),
	/** α₀: shape of the inverse-gamma prior on the reward variance, > 0 (default 1). */
	priorShape: v.optional(positive(), 1),
	/** β₀: rate of that prior, reward units² (default 1: prior variance guess β₀/(α₀ − 1) for α₀ > 1). */
	priorRate: v.optional(positive(), 1)
});

/** A validated Gaussian Thompson config, defaults filled. */
export type GaussianThompsonConfig = v.InferOutput<typeof GaussianThompsonConfigSchema>;
/** The normal–inverse-gamma prior, as the config's four numbers. */
export type NormalInverseGammaPrior = Omit<GaussianThompsonConfig, 'kind'>;

/** A normal–inverse-gamma posterior: μ | σ² ~ N(mean, σ²/count), σ² ~ InvGamma(shape, rate). */
export interface NormalInverseGamma {
	/** μₙ, reward units. */
	mean: number;
	/** κₙ, observations. */
	count: number;
	/** αₙ. */
	shape: number;
	/** βₙ, reward units². */
	rate: number;
}

/** Plain-data state: weighted sufficient statistics per arm. */
export interface GaussianStatsState {
	/** Total weight of the observations per arm. */
	weight: number[];
	/** Weighted mean reward per arm, reward units. */
	mean: number[];
	/** Weighted sum of squared deviations from the mean per arm, reward units². */
	m2: number[];
}

/** Weighted sufficient statistics (n, x̄, M2) per arm. */
export class GaussianStats {
	/** Total weight of the observations per arm. */
	readonly weight: Float64Array;
	/** Weighted mean reward per arm, reward units. */
	readonly mean: Float64Array;
	/** Weighted sum of squared deviations per arm, reward units². */
	readonly m2: Float64Array;

	constructor(readonly arms: number) {
		if (!Number.isInteger(arms) || arms < 1) {
			throw new RangeError(`a bandit needs a whole number of arms ≥ 1, got ${arms}`);
		}
		this.weight = new Float64Array(arms);
		this.mean = new Float64Array(arms);
		this.m2 = new Float64Array(arms);
	}

	/** Add `reward` on `arm` with `weight` > 0 (West 1979, weighted Welford). */
	add(arm: number, reward: number, weight = 1): void {
		if (!(weight > 0) || !Number.isFinite(reward)) return;
		const n = this.weight[arm] + weight;
		const delta = reward - this.mean[arm];
		const mean = this.mean[arm] + (weight / n) * delta;
		this.m2[arm] += weight * delta * (reward - mean);
		this.mean[arm] = mean;
		this.weight[arm] = n;
	}

	/** Multiply every arm's evidence by `factor` in [0, 1] (the mean is unchanged). */
	discount(factor: number): void {
		for (let k = 0; k < this.arms; k++) {
			this.weight[k] *= factor;
			this.m2[k] *= factor;
		}
	}

	/** The learned state as plain data (JSON-safe). */
	getState(): GaussianStatsState {
		return {
			weight: Array.from(this.weight),
			mean: Array.from(this.mean),
			m2: Array.from(this.m2)
		};
	}

	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: GaussianStatsState): void {
		checkLength(state.weight, this.arms, 'weight');
		checkLength(state.mean, this.arms, 'mean');
		checkLength(state.m2, this.arms, 'm2');
		this.weight.set(state.weight);
		this.mean.set(state.mean);
		this.m2.set(state.m2);
	}
}

/** The posterior after weight n, mean x̄ and squared deviations M2 (the formulas above). */
export function normalInverseGamma(
	prior: NormalInverseGammaPrior,
	n: number,
	mean: number,
	m2: number
): NormalInverseGamma {
	const count = prior.priorCount + n;
	const shift = mean - prior.priorMean;
	return {
		mean: n > 0 ? (prior.priorCount * prior.priorMean + n * mean) / count : prior.priorMean,
		count,
		shape: prior.priorShape + n / 2,
		rate:
			prior.priorRate + m2 / 2 + (n > 0 ? (prior.priorCount * n * shift * shift) / (2 * count) : 0)
	};
}

/** One draw of μ from a normal–inverse-gamma posterior: σ² = rate / Gamma(shape), μ ~ N(mean, σ²/count). */
export function drawMean(rng: Rng, post: NormalInverseGamma): number {
	const variance = post.rate / gamma(rng, post.shape);
	return post.mean + Math.sqrt(variance / post.count) * standardNormal(rng);
}

/**
 * Posterior standard deviation of μ: its marginal is Student-t with 2·shape degrees of freedom
 * and scale √(rate / (shape · count)); infinite while shape ≤ 1.
 */
export function meanSd(post: NormalInverseGamma): number {
	return post.shape > 1 ? Math.sqrt(post.rate / ((post.shape - 1) * post.count)) : Infinity;
}

/** A Gaussian Thompson sampler over a fixed number of arms. */
export interface GaussianThompson {
	/** The validated config, defaults filled. */
	readonly config: GaussianThompsonConfig;
	/** Number of arms. */
	readonly arms: number;
	/** The arm to pull next: argmax of one posterior draw of the mean per arm. */
	select(rng: Rng): number;
	/** Learn `reward` (reward units) from `arm`, counted `weight` times (default 1). */
	update(arm: number, reward: number, weight?: number): void;
	/** One arm's posterior. */
	posterior(arm: number): NormalInverseGamma;
	/** Posterior mean of `arm`'s mean reward. */
	mean(arm: number): number;
	/** Posterior standard deviation of `arm`'s mean reward. */
	sd(arm: number): number;
	/** The learned state as plain data (JSON-safe). */
	getState(): GaussianStatsState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: GaussianStatsState): void;
}

/** Argmax over arms of one posterior draw each (first on ties). */
export function argmaxMeanDraw(
	rng: Rng,
	arms: number,
	posterior: (arm: number) => NormalInverseGamma
): number {
	let best = 0;
	let bestDraw = -Infinity;
	for (let k = 0; k < arms; k++) {
		const draw = drawMean(rng, posterior(k));
		if (draw > bestDraw) {
			bestDraw = draw;
			best = k;
		}
	}
	return best;
}

/** A Gaussian Thompson sampler over `arms` arms (throws on an invalid config). */
export function createGaussianThompson(
	config: v.InferInput<typeof GaussianThompsonConfigSchema>,
	arms: number
): GaussianThompson {
	const cfg = parseOrThrow(GaussianThompsonConfigSchema, config, 'Gaussian Thompson');
	const stats = new GaussianStats(arms);
	const posterior = (arm: number) =>
		normalInverseGamma(cfg, stats.weight[arm], stats.mean[arm], stats.m2[arm]);
	return {
		config: cfg,
		arms,
		select: (rng) => argmaxMeanDraw(rng, arms, posterior),
		update: (arm, reward, weight = 1) => stats.add(arm, reward, weight),
		posterior,
		mean: (arm) => posterior(arm).mean,
		sd: (arm) => meanSd(posterior(arm)),
		getState: () => stats.getState(),
		setState: (state) => stats.setState(state)
	};
}
