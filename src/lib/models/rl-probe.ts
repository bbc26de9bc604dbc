/**
 * Probe states for showing what an RL model does and checking that a reloaded model is the
 * same: a neutral state (every channel at its usual share and return, a full quarter left) and
 * a few fixed pseudo-random states, with the budget shares the network picks for each. Plain
 * TypeScript, microseconds: the page can call it on the main thread.
 */
import { rlFeatureCount, RL_CHANNEL_FEATURES } from '../policies/rl-features';
import { rlLogits, softmax, weightsFromJson, type RlWeightsJson } from '../policies/rl-network';
import { createStream } from '../sim/random';

/** One probe: its name and the shares per channel (0–1, summing to 1). */
export interface RlProbe {
	name: string;
	shares: number[];
}

/** Number of random probe states besides the neutral one. */
export const RANDOM_PROBES = 3;

/** The probe state vectors for C channels (neutral first). */
export function probeStates(C: number): { name: string; state: Float64Array }[] {
	const F = rlFeatureCount(C);
	const neutral = new Float64Array(F);
	const g = C * RL_CHANNEL_FEATURES.length;
	neutral[g + 2] = 1; // a full quarter left
	const rng = createStream(2024, 9);
	const random = Array.from({ length: RANDOM_PROBES }, (_, i) => ({
		name: `Random state ${i + 1}`,
		state: Float64Array.from({ length: F }, () => 2 * rng.next() - 1)
	}));
	return [{ name: 'Neutral state', state: neutral }, ...random];
}

/** The shares `weights` choose in each probe state. */
export function rlProbes(weights: RlWeightsJson): RlProbe[] {
	const w = weightsFromJson(weights);
	return probeStates(w.outputs).map(({ name, state }) => ({
		name,
		shares: Array.from(softmax(rlLogits(w, state)))
	}));
}
