/**
 * The models worker: trains, saves, loads and deletes TF.js models off the main thread. The UI
 * talks to it only through models-bridge.ts and imports nothing from here but `ModelsApi`.
 *
 * Training is a loop of synchronous iterations; between them the worker yields, so progress
 * messages go out. Cancelling terminates the worker (the bridge); every progress message carries
 * the trainer's whole state, so the page can resume from the last one.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import { ltvData } from '../models/ltv-data';
import { evaluateLtv, type LtvReport } from '../models/ltv-evaluate';
import { loadLtvModel, type LtvModel, type LtvTrainConfig } from '../models/ltv-model';
import type { LtvWeightsJson } from '../policies/ltv-network';
import { temporalHoldout, errorMetrics } from '../models/evaluation';
import { ltvFeatures, ltvTargets, ltvWeights } from '../models/ltv-features';
import { driftWatch, type DriftWatchRequest, type DriftWatchResult } from '../models/drift-watch';
import { decisionsIn } from '../models/rl-rollout';
import {
	exportRlWeights,
	rlLayersModel,
	rlWeightsFromLayers,
	type RlLayout
} from '../models/rl-layers';
import {
	RlTrainer,
	type RlIterationReport,
	type RlTrainConfig,
	type RlTrainerState
} from '../models/rl-trainer';
import { chooseBackend } from '../models/tf-backend';
import type { RlWeightsJson } from '../policies/rl-network';
import type { Scenario } from '../sim/scenario';

/** A training request: the scenario, settings, and optionally a state to resume from. */
export interface RlTrainRequest {
	scenario: Scenario;
	config: Partial<RlTrainConfig>;
	resume?: RlTrainerState;
}

/** What each iteration sends back. */
export interface RlProgress {
	report: RlIterationReport;
	/** The trainer's whole state after the iteration (to resume from). */
	state: RlTrainerState;
	/** The weights after the iteration, float32-rounded (what a save would store). */
	weights: RlWeightsJson;
	/** Training speed over the run so far, decisions per second. */
	decisionsPerSecond: number;
}

/** An LTV training request: cohorts from `scenario`'s history on market seed `seed`. */
export interface LtvTrainRequest {
	scenario: Scenario;
	seed: number;
	config: Partial<LtvTrainConfig>;
	/** Rolling-origin folds to fit besides the holdout model. */
	folds: number;
}

let backend: Promise<string> | null = null;
/** The last trained LTV model, kept here until it is saved or replaced. */
let lastLtv: LtvModel | null = null;

function ready(): Promise<string> {
	backend ??= chooseBackend(undefined, (name) => {
		if (name === 'wasm') {
			setWasmPaths({
				'tfjs-backend-wasm.wasm': wasmPlain,
				'tfjs-backend-wasm-simd.wasm': wasmSimd,
				'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
			});
		}
	});
	return backend;
}

const api = {
	/** The TF.js backend in use ('wasm', 'webgl' or 'cpu'). */
	backend(): Promise<string> {
		return ready();
	},

	/** Train (or resume) an RL allocator until its iterations are done. */
	async trainRl(
		request: RlTrainRequest,
		onProgress: (progress: RlProgress) => void
	): Promise<RlProgress | null> {
		await ready();
		const trainer = new RlTrainer(request.scenario, request.config, request.resume);
		const start = performance.now();
		let decisions = 0;
		let last: RlProgress | null = null;
		try {
			while (!trainer.done) {
				const report = trainer.step();
				decisions += report.episodes * decisionsIn(trainer.config.horizonDays);
				const seconds = (performance.now() - start) / 1000;
				last = {
					report,
					state: trainer.getState(),
					weights: exportRlWeights(trainer.weights()),
					decisionsPerSecond: seconds > 0 ? decisions / seconds : 0
				};
				onProgress(last);
				// Let the progress message (and a termination) through between iterations.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
			return last;
		} finally {
			(onProgress as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy]?.();
		}
	},

	/** Save RL weights with tf.io at `url` ('indexeddb://marginal-<id>'). */
	async saveRl(url: string, weights: RlWeightsJson): Promise<void> {
		await ready();
		const model = rlLayersModel(weights);
		try {
			await model.save(url);
		} finally {
			model.dispose();
		}
	},

	/** Load RL weights saved at `url`; `layout` comes from the model's record. */
	async loadRl(url: string, layout: RlLayout): Promise<RlWeightsJson> {
		await ready();
		const model = await tf.loadLayersModel(url);
		try {
			return rlWeightsFromLayers(model, layout);
		} finally {
			model.dispose();
		}
	},

	/** Train the LTV model on the temporal split and evaluate it; `onEpoch` hears (epoch, loss). */
	async trainLtv(
		request: LtvTrainRequest,
		onEpoch: (epoch: number, loss: number) => void
	): Promise<LtvReport> {
		await ready();
		try {
			const data = ltvData(request.scenario, request.seed);
			const { model, report } = await evaluateLtv(data, {
				config: request.config,
				folds: request.folds,
				onEpoch: (epoch, loss) => void onEpoch(epoch, loss)
			});
			lastLtv?.dispose();
			lastLtv = model;
			return report;
		} finally {
			(onEpoch as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy]?.();
		}
	},

	/**
	 * The LTV network as plain data for policies (ts-curve-ltv): the model saved at `url`, or the
	 * last one trained here when no url is given.
	 */
	async ltvWeights(url?: string): Promise<LtvWeightsJson> {
		await ready();
		if (!url) {
			if (!lastLtv) throw new Error('There is no trained LTV model (train one first).');
			return lastLtv.weightsJson();
		}
		const model = await loadLtvModel(url);
		try {
			return model.weightsJson();
		} finally {
			model.dispose();
		}
	},

	/** Save the last trained LTV model with tf.io at `url`. */
	async saveLtv(url: string): Promise<void> {
		if (!lastLtv) throw new Error('There is no trained LTV model to save (train one first).');
		await lastLtv.save(url);
	},

	/**
	 * Load the LTV model at `url` and score it again on the temporal holdout of the cohorts it
	 * was trained on (rebuilt from `scenario` and `seed`): the errors must match the saved ones.
	 */
	async checkLtv(
		url: string,
		scenario: Scenario,
		seed: number
	): Promise<{ mae: number; rmse: number }> {
		await ready();
		const model = await loadLtvModel(url);
		try {
			const data = ltvData(scenario, seed);
			const { test } = temporalHoldout(data.records);
			const predicted = model.predict(ltvFeatures(test, data.layout), test.length);
			const { mae, rmse } = errorMetrics(predicted, ltvTargets(test), ltvWeights(test));
			return { mae, rmse };
		} finally {
			model.dispose();
		}
	},

	/** Weekly KS drift checks over a simulated pilot (see drift-watch.ts). */
	async driftWatch(request: DriftWatchRequest): Promise<DriftWatchResult> {
		return driftWatch(request);
	},

	/** Delete the weights saved at `url` (nothing happens if there are none). */
	async deleteModel(url: string): Promise<void> {
		try {
			await tf.io.removeModel(url);
		} catch {
			// Already gone: deleting is idempotent.
		}
	}
};

Comlink.expose(api);

/** The worker's interface, for `Comlink.wrap<ModelsApi>` in the bridge. */
export type ModelsApi = typeof api;
