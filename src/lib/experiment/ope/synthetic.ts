/**
 * A synthetic contextual bandit whose policy values are known exactly, to validate the
 * estimators: contexts drawn uniformly from a fixed pool of G Gaussian feature vectors,
 * linear expected rewards μ(x, a) = θₐ₀ + xᵀθₐ plus Gaussian noise, and a known stochastic
 * logging policy (a softmax of linear scores, mixed with uniform so no action is starved).
 *
 * Because the contexts come from a finite pool, a policy's value is an exact finite sum,
 *
 *     V(π) = (1/G) Σ_g Σₐ π(a | x_g)·μ(x_g, a),
 *
 * not an estimate: the truth the estimators are checked against never comes from an estimator.
 */
import * as pm from '../../sim/portable-math';
import { createStream, normal, type Rng } from '../../sim/random';
import type { BanditLog, DecisionRow } from './log';

/** Settings of a synthetic bandit. */
export interface SyntheticBanditOptions {
	/** Seed of the bandit's parameters (contexts, coefficients, logging scores). */
	seed: number;
	/** Actions K (default 4). */
	actions?: number;
	/** Context features d (default 3). */
	features?: number;
	/** Contexts in the pool G (default 200). */
	contexts?: number;
	/** Standard deviation of the reward noise, reward units (default 1). */
	noiseSd?: number;
	/** Scale of the logging policy's preferences: larger means less uniform logging (default 1). */
	loggingSharpness?: number;
	/** Share of uniform randomness mixed into the logging policy, 0–1 (default 0.1). */
	loggingUniformShare?: number;
}

/** A synthetic bandit with a known logging policy and exactly known policy values. */
export interface SyntheticBandit {
	/** Actions K. */
	readonly actions: number;
	/** Context features d. */
	readonly features: number;
	/** The context pool, row-major [G·d]. */
	readonly pool: Float64Array;
	/** Coefficients per action [K·(d+1)], intercept first. */
	readonly theta: Float64Array;
	/** Reward noise standard deviation. */
	readonly noiseSd: number;
	/** μ(x, a), the expected reward. */
	expectedReward(context: ArrayLike<number>, action: number): number;
	/** The logging policy's probabilities at x [K]. */
	loggingProbabilities(context: ArrayLike<number>): Float64Array;
	/** A log of n decisions made by the logging policy, drawn from `rng`. */
	sampleLog(n: number, rng: Rng): BanditLog;
	/** The exact value of a policy (a function of the context only). */
	trueValue(policy: (context: readonly number[]) => ArrayLike<number>): number;
}

/** Build a synthetic bandit (parameters drawn from the seed's stream 0). */
export function syntheticBandit(options: SyntheticBanditOptions): SyntheticBandit {
	const K = options.actions ?? 4;
	const d = options.features ?? 3;
	const G = options.contexts ?? 200;
	const noiseSd = options.noiseSd ?? 1;
	const sharpness = options.loggingSharpness ?? 1;
	const uniformShare = options.loggingUniformShare ?? 0.1;
	const rng = createStream(options.seed, 0);
	const pool = new Float64Array(G * d);
	for (let i = 0; i < pool.length; i++) pool[i] = normal(rng);
	const theta = new Float64Array(K * (d + 1));
	for (let a = 0; a < K; a++) {
		theta[a * (d + 1)] = 1 + 0.5 * normal(rng);
		for (let j = 1; j <= d; j++) theta[a * (d + 1) + j] = 0.5 * normal(rng);
	}
	const beta = new Float64Array(K * d);
	for (let i = 0; i < beta.length; i++) beta[i] = sharpness * normal(rng);

	const expectedReward = (x: ArrayLike<number>, a: number): number => {
		let mu = theta[a * (d + 1)];
		for (let j = 0; j < d; j++) mu += x[j] * theta[a * (d + 1) + j + 1];
		return mu;
	};
	const loggingProbabilities = (x: ArrayLike<number>): Float64Array => {
		const out = new Float64Array(K);
		let max = -Infinity;
		for (let a = 0; a < K; a++) {
			let s = 0;
			for (let j = 0; j < d; j++) s += x[j] * beta[a * d + j];
			out[a] = s;
			if (s > max) max = s;
		}
		let sum = 0;
		for (let a = 0; a < K; a++) sum += out[a] = pm.exp(out[a] - max);
		for (let a = 0; a < K; a++) out[a] = (1 - uniformShare) * (out[a] / sum) + uniformShare / K;
		return out;
	};
	const contextOf = (g: number): number[] => Array.from(pool.subarray(g * d, (g + 1) * d));

	return {
		actions: K,
		features: d,
		pool,
		theta,
		noiseSd,
		expectedReward,
		loggingProbabilities,
		sampleLog(n, draw) {
			const rows: DecisionRow[] = new Array(n);
			for (let i = 0; i < n; i++) {
				const context = contextOf(Math.floor(draw.next() * G));
				const probabilities = loggingProbabilities(context);
				const action = sampleAction(probabilities, draw.next());
				rows[i] = {
					context,
					action,
					reward: expectedReward(context, action) + noiseSd * normal(draw),
					propensity: probabilities[action]
				};
			}
			return {
				actions: K,
				rows,
				featureNames: Array.from({ length: d }, (_, j) => `x_${j + 1}`)
			};
		},
		trueValue(policy) {
			let value = 0;
			for (let g = 0; g < G; g++) {
				const x = contextOf(g);
				const pi = policy(x);
				for (let a = 0; a < K; a++) value += (pi[a] * expectedReward(x, a)) / G;
			}
			return value;
		}
	};
}

/** The action whose cumulative probability first exceeds u (inversion; one uniform). */
export function sampleAction(probabilities: ArrayLike<number>, u: number): number {
	let cdf = 0;
	const last = probabilities.length - 1;
	for (let a = 0; a < last; a++) {
		cdf += probabilities[a];
		if (u < cdf) return a;
	}
	return last;
}

/** The policy that takes the action with the highest expected reward (deterministic). */
export function greedyPolicy(
	bandit: SyntheticBandit
): (context: readonly number[]) => Float64Array {
	return (x) => {
		const out = new Float64Array(bandit.actions);
		let best = 0;
		for (let a = 1; a < bandit.actions; a++) {
			if (bandit.expectedReward(x, a) > bandit.expectedReward(x, best)) best = a;
		}
		out[best] = 1;
		return out;
	};
}

/** A stochastic policy: probability proportional to exp(μ(x, a) / temperature). */
export function softmaxPolicy(
	bandit: SyntheticBandit,
	temperature: number
): (context: readonly number[]) => Float64Array {
	return (x) => {
		const out = new Float64Array(bandit.actions);
		let max = -Infinity;
		for (let a = 0; a < bandit.actions; a++) {
			out[a] = bandit.expectedReward(x, a) / temperature;
			if (out[a] > max) max = out[a];
		}
		let sum = 0;
		for (let a = 0; a < bandit.actions; a++) sum += out[a] = pm.exp(out[a] - max);
		for (let a = 0; a < bandit.actions; a++) out[a] /= sum;
		return out;
	};
}
