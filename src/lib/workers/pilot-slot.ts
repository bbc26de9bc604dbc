/**
 * One pilot worker as the pool holds it: its comlink remote and the calls it has in flight, so
 * the pool can tell a busy worker from an idle one, and stop a busy one promptly.
 */
import * as Comlink from 'comlink';
import type { PilotApi } from './pilot.worker';
import type { WorkerLike } from './worker-client';

const now = () => performance.now();

export class PilotSlot {
	readonly worker: WorkerLike;
	readonly remote: Comlink.Remote<PilotApi>;
	/** Calls in flight. */
	pending = 0;
	/** Taken out of the pool (stopping, or stopped). */
	retired = false;
	/** When the worker last showed it was alive while busy (a call began or ended, a progress call), ms. */
	#heardAt = now();

	constructor(worker: WorkerLike) {
		this.worker = worker;
		this.remote = Comlink.wrap<PilotApi>(worker);
	}

	/** Call the worker, counting the call as in flight. */
	async call<T>(call: (api: Comlink.Remote<PilotApi>) => Promise<T>): Promise<T> {
		if (this.pending === 0) this.heard();
		this.pending++;
		try {
			return await call(this.remote);
		} finally {
			this.pending--;
			this.heard();
		}
	}

	/** Note a sign of life from the worker (a progress report). */
	heard(): void {
		this.#heardAt = now();
	}

	/**
	 * How long a busy worker has been silent, ms (0 when idle). A worker that crashed, or was
	 * terminated by someone else, never answers and fires no event: this is how it shows.
	 */
	silentMs(at = now()): number {
		return this.pending > 0 ? Math.max(0, at - this.#heardAt) : 0;
	}

	/**
	 * Stop a busy worker: ask it to cancel, and terminate it unless its calls end within
	 * `graceMs` — then `keep()` decides whether it goes back to the pool, warm (true) or is
	 * terminated (false). A seed is one synchronous loop, so most stops end in terminate.
	 */
	stop(graceMs: number, keep: () => boolean): void {
		this.retired = true;
		if (graceMs <= 0) {
			this.worker.terminate();
			return;
		}
		void this.remote.cancel().catch(() => {});
		const started = now();
		const check = () => {
			const within = now() - started <= graceMs;
			if (this.pending === 0 && within && keep()) this.retired = false;
			else if (this.pending === 0 || !within) this.worker.terminate();
			else setTimeout(check, Math.max(5, graceMs / 4));
		};
		setTimeout(check, Math.max(5, graceMs / 4));
	}
}
