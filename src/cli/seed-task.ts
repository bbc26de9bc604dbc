/**
 * One unit of pilot work, as the CLI's worker threads and its single-thread path both run it:
 * every policy of a pilot on one seed, timed per policy (for `npm run bench`).
 */
import { runSeed, type PilotConfig, type SeedResult } from '../lib/experiment/pilot';
import type { Scenario } from '../lib/sim/scenario';

/** A seed's results and how long it took. */
export interface TimedSeed {
	result: SeedResult;
	/** Wall milliseconds per policy, in the pilot's policy order; the first includes the seed's history. */
	policyMs: number[];
	/** Wall milliseconds for the whole seed. */
	ms: number;
}

/** Run every policy of `config` on `seed`, keeping decision logs when asked (the pilot's first seed). */
export function runTimedSeed(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	keepLogs: boolean
): TimedSeed {
	const start = performance.now();
	const policyMs: number[] = [];
	let last = start;
	const result = runSeed(
		scenario,
		config,
		seed,
		{
			onRun: () => {
				const now = performance.now();
				policyMs.push(now - last);
				last = now;
			}
		},
		keepLogs
	);
	// runSeed returns null only when a hook cancels, and this one never does.
	if (!result) throw new Error(`seed ${seed} was cancelled`);
	return { result, policyMs, ms: performance.now() - start };
}
