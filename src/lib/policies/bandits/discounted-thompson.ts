/**
 * Thompson sampling for rewards that drift — creatives fatigue, channels follow the seasons — in
 * two forms, both Beta–Bernoulli (rewards in [0, 1], fractions allowed):
 *
 * - Discounted (Raj & Kalyani 2017, "Taming non-stationary bandits"): each round every arm's
 *   evidence is multiplied by `discount` γ, so a reward from t rounds ago counts γᵗ and the
 *   posterior forgets at an effective memory of 1/(1 − γ) rounds, back towards the prior.
 * - Sliding window (Trovò et al. 2020): the posterior counts only the last `window` rounds.
 *
 * A round is whatever the caller makes it: one pull, or one day of a budget allocator. Call
 * `update` for the round's rewards, then `advance` to close it.
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { checkLength } from './arm-means';
import { BetaPosteriors } from './beta-thompson';
import { between, int, parseOrThrow, positive, strict } from './schema';

const priorEntries = {
	/** Prior successes (pseudo-counts) per arm, > 0 (default 1). */
	priorAlpha: v.optional(positive(), 1),
	/** Prior failures (pseudo-counts) per arm, > 0 (default 1). */
	priorBeta: v.optional(positive(), 1)
};

/** `{ kind: 'discounted-thompson', discount, priorAlpha, priorBeta }`. */
export const DiscountedThompsonConfigSchema = strict({
	kind: v.literal('discounted-thompson'),
	/** γ: weight kept by evidence per round, 0–1 (default 0.95: a memory of ~20 rounds). */
	discount: v.optional(between(0, 1), 0.95),
	...priorEntries
});

/** `{ kind: 'sliding-window-thompson', window, priorAlpha, priorBeta }`. */
export const SlidingWindowThompsonConfigSchema = strict({
	kind: v.literal('sliding-window-thompson'),
	/** Rounds of evidence kept, including the current one, 1–100 000 (default 50). */
	window: v.optional(int(1, 100_000), 50),
	...priorEntries
});

/** A validated discounted Thompson config, defaults filled. */
export type DiscountedThompsonConfig = v.InferOutput<typeof DiscountedThompsonConfigSchema>;
/** A validated sliding-window Thompson config, defaults filled. */
export type SlidingWindowThompsonConfig = v.InferOutput<typeof SlidingWindowThompsonConfigSchema>;

/** Plain-data state of both forms. */
export interface DriftingThompsonState {
	/** Evidence per arm: successes, then failures [2·arms]. */
	evidence: number[];
	/** Sliding window only: successes and failures per round slot × arm [window·2·arms]; else empty. */
	rounds: number[];
	/** Sliding window only: the slot of the current round. */
	head: number;
}

/** A Thompson sampler that forgets: discounted or sliding-window. */
export interface DriftingThompson {
	/** The validated config, defaults filled. */
	readonly config: DiscountedThompsonConfig | SlidingWindowThompsonConfig;
	/** Number of arms. */
	readonly arms: number;
	/** The arm to pull next: argmax of one posterior draw per arm (among `eligible` ones if given; -1 if none). */
	select(rng: Rng, eligible?: Uint8Array): number;
	/** Add 1 to counts[arm] for each of `draws` choices (see `BetaPosteriors.countArgmaxDraws`). */
	selectMany(rng: Rng, draws: number, counts: Float64Array, eligible?: Uint8Array): void;
	/** Add `successes` and `failures` (≥ 0, fractions allowed) of `arm` to the current round. */
	update(arm: number, successes: number, failures: number): void;
	/** Close the round: discount all evidence, or drop the round leaving the window. */
	advance(): void;
	/** Posterior mean success rate of `arm`. */
	mean(arm: number): number;
	/** Posterior standard deviation of `arm`'s success rate. */
	sd(arm: number): number;
	/** The learned state as plain data (JSON-safe). */
	getState(): DriftingThompsonState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: DriftingThompsonState): void;
}

function createDrifting(
	cfg: DiscountedThompsonConfig | SlidingWindowThompsonConfig,
	arms: number
): DriftingThompson {
	const posteriors = new BetaPosteriors(arms, cfg.priorAlpha, cfg.priorBeta);
	const evidence = new Float64Array(2 * arms);
	const window = cfg.kind === 'sliding-window-thompson' ? cfg.window : 0;
	const rounds = new Float64Array(window * 2 * arms);
	let head = 0;
	const refresh = (arm: number) =>
		posteriors.set(arm, cfg.priorAlpha + evidence[arm], cfg.priorBeta + evidence[arms + arm]);
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
			evidence[arm] += s;
			evidence[arms + arm] += f;
			if (window > 0) {
				rounds[head * 2 * arms + arm] += s;
				rounds[head * 2 * arms + arms + arm] += f;
			}
			refresh(arm);
		},
		advance() {
			if (cfg.kind === 'discounted-thompson') {
				for (let i = 0; i < 2 * arms; i++) evidence[i] *= cfg.discount;
			} else {
				head = (head + 1) % window;
				const base = head * 2 * arms;
				for (let i = 0; i < 2 * arms; i++) {
					// Subtracting what was added can leave −1e-17: clamp, the evidence is a count.
					evidence[i] = Math.max(0, evidence[i] - rounds[base + i]);
					rounds[base + i] = 0;
				}
			}
			for (let k = 0; k < arms; k++) refresh(k);
		},
		mean: (arm) => posteriors.mean(arm),
		sd: (arm) => posteriors.sd(arm),
		getState: () => ({ evidence: Array.from(evidence), rounds: Array.from(rounds), head }),
		setState(state) {
			checkLength(state.evidence, 2 * arms, 'evidence');
			checkLength(state.rounds, rounds.length, 'rounds');
			evidence.set(state.evidence);
			rounds.set(state.rounds);
			head = state.head;
			for (let k = 0; k < arms; k++) refresh(k);
		}
	};
}

/** Discounted Thompson sampling over `arms` arms. */
export function createDiscountedThompson(
	config: v.InferInput<typeof DiscountedThompsonConfigSchema>,
	arms: number
): DriftingThompson {
	return createDrifting(
		parseOrThrow(DiscountedThompsonConfigSchema, config, 'discounted Thompson'),
		arms
	);
}

/** Sliding-window Thompson sampling over `arms` arms. */
export function createSlidingWindowThompson(
	config: v.InferInput<typeof SlidingWindowThompsonConfigSchema>,
	arms: number
): DriftingThompson {
	return createDrifting(
		parseOrThrow(SlidingWindowThompsonConfigSchema, config, 'sliding-window Thompson'),
		arms
	);
}
