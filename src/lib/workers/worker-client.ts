/**
 * A lazily started comlink worker for request/response work: `call` runs a function on the
 * remote API; aborting its signal terminates the worker (synchronous work hears no messages)
 * and rejects every pending call with an AbortError; a worker that dies fails them with a
 * message; an idle worker is shut down after a while. The next call starts a fresh worker.
 */
import * as Comlink from 'comlink';
import { abortError } from './sim-bridge';

interface Pending {
	fail(error: Error): void;
}

export class WorkerClient<Api> {
	readonly #create: () => Worker;
	readonly #name: string;
	readonly #idleMs: number;
	#worker: Worker | null = null;
	#remote: Comlink.Remote<Api> | null = null;
	readonly #pending = new Set<Pending>();
	#idle: ReturnType<typeof setTimeout> | null = null;

	/** @param name what the worker does, for messages ("The A/B calculator stopped: …") */
	constructor(create: () => Worker, name: string, idleMs = 15_000) {
		this.#create = create;
		this.#name = name;
		this.#idleMs = idleMs;
	}

	/** Run `work` against the worker's API; abort `signal` to cancel. */
	call<R>(work: (remote: Comlink.Remote<Api>) => Promise<R>, signal?: AbortSignal): Promise<R> {
		if (signal?.aborted) return Promise.reject(abortError());
		this.#clearIdle();
		const remote = this.#start();
		return new Promise<R>((resolve, reject) => {
			let settled = false;
			const pending: Pending = { fail: (error) => settle(() => reject(error)) };
			const onAbort = () => this.terminate();
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				this.#pending.delete(pending);
				if (this.#pending.size === 0) this.#scheduleIdle();
				finish();
			};
			this.#pending.add(pending);
			signal?.addEventListener('abort', onAbort, { once: true });
			work(remote).then(
				(value) => settle(() => resolve(value)),
				(error: unknown) =>
					settle(() => reject(error instanceof Error ? error : new Error(String(error))))
			);
		});
	}

	/** Stop the worker; pending calls reject with an AbortError. */
	terminate(): void {
		this.#clearIdle();
		for (const pending of [...this.#pending]) pending.fail(abortError());
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	#start(): Comlink.Remote<Api> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			for (const pending of [...this.#pending])
				pending.fail(new Error(`${this.#name} stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<Api>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idle = setTimeout(() => this.terminate(), this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idle !== null) clearTimeout(this.#idle);
		this.#idle = null;
	}
}
