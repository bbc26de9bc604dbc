/**
 * Training the RL allocator with TF.js: PPO-clip (Schulman et al., 2017) with antithetic,
 * common-random-number episode pairs in place of a learned critic.
 *
 * Each iteration draws `pairs` variants of the scenario (scenario-variants.ts), simulates each
 * variant's short history once, and runs two episodes from it with exploration noise +σε and
 * −σε on the logits (rl-rollout.ts). Both episodes face the same market draws, so half the
 * difference of their discounted returns-to-go is an advantage estimate free of market luck —
 * the baseline a critic would have to learn, for free (cf. Kool et al. 2019, "Buy 4 REINFORCE
 * samples, get a baseline for free"; antithetic sampling as in evolution strategies). TF.js
 * computes the gradient of the clipped surrogate for a Gaussian policy on the logits; Adam
 * (adam.ts) updates plain Float64 weights, which the rollouts use directly. The exploration
 * scale σ decays linearly from `sigmaStart` to `sigmaEnd` (with mirrored noise a learned σ would
 * get no gradient).
 *
 * Why this and not a textbook actor-critic: a week's LTV-profit is noisy (demand shocks) and
 * mostly decided by that week's split; paired episodes remove the noise without a critic that
 * must first learn the season, and the allocator starts from the business-as-usual split
 * (rl-init.ts). On dtc-default it beats the fixed split on held-out seeds after a few hundred
 * episodes (tests/unit/models-rl.test.ts).
 *
 * Deterministic: the variants, the noise and the initial weights come from seeded streams, and
 * TF.js's CPU and WASM kernels are deterministic, so the same seed and settings give the same
 * model on the same backend. The whole state (weights, Adam moments, iteration) is plain data:
 * `getState()` / `new RlTrainer(scenario, config, state)` resumes exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { sharedStart } from '../experiment/runner';
import { weightsFromJson, weightsToJson, type RlWeights } from '../policies/rl-network';
import { createBauFixed } from '../policies/bau-fixed';
import { normal } from '../sim/random';
import type { Scenario } from '../sim/scenario';
import { runPolicy } from '../experiment/runner';
import { adamStep, createAdam, type AdamState } from './adam';
import {
	DEFAULT_RL_TRAIN,
	type RlIterationReport,
	type RlTrainConfig,
	type RlTrainerState
} from './rl-train-config';
import { initialRlWeights } from './rl-init';
import { decisionsIn, returnsToGo, runEpisode, type Episode } from './rl-rollout';
import { periodReward } from './reward';
import { scenarioVariant, variantStream } from './scenario-variants';

export {
	DEFAULT_RL_TRAIN,
	type RlIterationReport,
	type RlTrainConfig,
	type RlTrainerState
} from './rl-train-config';

/** Training for one scenario. Call `step()` until `done`; `dispose()` frees TF.js memory. */
export class RlTrainer {
	readonly config: RlTrainConfig;
	readonly scenario: Scenario;
	#weights: RlWeights;
	#adam: AdamState;
	#iteration = 0;
	#history: RlIterationReport[] = [];
	#validationBau: number[] | null = null;

