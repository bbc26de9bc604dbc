/**
 * The one owner of the simulator worker (Squoosh's WorkerBridge pattern): starts it on first
 * use, forwards progress, cancels by terminating it (a run is one synchronous loop, so there is
 * no message it could hear mid-run), lets the latest run supersede a stale one, and shuts the
 * worker down when it has been idle for a while.
 */
import * as Comlink from 'comlink';
import type { ProgressCallback, RunRequest, RunSummary } from '../app/run-summary';
import type { SimApi } from './sim.worker';

/** What the bridge needs of a worker (a `Worker`, or a message port in tests). */
export interface WorkerLike extends Comlink.Endpoint {
	terminate(): void;
}

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

interface PendingRun {
	fail: (error: Error) => void;
}

/** A DOMException named AbortError, as `fetch` rejects with. */
export function abortError(message = 'The simulation was cancelled.'): DOMException {
	return new DOMException(message, 'AbortError');
}

/** Whether an error is a cancellation (not a failure to report). */
export function isAbortError(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { name?: unknown }).name === 'AbortError'
	);
}

export class SimBridge {
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<SimApi> | null = null;
	#pending: PendingRun | null = null;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(create: () => WorkerLike, options: SimBridgeOptions = {}) {
		this.#create = create;
		this.#idleMs = options.idleMs ?? 10_000;
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#worker !== null;
	}

	/** Whether a run is in progress. */
	get busy(): boolean {
		return this.#pending !== null;
	}

	/** Simulate in the worker. A new run supersedes one still in progress (latest wins). */
	run(request: RunRequest, options: RunOptions = {}): Promise<RunSummary> {
		const { signal, onProgress } = options;
		if (signal?.aborted) return Promise.reject(abortError());
		if (this.#pending) {
			this.#pending.fail(abortError('Superseded by a newer simulation.'));
			this.terminate();
		}
		this.#clearIdle();
		const remote = this.#start();
		return new Promise<RunSummary>((resolve, reject) => {
			let settled = false;
			const pending: PendingRun = { fail: (error) => settle(() => reject(error)) };
			const onAbort = () => {
				pending.fail(abortError());
				this.terminate();
			};
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				if (this.#pending === pending) {
					this.#pending = null;
					this.#scheduleIdle();
				}
				finish();
			};
			this.#pending = pending;
			signal?.addEventListener('abort', onAbort, { once: true });
			const progress = onProgress
				? Comlink.proxy((done: number, days: number) => {
						if (!settled) onProgress(done, days);
					})
				: undefined;
			remote.run(request, progress).then(
				(summary) => settle(() => resolve(summary)),
				(error: unknown) =>
					settle(() => reject(error instanceof Error ? error : new Error(String(error))))
			);
		});
	}

	/** Stop the worker now (a run in progress is cancelled); the next run starts a fresh one. */
	terminate(): void {
		this.#clearIdle();
		const pending = this.#pending;
		this.#pending = null;
		pending?.fail(abortError());
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	#start(): Comlink.Remote<SimApi> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		// A worker that fails to load or throws at the top level never answers: fail the run.
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			this.#pending?.fail(new Error(`The simulator stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<SimApi>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (!this.#pending) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}

/** The app's simulator bridge: one module worker, started on the first run. */
export const simBridge = new SimBridge(
	() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })
);
