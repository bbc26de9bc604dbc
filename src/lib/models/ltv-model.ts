/**
 * The LTV model in TF.js: a small dense network that predicts a cohort's value per customer
 * over a year from what is known 28 days after acquisition (ltv-features.ts).
 *
 * Inputs are standardised with the training rows' means and standard deviations, the target
 * with its own; both scalers travel with the model (its user-defined metadata), so a saved
 * model predicts the same after loading. Training minimises the customer-weighted squared
 * error (a cohort's mean value has variance ∝ 1 / customers, so weighting by customers is the
 * efficient choice), with Adam, in mini-batches shuffled by a seeded stream; initial weights
 * come from the same stream — the same seed gives the same model on the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import { createStream } from '../sim/random';
import type { LtvWeightsJson } from '../policies/ltv-network';
import type { CohortRecord } from './cohort-log';
import {
	FIRST_ORDER_SCALE,
	ltvColumnCount,
	ltvFeatureGroups,
	ltvFeatures,
	ltvTargets,
	ltvWeights,
	REPEAT_SCALE,
	type LtvLayout
} from './ltv-features';

/** Training settings (plain data, saved with the model). */
export interface LtvTrainConfig {
	/** Seed of the initial weights and the mini-batch order. */
	seed: number;
	/** Passes over the training rows. */
	epochs: number;
	/** Rows per Adam step. */
	batchSize: number;
	/** Adam step size. */
	learningRate: number;
	/** Units of the two hidden layers. */
	hidden: [number, number];
}

/** Defaults: 30 epochs, batches of 128, two hidden layers of 32 and 16 units. */
export const DEFAULT_LTV_TRAIN: LtvTrainConfig = {
	seed: 1,
	epochs: 30,
	batchSize: 128,
	learningRate: 0.005,
	hidden: [32, 16]
};

/** Standardisation of inputs and target. */
export interface LtvScaler {
	/** Mean and standard deviation per input column (feature units). */
	mean: number[];
	sd: number[];
	/** Mean and standard deviation of the target, currency units per customer. */
	targetMean: number;
	targetSd: number;
}

/** What the model's metadata holds besides its weights. */
export interface LtvMetadata {
	kind: 'ltv';
	layout: LtvLayout;
	scaler: LtvScaler;
}

/** A trained LTV model: the network and its scaler. */
export class LtvModel {
	constructor(
		readonly network: tf.LayersModel,
		readonly layout: LtvLayout,
		readonly scaler: LtvScaler
	) {}

	/** Predicted value per customer for n rows of features (row-major). */
	predict(rows: Float32Array, n: number): Float64Array {
		const width = ltvColumnCount(this.layout);
		const scaled = scaleRows(rows, n, width, this.scaler);
		const out = tf.tidy(() =>
			(this.network.predict(tf.tensor2d(scaled, [n, width])) as tf.Tensor).dataSync()
		);
		const { targetMean, targetSd } = this.scaler;
		return Float64Array.from(out, (y) => targetMean + targetSd * y);
	}

	/** The network and its column map as plain data, for policies that predict without TF.js. */
	weightsJson(): LtvWeightsJson {
		const groups = ltvFeatureGroups(this.layout);
		const column = (key: string) => groups.find((g) => g.key === key)!.columns;
		const tensors = this.network.getWeights();
		const layers: LtvWeightsJson['layers'] = [];
		for (let i = 0; i < tensors.length; i += 2) {
			const kernel = tensors[i];
			layers.push({
				units: kernel.shape[1]!,
				kernel: Array.from(kernel.dataSync()),
				bias: Array.from(tensors[i + 1].dataSync())
			});
		}
		return {
			segmentNames: [...this.layout.segmentNames],
			columns: ltvColumnCount(this.layout),
			segmentColumns: column('segment'),
			repeatColumns: [column('repeats7')[0], column('repeats14')[0], column('repeats28')[0]],
			repeatScale: REPEAT_SCALE,
			firstOrderColumn: column('firstOrder')[0],
			firstOrderScale: FIRST_ORDER_SCALE,
			mean: [...this.scaler.mean],
			sd: [...this.scaler.sd],
			targetMean: this.scaler.targetMean,
			targetSd: this.scaler.targetSd,
			layers
		};
	}

	/** Metadata to save with the network. */
	metadata(): LtvMetadata {
		return { kind: 'ltv', layout: this.layout, scaler: this.scaler };
	}

	/** Save network and metadata with tf.io (a URL such as 'indexeddb://marginal-<id>', or a handler). */
	async save(destination: string | tf.io.IOHandler): Promise<void> {
		this.network.setUserDefinedMetadata(this.metadata() as unknown as object);
		await this.network.save(destination);
	}

	/** Free the network's tensors. */
	dispose(): void {
		this.network.dispose();
	}
}

/** Load a model saved by `LtvModel.save`; throws when the metadata is missing or not an LTV model's. */
export async function loadLtvModel(source: string | tf.io.IOHandler): Promise<LtvModel> {
	const network = await tf.loadLayersModel(source);
	const meta = network.getUserDefinedMetadata() as Partial<LtvMetadata> | undefined;
	if (meta?.kind !== 'ltv' || !meta.layout || !meta.scaler) {
		network.dispose();
		throw new Error('The saved model is not an LTV model (its metadata is missing).');
	}
	return new LtvModel(network, meta.layout, meta.scaler);
}

