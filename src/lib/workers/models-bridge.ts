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
import { WorkerClient, type WorkerLike } from './worker-client';

export type { LtvTrainRequest, RlProgress, RlTrainRequest } from './models.worker';

/** Options of a training call. */
export interface TrainOptions {
	/** Aborting cancels: the worker is terminated and the promise rejects with an AbortError. */
	signal?: AbortSignal;
	/** Hears every iteration. */
	onProgress?: (progress: RlProgress) => void;
}

export class ModelsBridge {
	readonly #client: WorkerClient<ModelsApi>;

	constructor(create: () => WorkerLike, options: { idleMs?: number } = {}) {
		this.#client = new WorkerClient<ModelsApi>(create, {
			name: 'The models worker',
			// Long idle time: the last trained LTV model lives in the worker until it is saved.
			idleMs: options.idleMs ?? 300_000,
			cancelled: 'The models worker was stopped.'
		});
	}

	/** The TF.js backend the worker chose. */
	backend(): Promise<string> {
		return this.#call((remote) => remote.backend());
	}

	/** Train (or resume) an RL allocator. Resolves with the last iteration's progress. */
	trainRl(request: RlTrainRequest, options: TrainOptions = {}): Promise<RlProgress | null> {
		const { signal, onProgress } = options;
		let settled = false;
		const progress = Comlink.proxy((p: RlProgress) => {
			if (!settled) onProgress?.(p);
		});
		return this.#client
			.call((remote) => remote.trainRl(request, progress), signal, 'Training was cancelled.')
			.finally(() => (settled = true));
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
		this.#client.terminate();
	}

	#call<T>(run: (remote: Comlink.Remote<ModelsApi>) => Promise<T>): Promise<T> {
		return this.#client.call(run);
	}
}

/** The app's models bridge: one module worker, started on first use. */
export const modelsBridge = new ModelsBridge(
	() => new Worker(new URL('./models.worker.ts', import.meta.url), { type: 'module' })
);
