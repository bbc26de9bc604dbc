/**
 * The lifecycle every worker bridge shares (Squoosh's WorkerBridge pattern): a comlink worker
 * started on first use; `call` runs a function on its API; aborting a call's signal terminates
 * the worker (synchronous work hears no messages) and rejects every pending call with an
 * AbortError; a worker that dies fails them with a message naming it; an idle worker is shut
 * down after a while, and the next call starts a fresh one. Bridges add only what their worker
 * needs on top (progress proxies, latest-wins, in-worker cancellation).
 */
import * as Comlink from 'comlink';

/** What a bridge needs of a worker (a `Worker`, or a message port in tests). */
export interface WorkerLike extends Comlink.Endpoint {
	terminate(): void;
}

/** A DOMException named AbortError, as `fetch` rejects with. */
export function abortError(message = 'The work was cancelled.'): DOMException {
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

/** Options of a client. */
export interface WorkerClientOptions {
	/** Who the worker is, for messages: "The importer" → "The importer stopped: …". */
	name: string;
	/** Terminate the worker after this long without a call, milliseconds (default 15 s). */
	idleMs?: number;
	/** Message of the AbortError calls get when the worker is stopped or they are cancelled. */
	cancelled?: string;
}

/** Progress as a worker reports it: (done, total). */
export type ProgressProxy = (done: number, total: number) => void;

/** Options of `WorkerClient.callLatest`. */
export interface LatestOptions {
	/** Aborting rejects the call with an AbortError and terminates the worker. */
	signal?: AbortSignal;
	/** Hears (done, total) while the work goes. */
	onProgress?: ProgressProxy;
	/** Message of the AbortError a call still running gets when this one replaces it. */
	superseded: string;
}

interface Pending {
	fail(error: Error): void;
}

export class WorkerClient<Api> {
	readonly #create: () => WorkerLike;
	readonly #name: string;
	readonly #idleMs: number;
	readonly #cancelled: string;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<Api> | null = null;
	readonly #pending = new Set<Pending>();
	#idle: ReturnType<typeof setTimeout> | null = null;

	constructor(create: () => WorkerLike, options: WorkerClientOptions) {
		this.#create = create;
		this.#name = options.name;
		this.#idleMs = options.idleMs ?? 15_000;
		this.#cancelled = options.cancelled ?? 'The work was cancelled.';
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#worker !== null;
	}

	/** Whether a call is in progress. */
	get busy(): boolean {
		return this.#pending.size > 0;
	}

	/**
	 * Run `work` against the worker's API. Aborting `signal` rejects this call with an AbortError
	 * (`cancelled`, or the client's message) and terminates the worker, failing the others too.
	 */
	call<R>(
		work: (remote: Comlink.Remote<Api>) => Promise<R>,
		signal?: AbortSignal,
		cancelled = this.#cancelled
	): Promise<R> {
		if (signal?.aborted) return Promise.reject(abortError(cancelled));
		this.#clearIdle();
		const remote = this.#start();
		return new Promise<R>((resolve, reject) => {
			let settled = false;
			const pending: Pending = { fail: (error) => settle(() => reject(error)) };
			const onAbort = () => {
				pending.fail(abortError(cancelled));
				this.terminate();
			};
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				this.#pending.delete(pending);
				if (this.#pending.size === 0 && this.#worker) this.#scheduleIdle();
				finish();
			};
			this.#pending.add(pending);
			signal?.addEventListener('abort', onAbort, { once: true });
			work(remote).then(
				(value) => settle(() => resolve(value)),
				(error: unknown) => pending.fail(error instanceof Error ? error : new Error(String(error)))
			);
		});
	}

	/**
	 * `call` for work where the latest request wins: a call still running is stopped first (it
	 * rejects with an AbortError saying `superseded`), and `onProgress` reaches `work` as a
	 * comlink proxy of (done, total) that goes quiet once this call settles.
	 */
	callLatest<R>(
		work: (remote: Comlink.Remote<Api>, progress?: ProgressProxy) => Promise<R>,
		options: LatestOptions
	): Promise<R> {
		const { signal, onProgress, superseded } = options;
		if (signal?.aborted) return Promise.reject(abortError(this.#cancelled));
		if (this.busy) this.terminate(superseded);
		let settled = false;
		const progress = onProgress
			? Comlink.proxy((done: number, total: number) => {
					if (!settled) onProgress(done, total);
				})
			: undefined;
		return this.call((remote) => work(remote, progress), signal).finally(() => (settled = true));
	}

	/** Stop the worker now; pending calls reject with an AbortError (`message`, or the client's). */
	terminate(message = this.#cancelled): void {
		this.#clearIdle();
		const pending = [...this.#pending];
		this.#pending.clear();
		for (const p of pending) p.fail(abortError(message));
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	#start(): Comlink.Remote<Api> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		// A worker that fails to load or throws at the top level never answers: fail its calls.
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			const pending = [...this.#pending];
			this.#pending.clear();
			for (const p of pending) p.fail(new Error(`${this.#name} stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<Api>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idle = setTimeout(() => {
			this.#idle = null;
			if (this.#pending.size === 0) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idle !== null) clearTimeout(this.#idle);
		this.#idle = null;
	}
}
