/**
 * ε-greedy: pull the arm with the best mean reward so far, except with probability ε a uniformly
 * random arm (Sutton & Barto §2.2; MABWiser's EpsilonGreedy). Arms never pulled go first. With a
 * fixed ε it keeps exploring forever, so its regret grows linearly in the number of pulls.
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { ArmMeans, type ArmMeansState } from './arm-means';
import { between, parseOrThrow, strict } from './schema';

/** `{ kind: 'epsilon-greedy', epsilon }`. */
export const EpsilonGreedyConfigSchema = strict({
	kind: v.literal('epsilon-greedy'),
	/** Probability of pulling a uniformly random arm instead of the best-looking one, 0–1 (default 0.1). */
	epsilon: v.optional(between(0, 1), 0.1)
});

/** A validated ε-greedy config, defaults filled. */
export type EpsilonGreedyConfig = v.InferOutput<typeof EpsilonGreedyConfigSchema>;

/** An ε-greedy bandit over a fixed number of arms. */
export interface EpsilonGreedy {
	/** The validated config, defaults filled. */
	readonly config: EpsilonGreedyConfig;
	/** Number of arms. */
	readonly arms: number;
	/** The arm to pull next. */
	select(rng: Rng): number;
	/** Learn `reward` (reward units) from one pull of `arm`, counted `weight` times. */
	update(arm: number, reward: number, weight?: number): void;
	/** Mean reward of `arm` so far (0 if never pulled). */
	mean(arm: number): number;
	/** Total weight of `arm`'s observations. */
	count(arm: number): number;
	/** Standard error of `arm`'s mean, reward units (NaN before two observations). */
	standardError(arm: number): number;
	/** The learned state as plain data (JSON-safe). */
	getState(): ArmMeansState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: ArmMeansState): void;
}

/** An ε-greedy bandit over `arms` arms (throws on an invalid config). */
export function createEpsilonGreedy(
	config: v.InferInput<typeof EpsilonGreedyConfigSchema>,
	arms: number
): EpsilonGreedy {
	const cfg = parseOrThrow(EpsilonGreedyConfigSchema, config, 'ε-greedy');
	const stats = new ArmMeans(arms);
	return {
		config: cfg,
		arms,
		select(rng) {
			const untried = stats.untried();
			if (untried >= 0) return untried;
			if (rng.next() < cfg.epsilon) return Math.floor(rng.next() * arms);
			return stats.best();
		},
		update: (arm, reward, weight = 1) => stats.add(arm, reward, weight),
		mean: (arm) => stats.means[arm],
		count: (arm) => stats.counts[arm],
		standardError: (arm) => stats.standardError(arm),
		getState: () => stats.getState(),
		setState: (state) => stats.setState(state)
	};
}
