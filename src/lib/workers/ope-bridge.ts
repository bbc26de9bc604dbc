/**
 * The one owner of the off-policy evaluation worker: starts it on first use, cancels a request
 * by terminating the worker (each request is one synchronous loop, so it could not hear a
 * message mid-run), and shuts the worker down when idle. The worker keeps the last log it
 * loaded; a fresh worker rebuilds it from the source every request carries.
 */
import * as Comlink from 'comlink';
import { abortError, type WorkerLike } from './sim-bridge';
import type { OpeRunner } from '../app/ope-lab.svelte';
import type { OpeParsed } from '../experiment/ope/log';
import type { LogSummary, OpeEvaluation } from '../experiment/ope/ope-session';
import type { OpeApi } from './ope.worker';

/** Options of the bridge. */
export interface OpeBridgeOptions {
	/** Terminate the worker after this long without a request, milliseconds (default 60 s). */
	idleMs?: number;
}

/** Starts, calls, cancels and retires the OPE worker. */
export class OpeBridge {
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<OpeApi> | null = null;
	#pending = new Set<(error: Error) => void>();
	#idleTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(create: () => WorkerLike, options: OpeBridgeOptions = {}) {
		this.#create = create;
		this.#idleMs = options.idleMs ?? 60_000;
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#worker !== null;
	}

	/**
	 * Run `task` against the worker. Aborting `signal` terminates the worker (cancelling every
	 * request in it) and rejects with an AbortError.
	 */
	call<T>(task: (remote: Comlink.Remote<OpeApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
		if (signal?.aborted) return Promise.reject(abortError('The evaluation was cancelled.'));
		this.#clearIdle();
		const remote = this.#start();
		return new Promise<T>((resolve, reject) => {
			let settled = false;
			const fail = (error: Error) => settle(() => reject(error));
			const onAbort = () => {
				fail(abortError('The evaluation was cancelled.'));
				this.terminate();
			};
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				this.#pending.delete(fail);
				if (this.#pending.size === 0) this.#scheduleIdle();
				finish();
			};
			this.#pending.add(fail);
			signal?.addEventListener('abort', onAbort, { once: true });
			task(remote).then(
				(value) => settle(() => resolve(value)),
				(error: unknown) => fail(error instanceof Error ? error : new Error(String(error)))
			);
		});
	}

	/** Stop the worker now; requests in it reject with an AbortError. */
	terminate(): void {
		this.#clearIdle();
		const pending = [...this.#pending];
		this.#pending.clear();
		for (const fail of pending) fail(abortError('The evaluation was cancelled.'));
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	#start(): Comlink.Remote<OpeApi> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		// A worker that fails to load or throws at the top level never answers: fail its requests.
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			const pending = [...this.#pending];
			this.#pending.clear();
			for (const fail of pending) fail(new Error(`The evaluation stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<OpeApi>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (this.#pending.size === 0) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}

/** The app's OPE bridge: one module worker, started on the first request. */
export const opeBridge = new OpeBridge(
	() => new Worker(new URL('./ope.worker.ts', import.meta.url), { type: 'module' })
);

/** The page state's view of the bridge: each request carries its own signal. */
export function opeRunner(bridge: OpeBridge): OpeRunner {
	return {
		// Comlink's Remote spreads a union result into a union of promises; name the result type.
		load: (source, signal) =>
			bridge.call((remote) => remote.load(source) as Promise<OpeParsed<LogSummary>>, signal),
		evaluate: (source, target, request, signal, onProgress) =>
			bridge.call(
				(remote) =>
					remote.evaluate(source, target, request, Comlink.proxy(onProgress)) as Promise<
						OpeParsed<OpeEvaluation>
					>,
				signal
			),
		csv: (source, signal) =>
			bridge.call((remote) => remote.csv(source) as Promise<OpeParsed<string>>, signal)
	};
}
