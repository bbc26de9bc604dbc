/**
 * The pilot worker. The pool (pilot-pool.ts) starts several: most run seeds (`runSeeds`), one
 * is the analyst that collects their results and summarises (`begin`, `addSeed`, `summarize`,
 * `details`, and `describe` for a finished pilot).
 * Thin on purpose: the work lives in experiment/pilot.ts and app/pilot-analyst.ts, tested in
 * node. The UI imports only the `PilotApi` type.
 *
 * Cancelling: `cancel()` bumps a generation; a run of an older generation stops at the next
 * policy boundary (the hooks' return value) or between seeds, where the worker yields so the
 * message can arrive. A seed is one synchronous loop, so the pool also terminates a worker that
 * does not stop within its grace period.
 */
import * as Comlink from 'comlink';
import { runSeed, type PilotConfig, type PilotResult, type SeedResult } from '../experiment/pilot';
import {
	detailTransferables,
	seedView,
	seedViewTransferables,
	type PilotDetails,
	type SeedView
} from '../experiment/pilot-details';
import type { Scenario } from '../sim/scenario';
import {
	PilotAnalyst,
	seedTransferables,
	snapshotTransferables,
	type PilotSnapshot
} from '../app/pilot-analyst';
import { curveTransferables, type PilotCurves } from '../app/pilot-curves';

/** Hears (seed, policies done, policies) after each policy of a seed. */
export type SeedProgressCallback = (seed: number, done: number, total: number) => void;

/** Runs of an older generation stop: `cancel()` moves it on. */
let generation = 0;
/** The analyst's current pilot: calls naming another are stale and ignored. */
let analysisId = -1;
const analyst = new PilotAnalyst();

/** Let queued messages (a `cancel()`) be handled before the next seed. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const release = (callback: unknown) =>
	(callback as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();

const api = {
	/**
	 * Run `seeds` of the pilot one after another; decision logs are kept for `logsFor` (the
	 * pilot's first seed). Resolves with the seed results (logs transferred), or null when
	 * cancelled. `onProgress` is a `Comlink.proxy`.
	 */
	async runSeeds(
		scenario: Scenario,
		config: PilotConfig,
		seeds: number[],
		logsFor: number | null,
		onProgress?: SeedProgressCallback
	): Promise<SeedResult[] | null> {
		const mine = generation;
		const results: SeedResult[] = [];
		try {
			for (const seed of seeds) {
				if (mine !== generation) return null;
				const result = runSeed(
					scenario,
					config,
					seed,
					{
						onRun: (done, total) => {
							void onProgress?.(seed, done, total);
							return mine === generation;
						}
					},
					seed === logsFor
				);
				if (!result) return null;
				results.push(result);
				await yieldToMessages();
			}
			return Comlink.transfer(results, seedTransferables(results));
		} finally {
			release(onProgress);
		}
	},

	/**
	 * Run `seed` of the pilot again for the report: every policy's decision log and per-day
	 * detail (seeds reproduce exactly). Null when cancelled. `onProgress` hears (policies done, policies).
	 */
	seedView(
		scenario: Scenario,
		config: PilotConfig,
		seed: number,
		onProgress?: (done: number, total: number) => void
	): SeedView | null {
		const mine = generation;
		try {
			const view = seedView(scenario, config, seed, (done, total) => {
				void onProgress?.(done, total);
				return mine === generation;
			});
			return view ? Comlink.transfer(view, seedViewTransferables(view)) : null;
		} finally {
			release(onProgress);
		}
	},

	/** Stop runs in progress at their next policy boundary. */
	cancel(): void {
		generation++;
	},

	/** Analyst: start collecting pilot `id`. */
	begin(id: number, scenario: Scenario, config: PilotConfig): void {
		analysisId = id;
		analyst.begin(scenario, config);
	},

	/** Analyst: add a finished seed of pilot `id`. */
	addSeed(id: number, result: SeedResult): void {
		if (id === analysisId) analyst.addSeed(result);
	},

	/** Analyst: the summary so far of pilot `id` (null when stale or empty); buffers transferred. */
	summarize(id: number): PilotSnapshot | null {
		if (id !== analysisId) return null;
		const snapshot = analyst.summarize();
		return snapshot ? Comlink.transfer(snapshot, snapshotTransferables(snapshot)) : null;
	},

	/** Analyst: the first seed's per-day detail of pilot `id` (null when stale or cancelled). */
	details(id: number): PilotDetails | null {
		if (id !== analysisId) return null;
		const mine = generation;
		const details = analyst.details(() => mine === generation && id === analysisId);
		return details ? Comlink.transfer(details, detailTransferables(details)) : null;
	},

	/**
	 * Analyst: the curves and first-seed detail of a finished pilot (a run opened from storage
	 * or a link), computed from its config and result.
	 */
	describe(
		scenario: Scenario,
		config: PilotConfig,
		result: PilotResult
	): { curves: PilotCurves; details: PilotDetails | null } {
		analysisId = -1;
		analyst.begin(scenario, config);
		const curves = analyst.curvesFor(result);
		const details = analyst.details();
		return Comlink.transfer({ curves, details }, [
			...curveTransferables(curves),
			...(details ? detailTransferables(details) : [])
		]);
	}
};

Comlink.expose(api);

/** The worker's interface, for `Comlink.wrap<PilotApi>` in the pool. */
export type PilotApi = typeof api;
