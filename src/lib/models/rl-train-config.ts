/**
 * The RL trainer's plain-data types: its settings (saved with a model), what each iteration
 * reports (the live curves), and its whole resumable state.
 */
import type { Objective } from '../policies/policy';
import type { RlWeightsJson } from '../policies/rl-network';

/** Settings of a training run (plain data, saved with the model). */
export interface RlTrainConfig {
	/** Training seed: variants, noise and initial weights derive from it. */
	seed: number;
	/** Iterations to run (each: `pairs` × 2 episodes and one PPO update). */
	iterations: number;
	/** Antithetic episode pairs per iteration. */
	pairs: number;
	/** Days per episode (shorter than a pilot to be fast; the season is randomized instead). */
	horizonDays: number;
	/** History days simulated before each episode. */
	historyDays: number;
	/** Log-sd of the channel-parameter jitter of variants. */
	jitter: number;
	/** Hidden units. */
	hidden: number;
	/** Adam step size at the start (it shrinks with the exploration scale). */
	learningRate: number;
	/** PPO epochs over each iteration's batch. */
	epochs: number;
	/** PPO clip range ε. */
	clip: number;
	/** Approximate KL divergence per batch at which PPO stops its epochs early. */
	targetKl: number;
	/** Discount per weekly decision. */
	gamma: number;
	/** Exploration noise on the logits, start and end of training. */
	sigmaStart: number;
	sigmaEnd: number;
	/** What the reward scores (reward.ts); default LTV-profit. */
	objective: Objective;
	/** Validation: greedy episodes on this many fixed variants every `validateEvery` iterations (0 = off). */
	validationVariants: number;
	/** Iterations between validations. */
	validateEvery: number;
}

/** Defaults: 640 episodes of 12 weeks (a few seconds in node on one core). */
export const DEFAULT_RL_TRAIN: RlTrainConfig = {
	seed: 1,
	iterations: 40,
	pairs: 8,
	horizonDays: 84,
	historyDays: 56,
	jitter: 0.1,
	hidden: 16,
	learningRate: 0.015,
	epochs: 4,
	clip: 0.2,
	targetKl: 0.05,
	gamma: 0.9,
	sigmaStart: 0.3,
	sigmaEnd: 0.15,
	objective: 'ltv-profit',
	validationVariants: 4,
	validateEvery: 5
};

/** What one iteration reports (the live reward and loss curves). */
export interface RlIterationReport {
	/** 1-based iteration number. */
	iteration: number;
	/** Mean episode reward of the iteration's exploring episodes (value per unit of budget). */
	reward: number;
	/** Greedy reward on the validation variants, and business-as-usual's on the same (when validated). */
	validationReward?: number;
	validationBau?: number;
	/** PPO surrogate loss after the update (negative: the improvement the batch predicts; 0 before it). */
	loss: number;
	/** Exploration scale used. */
	sigma: number;
	/** Episodes and market days simulated in the iteration. */
	episodes: number;
	marketDays: number;
}

/** A training run's whole state, plain data. */
export interface RlTrainerState {
	config: RlTrainConfig;
	iteration: number;
	weights: RlWeightsJson;
	adam: { t: number; m: number[][]; v: number[][] };
	history: RlIterationReport[];
}
