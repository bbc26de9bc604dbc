/**
 * The lab's contracts and plain data: what it needs of the pilot pool and of storage, where a
 * scenario came from, the pilot on screen, and how saving and a run stand. Kept apart from the
 * state class (lab.svelte.ts) so components and tests can import them without it.
 */
import type { PilotConfig, PilotResult, SeedResult } from '../experiment/pilot';
import type { PilotDetails } from '../experiment/pilot-details';
import type { Scenario } from '../sim/scenario';
import type { PilotSnapshot } from './pilot-analyst';
import type { PilotCurves } from './pilot-curves';
import type { PilotProgress } from './run-progress';

/** What the lab needs of the pool (the real `PilotPool`, or a fake in tests). */
export interface PilotRunner {
	run(
		request: { scenario: Scenario; config: PilotConfig },
		options: {
			signal?: AbortSignal;
			onProgress?: (progress: PilotProgress) => void;
			onSnapshot?: (snapshot: PilotSnapshot) => void;
			onDetails?: (details: PilotDetails) => void;
			/** Seeds of this same pilot already finished (a retry after a fault). */
			completed?: readonly SeedResult[];
		}
	): Promise<PilotSnapshot & { details: PilotDetails | null }>;
	/** The summary of seeds kept from an interrupted pilot (to show them), null when none. */
	summarizeSeeds?(
		request: { scenario: Scenario; config: PilotConfig },
		completed: readonly SeedResult[]
	): Promise<PilotSnapshot | null>;
}

/** A storage outcome as the lab reads it (`Stored<T>` of src/lib/storage). */
export type SaveOutcome =
	{ ok: true; value: { id: string; name: string } } | { ok: false; error: { message: string } };

/** What the lab needs of storage (src/lib/storage's saveRun and renameRun, or fakes). */
export interface RunStore {
	save(run: {
		preset: string | null;
		scenario: Scenario;
		config: PilotConfig;
		result: PilotResult;
	}): Promise<SaveOutcome>;
	rename(id: string, name: string): Promise<SaveOutcome>;
}

/** Where the scenario came from; `preset` is the preset it started from (share links diff against it). */
export type ScenarioSource =
	| { kind: 'preset'; name: string; preset: string }
	| { kind: 'saved'; id: string; name: string; preset: string | null }
	| { kind: 'link'; name: string; preset: string | null };

/** A pilot on screen: what it ran on and what came out so far. */
export interface ShownPilot {
	scenario: Scenario;
	config: PilotConfig;
	/** The preset the scenario started from (null for a scenario of its own). */
	preset: string | null;
	result: PilotResult;
	/** `resultFingerprint(result)`. */
	fingerprint: string;
	/** True response curves with each policy's operating point. */
	curves: PilotCurves | null;
	/** Per-day detail of the first seed (null while it is computed). */
	details: PilotDetails | null;
	/** Whether the result covers every seed of the config. */
	complete: boolean;
}

/**
 * The run report's props (src/lib/app/RunReport.svelte), the contract with the charts: the Lab
 * and a saved run's page load the report on demand and hand it these.
 */
export interface RunReportProps {
	result: PilotResult;
	scenario: Scenario;
	config: PilotConfig;
	/** The result covers only some of the config's seeds (the pilot is still running). */
	partial?: boolean;
	/** True response curves and operating points (null: still computing). */
	curves?: PilotCurves | null;
	/** Per-day detail of the first seed: creatives and cohorts (null: still computing). */
	details?: PilotDetails | null;
}

/** Where saving the last finished pilot stands. */
export type SaveState =
	| { state: 'idle' }
	| { state: 'saving' }
	| { state: 'saved'; id: string; name: string }
	| { state: 'error'; message: string };

export type LabStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A pilot stopped by a worker fault, which `retry()` can finish. */
export interface Interruption {
	/** What happened, in words, with the seeds kept. */
	message: string;
	/** Seeds that finished before the fault (kept; the retry runs the others). */
	seedsKept: number;
	/** Seeds in the pilot. */
	seeds: number;
}
