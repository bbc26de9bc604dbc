/**
 * The RL allocator's network as a TF.js layers model, for saving with `tf.io`
 * (`model.save('indexeddb://marginal-<id>')`) and loading back. Pilots never run this model:
 * they run the same numbers in plain TypeScript (policies/rl-network.ts). Weights are rounded
 * to float32 when exported (`exportRlWeights`), so what a pilot uses and what tf.io stores are
 * the same numbers and a reloaded model predicts exactly as before.
 */
import * as tf from '@tensorflow/tfjs';
import { weightsToJson, type RlWeights, type RlWeightsJson } from '../policies/rl-network';

/** What tf.io does not store: the feature layout and the channel order (kept in the ModelRecord). */
export type RlLayout = Pick<RlWeightsJson, 'featureVersion' | 'channelIds'>;

/** Weights as plain data, each number rounded to float32 (what tf.io will store). */
export function exportRlWeights(weights: RlWeights): RlWeightsJson {
	const json = weightsToJson(weights);
	const round = (values: number[]) => values.map(Math.fround);
	return {
		...json,
		w1: round(json.w1),
		b1: round(json.b1),
		w2: round(json.w2),
		b2: round(json.b2)
	};
}

/** A layers model computing the same logits: dense(tanh) then dense(linear). */
export function rlLayersModel(weights: RlWeightsJson): tf.LayersModel {
	const model = tf.sequential({
		layers: [
			tf.layers.dense({ inputShape: [weights.inputs], units: weights.hidden, activation: 'tanh' }),
			tf.layers.dense({ units: weights.outputs })
		]
	});
	const tensors = [
		tf.tensor2d(weights.w1, [weights.inputs, weights.hidden]),
		tf.tensor1d(weights.b1),
		tf.tensor2d(weights.w2, [weights.hidden, weights.outputs]),
		tf.tensor1d(weights.b2)
	];
	model.setWeights(tensors);
	tensors.forEach((t) => t.dispose());
	return model;
}

/** Plain weights read back from a layers model built by `rlLayersModel`. */
export function rlWeightsFromLayers(model: tf.LayersModel, layout: RlLayout): RlWeightsJson {
	const [w1, b1, w2, b2] = model.getWeights().map((t) => Array.from(t.dataSync()));
	const [inputs, hidden] = model.getWeights()[0].shape;
	const outputs = b2.length;
	if (layout.channelIds.length !== outputs)
		throw new Error(
			`The saved model has ${outputs} outputs for ${layout.channelIds.length} channels.`
		);
	return {
		featureVersion: layout.featureVersion,
		channelIds: [...layout.channelIds],
		inputs,
		hidden,
		outputs,
		w1,
		b1,
		w2,
		b2
	};
}
