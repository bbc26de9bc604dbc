/**
 * The RL allocator's network as plain numbers: one tanh hidden layer and a linear output of
 * budget logits per channel, `logits = tanh(x·W1 + b1)·W2 + b2`, shares = softmax(logits).
 *
 * Training happens in TF.js (src/lib/models/rl-trainer.ts), but a pilot makes thousands of
 * decisions: reading the weights out once into Float64Arrays and running this forward pass in
 * plain TypeScript costs microseconds per decision, keeps TF.js out of the engine and out of the
 * simulator worker, and gives the same bits in node and every browser (portable-math's exp).
 * Kernels are laid out as TF.js dense kernels: row-major [inputs × units].
 */
import * as pm from '../sim/portable-math';

/** The weights of a trained allocator network, plus what they were trained for. */
export interface RlWeights {
	/** Feature layout version (rl-features.ts). */
	featureVersion: number;
	/** Channel ids in the order of the output logits; a market must have the same channels. */
	channelIds: string[];
	/** Inputs (state features), hidden units, outputs (channels). */
	inputs: number;
	hidden: number;
	outputs: number;
	/** Hidden kernel [inputs × hidden], hidden bias [hidden], output kernel [hidden × outputs], output bias [outputs]. */
	w1: Float64Array;
	b1: Float64Array;
	w2: Float64Array;
	b2: Float64Array;
}

/** tanh from portable exp (the same bits in every engine). */
export function portableTanh(x: number): number {
	if (x > 20) return 1;
	if (x < -20) return -1;
	return 1 - 2 / (pm.exp(2 * x) + 1);
}

/** Output logits for state `x` (length `inputs`) into `out` (length `outputs`). */
export function rlLogits(
	weights: RlWeights,
	x: ArrayLike<number>,
	out = new Float64Array(weights.outputs),
	hidden = new Float64Array(weights.hidden)
): Float64Array {
	const { inputs, hidden: H, outputs, w1, b1, w2, b2 } = weights;
	for (let j = 0; j < H; j++) {
		let sum = b1[j];
		for (let i = 0; i < inputs; i++) sum += x[i] * w1[i * H + j];
		hidden[j] = portableTanh(sum);
	}
	for (let k = 0; k < outputs; k++) {
		let sum = b2[k];
		for (let j = 0; j < H; j++) sum += hidden[j] * w2[j * outputs + k];
		out[k] = sum;
	}
	return out;
}

/** Softmax of logits into shares summing to 1 (in place allowed). */
export function softmax(
	logits: ArrayLike<number>,
	out = new Float64Array(logits.length)
): Float64Array {
	let max = -Infinity;
	for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
	let total = 0;
	for (let i = 0; i < logits.length; i++) {
		out[i] = pm.exp(logits[i] - max);
		total += out[i];
	}
	for (let i = 0; i < logits.length; i++) out[i] /= total;
	return out;
}

/** Weights as JSON-friendly plain data (number arrays), e.g. for a policy spec or a share link. */
export interface RlWeightsJson {
	featureVersion: number;
	channelIds: string[];
	inputs: number;
	hidden: number;
	outputs: number;
	w1: number[];
	b1: number[];
	w2: number[];
	b2: number[];
}

/** Plain-array copy of weights. */
export function weightsToJson(w: RlWeights): RlWeightsJson {
	return {
		featureVersion: w.featureVersion,
		channelIds: [...w.channelIds],
		inputs: w.inputs,
		hidden: w.hidden,
		outputs: w.outputs,
		w1: Array.from(w.w1),
		b1: Array.from(w.b1),
		w2: Array.from(w.w2),
		b2: Array.from(w.b2)
	};
}

/** Weights from plain data; throws with the field named when sizes disagree. */
export function weightsFromJson(json: RlWeightsJson): RlWeights {
	const { inputs, hidden, outputs } = json;
	const expect = (name: keyof RlWeightsJson, n: number) => {
		const values = json[name] as number[];
		if (!Array.isArray(values) || values.length !== n || !values.every(Number.isFinite))
			throw new Error(`weights.${name}: needs ${n} finite numbers`);
		return Float64Array.from(values);
	};
	if (json.channelIds.length !== outputs)
		throw new Error(`weights.channelIds: needs ${outputs} channel ids`);
	return {
		featureVersion: json.featureVersion,
		channelIds: [...json.channelIds],
		inputs,
		hidden,
		outputs,
		w1: expect('w1', inputs * hidden),
		b1: expect('b1', hidden),
		w2: expect('w2', hidden * outputs),
		b2: expect('b2', outputs)
	};
}