function scaleRows(rows: Float32Array, n: number, width: number, s: LtvScaler): Float32Array {
	const out = new Float32Array(n * width);
	for (let i = 0; i < n; i++)
		for (let j = 0; j < width; j++)
			out[i * width + j] = (rows[i * width + j] - s.mean[j]) / s.sd[j];
	return out;
}

/** Means and standard deviations of the columns and the target (sd floored to keep constants finite). */
export function fitScaler(
	rows: Float32Array,
	n: number,
	width: number,
	y: ArrayLike<number>
): LtvScaler {
	const mean = new Array(width).fill(0);
	const sd = new Array(width).fill(0);
	for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += rows[i * width + j] / n;
	for (let i = 0; i < n; i++)
		for (let j = 0; j < width; j++) sd[j] += (rows[i * width + j] - mean[j]) ** 2 / n;
	let targetMean = 0;
	for (let i = 0; i < n; i++) targetMean += y[i] / n;
	let targetVar = 0;
	for (let i = 0; i < n; i++) targetVar += (y[i] - targetMean) ** 2 / n;
	return {
		mean,
		sd: sd.map((v) => Math.max(Math.sqrt(v), 1e-3)),
		targetMean,
		targetSd: Math.max(Math.sqrt(targetVar), 1e-6)
	};
}

/** The network, untrained, with weights drawn from `seed` (Glorot uniform, zero biases). */
export function buildLtvNetwork(
	width: number,
	hidden: [number, number],
	seed: number
): tf.LayersModel {
	const model = tf.sequential({
		layers: [
			tf.layers.dense({ inputShape: [width], units: hidden[0], activation: 'relu' }),
			tf.layers.dense({ units: hidden[1], activation: 'relu' }),
			tf.layers.dense({ units: 1 })
		]
	});
	const rng = createStream(seed, 4);
	const sizes: [number, number][] = [
		[width, hidden[0]],
		[hidden[0], hidden[1]],
		[hidden[1], 1]
	];
	const weights: tf.Tensor[] = [];
	for (const [fanIn, fanOut] of sizes) {
		const limit = Math.sqrt(6 / (fanIn + fanOut));
		weights.push(
			tf.tensor2d(
				Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit),
				[fanIn, fanOut]
			),
			tf.zeros([fanOut])
		);
	}
	model.setWeights(weights);
	weights.forEach((w) => w.dispose());
	return model;
}

/** Progress of training: epoch (1-based) and the epoch's weighted training loss (standardised units). */
export type LtvProgress = (epoch: number, loss: number) => boolean | void;

/**
 * Train a model on rows [n × width] with targets and weights. `onEpoch` hears each epoch's loss
 * and may return false to stop early (cancel). Async: it yields between epochs so a worker stays
 * responsive.
 */
export async function trainLtvModel(
	rows: Float32Array,
	y: ArrayLike<number>,
	weights: ArrayLike<number>,
	layout: LtvLayout,
	config: Partial<LtvTrainConfig> = {},
	onEpoch?: LtvProgress
): Promise<LtvModel> {
	const cfg = { ...DEFAULT_LTV_TRAIN, ...config };
	const width = ltvColumnCount(layout);
	const n = y.length;
	const scaler = fitScaler(rows, n, width, y);
	const x = scaleRows(rows, n, width, scaler);
	const target = Float32Array.from(y, (v) => (v - scaler.targetMean) / scaler.targetSd);
	let meanWeight = 0;
	for (let i = 0; i < n; i++) meanWeight += weights[i] / n;
	const w = Float32Array.from(weights, (v) => v / meanWeight);
	const network = buildLtvNetwork(width, cfg.hidden, cfg.seed);
	const optimizer = tf.train.adam(cfg.learningRate);
	const rng = createStream(cfg.seed, 5);
	const order = Array.from({ length: n }, (_, i) => i);
	const bx = new Float32Array(cfg.batchSize * width);
	const by = new Float32Array(cfg.batchSize);
	const bw = new Float32Array(cfg.batchSize);
	for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(rng.next() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		let lossSum = 0;
		for (let start = 0; start < n; start += cfg.batchSize) {
			const m = Math.min(cfg.batchSize, n - start);
			for (let b = 0; b < m; b++) {
				const r = order[start + b];
				bx.set(x.subarray(r * width, (r + 1) * width), b * width);
				by[b] = target[r];
				bw[b] = w[r];
			}
			const loss = optimizer.minimize(() => {
				const xs = tf.tensor2d(bx.subarray(0, m * width), [m, width]);
				const pred = (network.apply(xs) as tf.Tensor).reshape([m]);
				const err = tf.sub(pred, tf.tensor1d(by.subarray(0, m)));
				return tf.mean(tf.mul(tf.tensor1d(bw.subarray(0, m)), tf.square(err))) as tf.Scalar;
			}, true);
			lossSum += loss!.dataSync()[0] * m;
			loss!.dispose();
		}
		if (onEpoch?.(epoch, lossSum / n) === false) break;
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	optimizer.dispose();
	return new LtvModel(network, layout, scaler);
}

/** Train on cohort records: their features, targets and customer weights (ltv-features.ts). */
export function trainLtvOnRecords(
	records: readonly CohortRecord[],
	layout: LtvLayout,
	config: Partial<LtvTrainConfig> = {},
	onEpoch?: LtvProgress
): Promise<LtvModel> {
	return trainLtvModel(
		ltvFeatures(records, layout),
		ltvTargets(records),
		ltvWeights(records),
		layout,
		config,
		onEpoch
	);
}
