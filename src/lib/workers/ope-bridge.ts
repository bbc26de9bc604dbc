/**
 * The one owner of the off-policy evaluation worker: starts it on first use, cancels a request
 * by terminating the worker (each request is one synchronous loop, so it could not hear a
 * message mid-run), and shuts the worker down when idle. The worker keeps the last log it
 * loaded; a fresh worker rebuilds it from the source every request carries.
 */
import * as Comlink from 'comlink';
import { WorkerClient, type WorkerLike } from './worker-client';
import type { OpeRunner } from '../app/ope-lab.svelte';
import type { OpeParsed } from '../experiment/ope/log';
import type { LogSummary, OpeEvaluation } from '../experiment/ope/ope-session';
import type { OpeApi } from './ope.worker';

/** Options of the bridge. */
export interface OpeBridgeOptions {
	/** Terminate the worker after this long without a request, milliseconds (default 60 s). */
	idleMs?: number;
}

/** Starts, calls, cancels and retires the OPE worker (the shared WorkerClient lifecycle). */
export class OpeBridge {
	readonly #client: WorkerClient<OpeApi>;

	constructor(create: () => WorkerLike, options: OpeBridgeOptions = {}) {
		this.#client = new WorkerClient<OpeApi>(create, {
			name: 'The evaluation',
			idleMs: options.idleMs ?? 60_000,
			cancelled: 'The evaluation was cancelled.'
		});
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#client.started;
	}

	/**
	 * Run `task` against the worker. Aborting `signal` terminates the worker (cancelling every
	 * request in it) and rejects with an AbortError.
	 */
	call<T>(task: (remote: Comlink.Remote<OpeApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
		return this.#client.call(task, signal);
	}

	/** Stop the worker now; requests in it reject with an AbortError. */
	terminate(): void {
		this.#client.terminate();
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
