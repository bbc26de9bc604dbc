/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): pull the arm with the highest upper confidence
 * bound
 *
 *     index(k) = mean(k) + alpha · √(2 · ln t / n(k))
 *
 * with t the total pulls and n(k) the pulls of arm k; arms never pulled go first. For rewards in
 * [0, 1] and alpha = 1 its regret grows as O(ln t). Deterministic: `select` ignores the rng.
 */
import * as v from 'valibot';
import type { Rng } from '../../sim/random';
import { ArmMeans, type ArmMeansState } from './arm-means';
import { nonNegative, parseOrThrow, strict } from './schema';
import * as pm from '../../sim/portable-math';

/** `{ kind: 'ucb1', alpha }`. */
export const Ucb1ConfigSchema = strict({
	kind: v.literal('ucb1'),
	/** Width of the confidence bonus, in reward units for rewards in [0, 1] (default 1, Auer's UCB1). */
	alpha: v.optional(nonNegative(), 1)
});

/** A validated UCB1 config, defaults filled. */
export type Ucb1Config = v.InferOutput<typeof Ucb1ConfigSchema>;

/** A UCB1 bandit over a fixed number of arms. */
export interface Ucb1 {
	/** The validated config, defaults filled. */
	readonly config: Ucb1Config;
	/** Number of arms. */
	readonly arms: number;
	/** The arm with the highest index (first on ties). */
	select(rng?: Rng): number;
	/**
	 * The upper confidence bound of `arm` if it had `extraPulls` more pulls and all arms
	 * `extraTotal` more (default the same): allocators use it to spread a budget over arms whose
	 * bounds overlap, as if each slice of budget already were a pull.
	 */
	index(arm: number, extraPulls?: number, extraTotal?: number): number;
	/** Learn `reward` (reward units, ideally in [0, 1]) from one pull of `arm`, counted `weight` times. */
	update(arm: number, reward: number, weight?: number): void;
	/** Mean reward of `arm` so far, reward units (0 if never pulled). */
	mean(arm: number): number;
	/** Total weight of `arm`'s observations. */
	count(arm: number): number;
	/** Standard error of `arm`'s mean, reward units (NaN before two observations). */
	standardError(arm: number): number;
	/** Total weight of all observations (t). */
	total(): number;
	/** The learned state as plain data (JSON-safe). */
	getState(): ArmMeansState;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: ArmMeansState): void;
}

/** A UCB1 bandit over `arms` arms (throws on an invalid config). */
export function createUcb1(config: v.InferInput<typeof Ucb1ConfigSchema>, arms: number): Ucb1 {
	const cfg = parseOrThrow(Ucb1ConfigSchema, config, 'UCB1');
	const stats = new ArmMeans(arms);
	// ln t of the last t asked: a choice asks every arm's index at the same t, and the portable
	// logarithm costs more than the rest of an index.
	let lastT = 1;
	let lastLog = 0;
	const index = (arm: number, extraPulls = 0, extraTotal = extraPulls): number => {
		const n = stats.counts[arm] + extraPulls;
		if (!(n > 0)) return Infinity;
		const t = Math.max(1, stats.total + extraTotal);
		if (t !== lastT) {
			lastT = t;
			lastLog = pm.log(t);
		}
		return stats.means[arm] + cfg.alpha * Math.sqrt((2 * lastLog) / n);
	};
	return {
		config: cfg,
		arms,
		select() {
			let best = 0;
			let bestIndex = -Infinity;
			for (let k = 0; k < arms; k++) {
				const u = index(k);
				if (u > bestIndex) {
					bestIndex = u;
					best = k;
				}
			}
			return best;
		},
		index,
		update: (arm, reward, weight = 1) => stats.add(arm, reward, weight),
		mean: (arm) => stats.means[arm],
		count: (arm) => stats.counts[arm],
		standardError: (arm) => stats.standardError(arm),
		total: () => stats.total,
		getState: () => stats.getState(),
		setState: (state) => stats.setState(state)
	};
}
