/**
 * One training episode of the RL allocator: the allocator runs through the pilot runner (so
 * guardrails, pacing and the market are exactly those of a pilot) on a scenario variant, with
 * exploration noise added to its logits at every weekly decision. Returns what the learner
 * needs: states, the logits actually used (actions), and one reward per decision.
 *
 * Exploration is antithetic: a pair of episodes starts from the same market (same history, same
 * future random draws — common random numbers) and uses noise +σε and −σε. The difference of the
 * pair's returns then measures the effect of the noise alone, not the luck of the market.
 */
import type { GuardrailConfig } from '../guardrails/types';
import { runPolicy, type SharedStart } from '../experiment/runner';
import type { Objective } from '../policies/policy';
import { createRlAllocator } from '../policies/rl-allocator';
import type { RlWeights } from '../policies/rl-network';
import type { Scenario } from '../sim/scenario';
import { periodReward } from './reward';

/** Days between the allocator's decisions (its cadence is weekly). */
export const DECISION_DAYS = 7;

/** What an episode recorded. */
export interface Episode {
	/** Decisions made. */
	steps: number;
	/** State per decision [steps × inputs]. */
	states: Float64Array;
	/** Logits used per decision, noise included [steps × outputs]. */
	actions: Float64Array;
	/** Reward per decision period (reward.ts) [steps]. */
	rewards: Float64Array;
	/** Reward of the whole episode: its value per unit of budget. */
	totalReward: number;
	/** Market days simulated. */
	days: number;
}

/** Settings shared by the episodes of a training run. */
export interface EpisodeSettings {
	objective: Objective;
	guardrails: GuardrailConfig;
}

/** Decisions in an episode of `days` pilot days. */
export function decisionsIn(days: number): number {
	return Math.ceil(days / DECISION_DAYS);
}

/**
 * Run one episode of `variant` from `start` (its market after history). `noise` holds standard
 * normal draws [decisions × outputs]; the logits get `sign · sigma · noise` added.
 */
export function runEpisode(
	variant: Scenario,
	start: SharedStart,
	weights: RlWeights,
	noise: Float64Array | null,
	sign: 1 | -1,
	sigma: number,
	settings: EpisodeSettings
): Episode {
	const days = variant.days;
	const T = decisionsIn(days);
	const F = weights.inputs;
	const C = weights.outputs;
	const states = new Float64Array(T * F);
	const actions = new Float64Array(T * C);
	let t = 0;
	const policy = createRlAllocator(weights, {
		explore(state, logits) {
			if (t >= T) return;
			if (noise) for (let c = 0; c < C; c++) logits[c] += sign * sigma * noise[t * C + c];
			states.set(state, t * F);
			actions.set(logits, t * C);
			t++;
		}
	});
	const run = runPolicy(
		variant,
		policy,
		{
			seed: variant.seed,
			days,
			objective: settings.objective,
			guardrails: settings.guardrails
		},
		{},
		start
	);
	const H = run.historyDays;
	const rewards = new Float64Array(T);
	for (let i = 0; i < T; i++) {
		const from = H + i * DECISION_DAYS;
		const to = H + Math.min(days, (i + 1) * DECISION_DAYS);
		rewards[i] = periodReward(run.trace, settings.objective, from, to, variant.dailyBudget);
	}
	return {
		steps: t,
		states,
		actions,
		rewards,
		totalReward: periodReward(run.trace, settings.objective, H, H + days, variant.dailyBudget),
		days
	};
}

/** Discounted returns-to-go of a reward sequence: G_t = r_t + γ·G_{t+1}. */
export function returnsToGo(rewards: ArrayLike<number>, gamma: number): Float64Array {
	const out = new Float64Array(rewards.length);
	let acc = 0;
	for (let t = rewards.length - 1; t >= 0; t--) {
		acc = rewards[t] + gamma * acc;
		out[t] = acc;
	}
	return out;
}
