/**
 * Any seed of a pilot for the report, on demand. A pilot keeps the decision logs and per-day
 * detail of its first seed only (a log per policy and seed would make a stored run tens of
 * megabytes), but every seed reproduces exactly from the scenario, the pilot's config and the
 * seed, so the lab runs the one seed asked for again. It does so in a pilot worker of its own:
 * the pool's runners may be busy with a pilot, and this must not wait for it or disturb it.
 */
import type { PilotConfig } from '../experiment/pilot';
import type { SeedView } from '../experiment/pilot-details';
import type { Scenario } from '../sim/scenario';
import type { PilotApi } from './pilot.worker';
import { abortError, WorkerClient, type WorkerLike } from './worker-client';

export type { SeedView };

export interface SeedViewOptions {
	/** Aborting cancels the re-run: the worker is terminated and the promise rejects (AbortError). */
	signal?: AbortSignal;
	/** Hears (policies done, policies) as the seed runs. */
	onProgress?: (done: number, total: number) => void;
}

const CANCELLED = 'Running the seed again was cancelled.';

export class SeedViewBridge {
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
	 * Run `seed` of the pilot again: every policy's decision log and per-day detail. A new
	 * request supersedes one still running (latest wins).
	 */
	view(
		scenario: Scenario,
		config: PilotConfig,
		seed: number,
		options: SeedViewOptions = {}
	): Promise<SeedView> {
		return this.#client.callLatest(
			async (remote, progress) => {
				const view = await remote.seedView(scenario, config, seed, progress);
				if (!view) throw abortError(CANCELLED);
				return view;
			},
			{ ...options, superseded: 'Superseded by another seed.' }
		);
	}

	/** Stop the worker now (a re-run in progress is cancelled). */
	terminate(): void {
		this.#client.terminate();
	}
}

/** The app's seed re-runs: one pilot worker of their own, started on the first request. */
export const seedViewBridge = new SeedViewBridge(
	() => new Worker(new URL('./pilot.worker.ts', import.meta.url), { type: 'module' })
);
