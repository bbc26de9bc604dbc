/**
 * Decision logs of any seed of a pilot, on demand. A pilot keeps the logs of its first seed only
 * (a log per policy and seed would make a stored run tens of megabytes), but every seed
 * reproduces exactly from the scenario, the pilot's config and the seed, so the lab re-runs the
 * one seed asked for. It does so in a pilot worker of its own: the pool's runners may be busy
 * with a pilot, and this must not wait for it or disturb it.
 */
import * as Comlink from 'comlink';
import type { DecisionLog } from '../experiment/decision-log';
import type { PilotConfig } from '../experiment/pilot';
import type { Scenario } from '../sim/scenario';
import type { PilotApi } from './pilot.worker';
import { abortError, WorkerClient, type WorkerLike } from './worker-client';

/** Decision logs of one seed, by policy id. */
export type SeedLogs = Record<string, DecisionLog>;

export interface SeedLogOptions {
	/** Aborting cancels the re-run: the worker is terminated and the promise rejects (AbortError). */
	signal?: AbortSignal;
	/** Hears (policies done, policies) as the seed runs. */
	onProgress?: (done: number, total: number) => void;
}

const CANCELLED = 'Re-running the seed was cancelled.';

export class SeedLogBridge {
	readonly #client: WorkerClient<PilotApi>;

	constructor(create: () => WorkerLike, options: { idleMs?: number } = {}) {
		this.#client = new WorkerClient<PilotApi>(create, {
			name: 'The seed re-run',
			idleMs: options.idleMs ?? 20_000,
			cancelled: CANCELLED
		});
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#client.started;
	}

	/**
	 * Run `seed` of the pilot again, keeping every policy's decision log. A new request supersedes
	 * one still running (latest wins).
	 */
	logs(
		scenario: Scenario,
		config: PilotConfig,
		seed: number,
		options: SeedLogOptions = {}
	): Promise<SeedLogs> {
		const { signal, onProgress } = options;
		if (signal?.aborted) return Promise.reject(abortError(CANCELLED));
		if (this.#client.busy) this.#client.terminate('Superseded by another seed.');
		let settled = false;
		const progress = onProgress
			? Comlink.proxy((_seed: number, done: number, total: number) => {
					if (!settled) onProgress(done, total);
				})
			: undefined;
		return this.#client
			.call(async (remote) => {
				const results = await remote.runSeeds(scenario, config, [seed], seed, progress);
				if (!results?.[0]) throw abortError(CANCELLED);
				return results[0].logs;
			}, signal)
			.finally(() => (settled = true));
	}

	/** Stop the worker now (a re-run in progress is cancelled). */
	terminate(): void {
		this.#client.terminate();
	}
}

/** The app's seed re-runs: one pilot worker of their own, started on the first request. */
export const seedLogBridge = new SeedLogBridge(
	() => new Worker(new URL('./pilot.worker.ts', import.meta.url), { type: 'module' })
);
