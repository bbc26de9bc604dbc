/**
 * Beta–Bernoulli Thompson sampling (Thompson 1933; Chapelle & Li 2011): each arm's success rate
 * has a Beta(alpha, beta) posterior, starting from the prior Beta(priorAlpha, priorBeta) and
 * adding successes to alpha and failures to beta. To choose, draw one rate per arm and pull the
 * argmax — each arm is pulled with the probability that it is the best (probability matching).
 *
 * Fractional counts are allowed, so a reward r in [0, 1] can be learned as r successes and
 * 1 − r failures (Agrawal & Goyal 2012), and a creative's clicks out of impressions in one go.
 * The draw loop is the hot path: Marsaglia–Tsang constants are kept per arm and nothing allocates.
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { checkLength } from './arm-means';
import { gamma, gammaC, gammaD, gammaDraws } from './samplers';
import { parseOrThrow, positive, strict } from './schema';

/** `{ kind: 'beta-thompson', priorAlpha, priorBeta }`. */
export const BetaThompsonConfigSchema = strict({
	kind: v.literal('beta-thompson'),
	/** Prior successes (pseudo-counts) per arm, > 0 (default 1: a uniform prior). */
	priorAlpha: v.optional(positive(), 1),
	/** Prior failures (pseudo-counts) per arm, > 0 (default 1). */
	priorBeta: v.optional(positive(), 1)
});

/** A validated Beta–Bernoulli Thompson config, defaults filled. */
export type BetaThompsonConfig = v.InferOutput<typeof BetaThompsonConfigSchema>;

/** Plain-data state: the Beta posterior of every arm. */
export interface BetaPosteriorState {
	/** Posterior alpha per arm (prior + successes). */
	alpha: number[];
	/** Posterior beta per arm (prior + failures). */
	beta: number[];
}

/**
 * Index (0 … n − 1) of the largest x/(x + y) among the n gamma pairs (x, y) = (g[base + 2i],
 * g[base + 2i + 1]), first on ties; compared by cross-multiplying (no division: gamma draws > 0).
 */
function argmaxRatio(g: Float64Array, base: number, n: number): number {
	let best = 0;
	let bestX = g[base];
	let bestSum = g[base] + g[base + 1];
	for (let a = 1; a < n; a++) {
		const x = g[base + 2 * a];
		const sum = x + g[base + 2 * a + 1];
		if (x * bestSum > bestX * sum) {
			bestX = x;
			bestSum = sum;
			best = a;
		}
	}
	return best;
}

/** Beta posteriors over arms, with the sampling constants cached per arm. */
export class BetaPosteriors {
	/** Posterior alpha per arm (prior + successes). */
	readonly alpha: Float64Array;
	/** Posterior beta per arm (prior + failures). */
	readonly beta: Float64Array;
	/** Marsaglia–Tsang (d, c) of alpha then beta per arm [4·arms]; valid where both shapes ≥ 1. */
	private readonly constants: Float64Array;
	/** Scratch: one gamma draw per shape [2·arms]. */
	private readonly draws: Float64Array;
	/** Scratch: the constants of the eligible arms [4·arms], and their indices [arms]. */
	private readonly packed: Float64Array;
	private readonly eligibleArms: Int32Array;
	/** Scratch of `countArgmaxDraws`: constants repeated per choice, and their draws (grown on demand). */
	private batchConstants = new Float64Array(0);
	private batchDraws = new Float64Array(0);
	/** Arms with a shape below 1 (then the batch path is off and each arm draws on its own). */
	private slowArms = 0;
	private readonly slow: Uint8Array;

	constructor(
		readonly arms: number,
		priorAlpha: number,
		priorBeta: number
	) {
		if (!Number.isInteger(arms) || arms < 1) {
			throw new RangeError(`a bandit needs a whole number of arms ≥ 1, got ${arms}`);
		}
		this.alpha = new Float64Array(arms);
		this.beta = new Float64Array(arms);
		this.constants = new Float64Array(4 * arms);
		this.draws = new Float64Array(2 * arms);
		this.packed = new Float64Array(4 * arms);
		this.eligibleArms = new Int32Array(arms);
		this.slow = new Uint8Array(arms);
		for (let k = 0; k < arms; k++) this.set(k, priorAlpha, priorBeta);
	}

