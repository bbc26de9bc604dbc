/**
 * What the pilot pool (pilot-pool.ts) takes and gives: the pilot to run, how to hear from it
 * while it runs, what comes out, and the pool's own settings.
 */
import type { PilotConfig, SeedResult } from '../experiment/pilot';
import type { PilotDetails } from '../experiment/pilot-details';
import type { Scenario } from '../sim/scenario';
import type { PilotSnapshot } from '../app/pilot-analyst';
import type { PilotProgress } from '../app/run-progress';

/** A pilot to run: a validated scenario and config. */
export interface PilotRequest {
	scenario: Scenario;
	config: PilotConfig;
}

/** A finished pilot: the summary of every seed, its fingerprint and curves, the first seed's detail. */
export interface PilotOutcome extends PilotSnapshot {
	details: PilotDetails | null;
}

export interface PilotRunOptions {
	/** Aborting cancels the pilot: its promise rejects with an AbortError. */
	signal?: AbortSignal;
	/** Progress after every policy run, and every second. */
	onProgress?: (progress: PilotProgress) => void;
	/** The summary so far, after finished seeds (in order; the last one covers every seed). */
	onSnapshot?: (snapshot: PilotSnapshot) => void;
	/** The first seed's per-day detail, once ready. */
	onDetails?: (details: PilotDetails) => void;
	/**
	 * Seeds of this same pilot that already finished (from a `PilotInterrupted`): they are not
	 * run again. Seed results are deterministic, so the outcome equals an uninterrupted run's.
	 */
	completed?: readonly SeedResult[];
}

export interface PilotPoolOptions {
	/** Seed runners (default: hardwareConcurrency − 1, at least 1). */
	size?: number;
	/** Terminate workers after this long without a pilot, ms. */
	idleMs?: number;
	/** How long a cancelled worker may take to stop by itself before it is terminated, ms. */
	cancelGraceMs?: number;
	/**
	 * Least time between two partial summaries, ms: each one redraws the report on the main
	 * thread, so they come at a calm pace (the final summary is never held back).
	 */
	snapshotGapMs?: number;
	/** A busy worker silent for this long is taken for dead and the pilot interrupted, ms. */
	stallMs?: number;
}
