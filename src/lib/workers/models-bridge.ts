/**
 * The one owner of the models worker (as sim-bridge.ts for the simulator): starts it on first
 * use, forwards training progress, cancels training by terminating the worker (an iteration is
 * synchronous; the page resumes from the last state it heard), and shuts the worker down when
 * idle. Saves, loads and deletes go through the same worker, because tf.io's IndexedDB and the
 * chosen backend live there.
 */
import * as Comlink from 'comlink';
import type { RlLayout } from '../models/rl-layers';
import type { RlWeightsJson } from '../policies/rl-network';
import type { Scenario } from '../sim/scenario';
import type { DriftWatchRequest, DriftWatchResult } from '../models/drift-watch';
import type { LtvReport } from '../models/ltv-evaluate';
import type { LtvWeightsJson } from '../policies/ltv-network';
import type { LtvTrainRequest, ModelsApi, RlProgress, RlTrainRequest } from './models.worker';
import { abortError, type WorkerLike } from './sim-bridge';

export type { LtvTrainRequest, RlProgress, RlTrainRequest } from './models.worker';

/** Options of a training call. */
export interface TrainOptions {
	/** Aborting cancels: the worker is terminated and the promise rejects with an AbortError. */
	signal?: AbortSignal;
	/** Hears every iteration. */
	onProgress?: (progress: RlProgress) => void;
}

export class ModelsBridge {
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<ModelsApi> | null = null;
	#fail: ((error: Error) => void) | null = null;
	#calls = 0;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(create: () => WorkerLike, options: { idleMs?: number } = {}) {
		this.#create = create;
		// Long idle time: the last trained LTV model lives in the worker until it is saved.
		this.#idleMs = options.idleMs ?? 300_000;
	}

	/** The TF.js backend the worker chose. */
	backend(): Promise<string> {
		return this.#call((remote) => remote.backend());
	}

	/** Train (or resume) an RL allocator. Resolves with the last iteration's progress. */
	trainRl(request: RlTrainRequest, options: TrainOptions = {}): Promise<RlProgress | null> {
		const { signal, onProgress } = options;
		if (signal?.aborted) return Promise.reject(abortError('Training was cancelled.'));
		return new Promise((resolve, reject) => {
			let settled = false;
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				finish();
			};
			const onAbort = () => {
				settle(() => reject(abortError('Training was cancelled.')));
				this.terminate();
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			const progress = Comlink.proxy((p: RlProgress) => {
				if (!settled) onProgress?.(p);
			});
			this.#call((remote) => remote.trainRl(request, progress)).then(
				(last) => settle(() => resolve(last)),
				(error: Error) => settle(() => reject(error))
			);
		});
	}

	/** Train and evaluate the LTV model; `onEpoch` hears (epoch, loss). */
	trainLtv(
		request: LtvTrainRequest,
		onEpoch: (epoch: number, loss: number) => void = () => {}
	): Promise<LtvReport> {
		return this.#call((remote) => remote.trainLtv(request, Comlink.proxy(onEpoch)));
	}

	/** The LTV network as plain data (the model saved at `url`, or the last trained). */
	ltvWeights(url?: string): Promise<LtvWeightsJson> {
		return this.#call((remote) => remote.ltvWeights(url));
	}

	/** Save the last trained LTV model at `url`. */
	saveLtv(url: string): Promise<void> {
		return this.#call((remote) => remote.saveLtv(url));
	}

	/** Reload the LTV model at `url` and score it on its holdout again. */
	checkLtv(url: string, scenario: Scenario, seed: number): Promise<{ mae: number; rmse: number }> {
		return this.#call((remote) => remote.checkLtv(url, scenario, seed));
	}

	/** Weekly KS drift checks over a simulated pilot. */
	driftWatch(request: DriftWatchRequest): Promise<DriftWatchResult> {
		return this.#call((remote) => remote.driftWatch(request));
	}

	/** Save weights with tf.io at `url`. */
	saveRl(url: string, weights: RlWeightsJson): Promise<void> {
		return this.#call((remote) => remote.saveRl(url, weights));
	}

	/** Load weights saved at `url`. */
	loadRl(url: string, layout: RlLayout): Promise<RlWeightsJson> {
		return this.#call((remote) => remote.loadRl(url, layout));
	}

	/** Delete the weights at `url`. */
	deleteModel(url: string): Promise<void> {
		return this.#call((remote) => remote.deleteModel(url));
	}

	/** Stop the worker now; calls in progress reject (AbortError). */
	terminate(): void {
		this.#clearIdle();
		const fail = this.#fail;
		this.#fail = null;
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
		fail?.(abortError('The models worker was stopped.'));
	}

	async #call<T>(run: (remote: Comlink.Remote<ModelsApi>) => Promise<T>): Promise<T> {
		this.#clearIdle();
		const remote = this.#start();
		this.#calls++;
		const failed = new Promise<never>((_, reject) => {
			const previous = this.#fail;
			this.#fail = (error) => {
				previous?.(error);
				reject(error);
			};
		});
		try {
			return await Promise.race([run(remote), failed]);
		} finally {
			this.#calls--;
			if (this.#calls === 0) {
				this.#fail = null;
				this.#scheduleIdle();
			}
		}
	}

	#start(): Comlink.Remote<ModelsApi> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			const fail = this.#fail;
			this.terminate();
			fail?.(new Error(`The models worker stopped: ${message}`));
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<ModelsApi>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (this.#calls === 0) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}

/** The app's models bridge: one module worker, started on first use. */
export const modelsBridge = new ModelsBridge(
	() => new Worker(new URL('./models.worker.ts', import.meta.url), { type: 'module' })
);