	/** Set one arm's posterior (alpha, beta > 0). */
	set(arm: number, alpha: number, beta: number): void {
		this.alpha[arm] = alpha;
		this.beta[arm] = beta;
		const slow = alpha < 1 || beta < 1 ? 1 : 0;
		this.slowArms += slow - this.slow[arm];
		this.slow[arm] = slow;
		if (!slow) {
			this.constants[4 * arm] = gammaD(alpha);
			this.constants[4 * arm + 1] = gammaC(alpha);
			this.constants[4 * arm + 2] = gammaD(beta);
			this.constants[4 * arm + 3] = gammaC(beta);
		}
	}

	/** One draw of `arm`'s success rate. */
	draw(arm: number, rng: Rng): number {
		const x = gamma(rng, this.alpha[arm]);
		const y = gamma(rng, this.beta[arm]);
		const sum = x + y;
		if (sum > 0) return x / sum;
		return rng.next() < this.alpha[arm] / (this.alpha[arm] + this.beta[arm]) ? 1 : 0;
	}

	/**
	 * The argmax of one fresh draw per arm (first on ties): one Thompson choice. With `eligible`,
	 * only arms k with eligible[k] = 1 take part (e.g. live creatives); -1 if none does.
	 */
	argmaxDraw(rng: Rng, eligible?: Uint8Array): number {
		if (this.slowArms === 0 && eligible) {
			// Eligible arms only, still in one batch (the same draws, in the same order, as one
			// `draw` per eligible arm).
			const n = this.packEligible(eligible);
			if (n === 0) return -1;
			const g = gammaDraws(rng, this.packed, 2 * n, this.draws);
			return this.eligibleArms[argmaxRatio(g, 0, n)];
		}
		if (this.slowArms > 0 || eligible) {
			let best = -1;
			let bestDraw = -1;
			for (let k = 0; k < this.arms; k++) {
				if (eligible && eligible[k] !== 1) continue;
				const theta = this.draw(k, rng);
				if (theta > bestDraw) {
					bestDraw = theta;
					best = k;
				}
			}
			return best;
		}
		// The hot path: all 2·arms gamma draws in one loop, then the largest x/(x + y).
		return argmaxRatio(gammaDraws(rng, this.constants, 2 * this.arms, this.draws), 0, this.arms);
	}

	/**
	 * Pack the constants of the eligible arms (every arm without `eligible`) into `packed`, in
	 * arm order, and their indices into `eligibleArms`; returns how many there are.
	 */
	private packEligible(eligible?: Uint8Array): number {
		let n = 0;
		for (let k = 0; k < this.arms; k++) {
			if (eligible && eligible[k] !== 1) continue;
			for (let j = 0; j < 4; j++) this.packed[4 * n + j] = this.constants[4 * k + j];
			this.eligibleArms[n++] = k;
		}
		return n;
	}

	/**
	 * Add 1 to counts[arm] for each of `draws` Thompson choices (`argmaxDraw`) among the
	 * `eligible` arms (all if omitted): the same choices, from the same draws in the same order,
	 * as `draws` calls of `argmaxDraw`, with the eligible arms' constants packed once. A single
	 * eligible arm takes every choice without a draw; with none, nothing is counted.
	 */
	countArgmaxDraws(rng: Rng, draws: number, counts: Float64Array, eligible?: Uint8Array): void {
		if (this.slowArms > 0) {
			for (let i = 0; i < draws; i++) {
				const arm = this.argmaxDraw(rng, eligible);
				if (arm >= 0) counts[arm]++;
			}
			return;
		}
		const n = this.packEligible(eligible);
		if (n === 0) return;
		if (n === 1) {
			counts[this.eligibleArms[0]] += draws;
			return;
		}
		// Every choice's constants side by side: one gammaDraws call for all the draws.
		const size = 4 * n * draws;
		if (this.batchConstants.length < size) {
			this.batchConstants = new Float64Array(size);
			this.batchDraws = new Float64Array(size / 2);
		}
		const constants = this.batchConstants;
		constants.set(this.packed.subarray(0, 4 * n));
		for (let i = 1; i < draws; i++) constants.copyWithin(4 * n * i, 0, 4 * n);
		const g = gammaDraws(rng, constants, 2 * n * draws, this.batchDraws);
		for (let i = 0; i < draws; i++) counts[this.eligibleArms[argmaxRatio(g, 2 * n * i, n)]]++;
	}

