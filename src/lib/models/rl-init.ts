/**
 * Starting weights of the RL allocator, from a seeded stream (so the same training seed gives
 * the same model): Glorot-uniform kernels, zero hidden biases, and output biases at the log of
 * the scenario's historical split — the untrained allocator spends like business as usual and
 * learns how to move away from it. The output kernel starts small (× 0.1) so the state's
 * influence grows only as training finds it useful.
 */
import { RL_FEATURE_VERSION, rlFeatureCount } from '../policies/rl-features';
import type { RlWeights } from '../policies/rl-network';
import * as pm from '../sim/portable-math';
import { createStream } from '../sim/random';
import type { Scenario } from '../sim/scenario';

/** Initial weights for `scenario`'s channels with `hidden` units, drawn from `seed`. */
export function initialRlWeights(scenario: Scenario, hidden: number, seed: number): RlWeights {
	const C = scenario.channels.length;
	const inputs = rlFeatureCount(C);
	const rng = createStream(seed, 3);
	const glorot = (fanIn: number, fanOut: number, scale = 1) => {
		const limit = scale * Math.sqrt(6 / (fanIn + fanOut));
		return Float64Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
	};
	const total = scenario.channels.reduce((a, c) => a + c.historicalShare, 0);
	// A channel with no historical share starts small rather than at −∞.
	const b2 = Float64Array.from(scenario.channels, (c) =>
		pm.log(Math.max(c.historicalShare / total, 0.01))
	);
	return {
		featureVersion: RL_FEATURE_VERSION,
		channelIds: scenario.channels.map((c) => c.id),
		inputs,
		hidden,
		outputs: C,
		w1: glorot(inputs, hidden),
		b1: new Float64Array(hidden),
		w2: glorot(hidden, C, 0.1),
		b2
	};
}
