/**
 * The one owner of the simulator worker: forwards progress and lets the latest run supersede a
 * stale one; starting, cancelling by termination (a run is one synchronous loop, so there is no
 * message it could hear mid-run) and idle shutdown are the shared WorkerClient's.
 */
import type { ProgressCallback, RunRequest, RunSummary } from '../app/run-summary';
import type { SimApi } from './sim.worker';
import { WorkerClient, type WorkerLike } from './worker-client';

export interface RunOptions {
	/** Aborting cancels the run: the worker is terminated and the promise rejects (AbortError). */
	signal?: AbortSignal;
	/** Hears (days done, days) while the run goes. */
	onProgress?: ProgressCallback;
}

export interface SimBridgeOptions {
	/** Terminate the worker after this long without a run, milliseconds. */
	idleMs?: number;
}

export class SimBridge {
	readonly #client: WorkerClient<SimApi>;

	constructor(create: () => WorkerLike, options: SimBridgeOptions = {}) {
		this.#client = new WorkerClient<SimApi>(create, {
			name: 'The simulator',
			idleMs: options.idleMs ?? 10_000,
			cancelled: 'The simulation was cancelled.'
		});
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#client.started;
	}

	/** Whether a run is in progress. */
	get busy(): boolean {
		return this.#client.busy;
	}

	/** Simulate in the worker. A new run supersedes one still in progress (latest wins). */
	run(request: RunRequest, options: RunOptions = {}): Promise<RunSummary> {
		return this.#client.callLatest((remote, progress) => remote.run(request, progress), {
			...options,
			superseded: 'Superseded by a newer simulation.'
		});
	}

	/** Stop the worker now (a run in progress is cancelled); the next run starts a fresh one. */
	terminate(): void {
		this.#client.terminate();
	}
}

/** The app's simulator bridge: one module worker, started on the first run. */
export const simBridge = new SimBridge(
	() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })
);