	constructor(scenario: Scenario, config: Partial<RlTrainConfig> = {}, resume?: RlTrainerState) {
		this.scenario = scenario;
		this.config = { ...DEFAULT_RL_TRAIN, ...(resume?.config ?? {}), ...config };
		if (resume) {
			this.#weights = weightsFromJson(resume.weights);
			this.#adam = {
				t: resume.adam.t,
				m: resume.adam.m.map((a) => Float64Array.from(a)),
				v: resume.adam.v.map((a) => Float64Array.from(a))
			};
			this.#iteration = resume.iteration;
			this.#history = [...resume.history];
		} else {
			this.#weights = initialRlWeights(scenario, this.config.hidden, this.config.seed);
			this.#adam = createAdam(this.#params().map((p) => p.length));
		}
	}

	/** Iterations done. */
	get iteration(): number {
		return this.#iteration;
	}

	/** Whether all configured iterations are done. */
	get done(): boolean {
		return this.#iteration >= this.config.iterations;
	}

	/** Reports so far. */
	get history(): readonly RlIterationReport[] {
		return this.#history;
	}

	/** The current weights (a copy). */
	weights(): RlWeights {
		return weightsFromJson(weightsToJson(this.#weights));
	}

	/** The whole state, plain data (to save and resume). */
	getState(): RlTrainerState {
		return {
			config: { ...this.config },
			iteration: this.#iteration,
			weights: weightsToJson(this.#weights),
			adam: {
				t: this.#adam.t,
				m: this.#adam.m.map((a) => Array.from(a)),
				v: this.#adam.v.map((a) => Array.from(a))
			},
			history: [...this.#history]
		};
	}

	#params(): Float64Array[] {
		const w = this.#weights;
		return [w.w1, w.b1, w.w2, w.b2];
	}

	/** Exploration scale at iteration i (0-based). */
	sigmaAt(i: number): number {
		const { sigmaStart, sigmaEnd, iterations } = this.config;
		const f = iterations > 1 ? Math.min(1, i / (iterations - 1)) : 1;
		return sigmaStart + (sigmaEnd - sigmaStart) * f;
	}

	/** One iteration: rollouts, then a PPO update. */
	step(): RlIterationReport {
		const cfg = this.config;
		const i = this.#iteration;
		const sigma = this.sigmaAt(i);
		const C = this.#weights.outputs;
		const T = decisionsIn(cfg.horizonDays);
		const settings = { objective: cfg.objective, guardrails: DEFAULT_GUARDRAILS };
		const episodes: Episode[] = [];
		const advantages: number[] = [];
		let marketDays = 0;
		for (let p = 0; p < cfg.pairs; p++) {
			const rng = variantStream(cfg.seed, i * 1000 + p);
			const variant = scenarioVariant(this.scenario, rng, {
				days: cfg.horizonDays,
				historyDays: cfg.historyDays,
				jitter: cfg.jitter
			});
			const noise = Float64Array.from({ length: T * C }, () => normal(rng));
			const start = sharedStart(variant, variant.seed, variant.days);
			const plus = runEpisode(variant, start, this.#weights, noise, 1, sigma, settings);
			const minus = runEpisode(variant, start, this.#weights, noise, -1, sigma, settings);
			marketDays += cfg.historyDays + 2 * cfg.horizonDays;
			const gPlus = returnsToGo(plus.rewards, cfg.gamma);
			const gMinus = returnsToGo(minus.rewards, cfg.gamma);
			episodes.push(plus, minus);
			const a = Array.from(gPlus, (g, t) => (g - gMinus[t]) / 2);
			advantages.push(...a.slice(0, plus.steps), ...a.slice(0, minus.steps).map((x) => -x));
		}
		const loss = this.#update(episodes, advantages, sigma);
		this.#iteration++;
		const report: RlIterationReport = {
			iteration: this.#iteration,
			reward: episodes.reduce((acc, e) => acc + e.totalReward, 0) / episodes.length,
			loss,
			sigma,
			episodes: episodes.length,
			marketDays
		};
		if (
			cfg.validateEvery > 0 &&
			cfg.validationVariants > 0 &&
			(this.#iteration % cfg.validateEvery === 0 || this.done)
		) {
			const { policy, bau, days } = this.validate();
			report.validationReward = policy;
			report.validationBau = bau;
			report.marketDays += days;
		}
		this.#history.push(report);
		return report;
	}

	/**
	 * Greedy reward (no exploration) on fixed validation variants, and the fixed historical
	 * split's on the same markets (computed once).
	 */
	validate(): { policy: number; bau: number; days: number } {
		const cfg = this.config;
		const settings = { objective: cfg.objective, guardrails: DEFAULT_GUARDRAILS };
		let policy = 0;
		let days = 0;
		const bau: number[] = [];
		for (let v = 0; v < cfg.validationVariants; v++) {
			const variant = scenarioVariant(this.scenario, variantStream(cfg.seed, -1 - v), {
				days: cfg.horizonDays,
				historyDays: cfg.historyDays,
				jitter: cfg.jitter
			});
			const start = sharedStart(variant, variant.seed, variant.days);
			policy += runEpisode(variant, start, this.#weights, null, 1, 0, settings).totalReward;
			days += cfg.historyDays + cfg.horizonDays;
			if (!this.#validationBau) {
				const shares = Object.fromEntries(variant.channels.map((c) => [c.id, c.historicalShare]));
				const run = runPolicy(
					variant,
					createBauFixed({ kind: 'bau-fixed', shares }),
					{ seed: variant.seed, days: variant.days, ...settings },
					{},
					start
				);
				const H = run.historyDays;
				bau.push(periodReward(run.trace, cfg.objective, H, H + variant.days, variant.dailyBudget));
				days += cfg.horizonDays;
			}
		}
		if (!this.#validationBau) this.#validationBau = bau;
		const n = cfg.validationVariants;
		return { policy: policy / n, bau: this.#validationBau.reduce((a, b) => a + b, 0) / n, days };
	}

	/** PPO epochs on the batch; returns the last epoch's surrogate loss. */
	#update(episodes: Episode[], advantages: number[], sigma: number): number {
		const w = this.#weights;
		const F = w.inputs;
		const C = w.outputs;
		const N = advantages.length;
		const states = new Float32Array(N * F);
		const actions = new Float32Array(N * C);
		let row = 0;
		for (const e of episodes) {
			states.set(e.states.subarray(0, e.steps * F), row * F);
			actions.set(e.actions.subarray(0, e.steps * C), row * C);
			row += e.steps;
		}
		// Normalise advantages by their scale (pairs are already centred).
		let ss = 0;
		for (const a of advantages) ss += a * a;
		const scale = Math.sqrt(ss / Math.max(1, N)) + 1e-12;
		const cfg = this.config;
		let lastLoss = 0;
		tf.tidy(() => {
			const S = tf.tensor2d(states, [N, F]);
			const Z = tf.tensor2d(actions, [N, C]);
			const A = tf.tensor1d(Float32Array.from(advantages, (a) => a / scale));
			const vars = () => ({
				w1: tf.tensor2d(Float32Array.from(w.w1), [F, w.hidden]),
				b1: tf.tensor1d(Float32Array.from(w.b1)),
				w2: tf.tensor2d(Float32Array.from(w.w2), [w.hidden, C]),
				b2: tf.tensor1d(Float32Array.from(w.b2))
			});
			const logProb = (p: ReturnType<typeof vars>) => {
				const mean = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(S, p.w1), p.b1)), p.w2), p.b2);
				return tf.div(tf.sum(tf.square(tf.sub(Z, mean)), 1), -2 * sigma * sigma);
			};
			const oldLogProb = logProb(vars());
			const surrogate = (lp: tf.Tensor) => {
				const ratio = tf.exp(tf.sub(lp, oldLogProb));
				const clipped = tf.clipByValue(ratio, 1 - cfg.clip, 1 + cfg.clip);
				return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, A), tf.mul(clipped, A)))) as tf.Scalar;
			};
			// Steps in logit space shrink with the exploration scale, and the epochs stop once the
			// policy has moved a target KL divergence away from the one that collected the batch.
			const learningRate = (cfg.learningRate * sigma) / cfg.sigmaStart;
			for (let epoch = 0; epoch < cfg.epochs; epoch++) {
				const p = vars();
				if (epoch > 0 && tf.mean(tf.sub(oldLogProb, logProb(p))).dataSync()[0] > cfg.targetKl)
					break;
				const { grads } = tf.valueAndGrads((w1, b1, w2, b2) =>
					surrogate(logProb({ w1, b1, w2, b2 } as never))
				)([p.w1, p.b1, p.w2, p.b2]);
				adamStep(
					this.#adam,
					this.#params(),
					grads.map((g) => g.dataSync()),
					{ learningRate }
				);
			}
			// The surrogate after the update: minus the improvement the batch predicts (0 before it).
			lastLoss = surrogate(logProb(vars())).dataSync()[0];
		});
		return lastLoss;
	}
}