	/** Posterior mean success rate of `arm`. */
	mean(arm: number): number {
		return this.alpha[arm] / (this.alpha[arm] + this.beta[arm]);
	}

	/** Posterior standard deviation of `arm`'s success rate. */
	sd(arm: number): number {
		const a = this.alpha[arm];
		const b = this.beta[arm];
		const n = a + b;
		return Math.sqrt((a * b) / (n * n * (n + 1)));
	}

	/** The learned state as plain data (JSON-safe). */
	getState(): BetaPosteriorState {
		return { alpha: Array.from(this.alpha), beta: Array.from(this.beta) };
	}

	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: BetaPosteriorState): void {
		checkLength(state.alpha, this.arms, 'alpha');
		checkLength(state.beta, this.arms, 'beta');
		for (let k = 0; k < this.arms; k++) this.set(k, state.alpha[k], state.beta[k]);
	}
}

/** A Beta–Bernoulli Thompson sampler over a fixed number of arms. */
export interface BetaThompson {
	/** The validated config, defaults filled. */
	readonly config: BetaThompsonConfig;
	/** Number of arms. */
	readonly arms: number;
	/** The arm to pull next: argmax of one posterior draw per arm (among `eligible` ones if given; -1 if none). */
	select(rng: Rng, eligible?: Uint8Array): number;
	/** Add 1 to counts[arm] for each of `draws` choices (see `BetaPosteriors.countArgmaxDraws`). */
	selectMany(rng: Rng, draws: number, counts: Float64Array, eligible?: Uint8Array): void;
	/** Learn `successes` and `failures` (counts ≥ 0, fractions allowed) of `arm`. */
	update(arm: number, successes: number, failures: number): void;
	/** Posterior mean success rate of `arm`. */
	mean(arm: number): number;
	/** Posterior standard deviation of `arm`'s success rate. */
	sd(arm: number): number;
	/** The learned state as plain data (JSON-safe). */
	getState(): BetaPosteriorState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: BetaPosteriorState): void;
}

/** A Beta–Bernoulli Thompson sampler over `arms` arms (throws on an invalid config). */
export function createBetaThompson(
	config: v.InferInput<typeof BetaThompsonConfigSchema>,
	arms: number
): BetaThompson {
	const cfg = parseOrThrow(BetaThompsonConfigSchema, config, 'Beta–Bernoulli Thompson');
	const posteriors = new BetaPosteriors(arms, cfg.priorAlpha, cfg.priorBeta);
	return {
		config: cfg,
		arms,
		select: (rng, eligible) => posteriors.argmaxDraw(rng, eligible),
		selectMany: (rng, draws, counts, eligible) =>
			posteriors.countArgmaxDraws(rng, draws, counts, eligible),
		update(arm, successes, failures) {
			const s = successes > 0 ? successes : 0;
			const f = failures > 0 ? failures : 0;
			if (s + f === 0) return;
			posteriors.set(arm, posteriors.alpha[arm] + s, posteriors.beta[arm] + f);
		},
		mean: (arm) => posteriors.mean(arm),
		sd: (arm) => posteriors.sd(arm),
		getState: () => posteriors.getState(),
		setState: (state) => posteriors.setState(state)
	};
}
