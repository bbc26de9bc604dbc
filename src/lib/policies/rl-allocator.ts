/**
 * The RL allocator as a `Policy`: every week it reads the state vector (rl-features.ts), runs
 * the trained network (rl-network.ts) and spends the daily budget in the softmax shares, spread
 * evenly over each channel's live creatives. Guardrails wrap it like any policy.
 *
 * Pure TypeScript: the weights come in as plain data, so a pilot runs it anywhere the engine
 * runs. Specs name a saved model (`{ kind: 'rl', model: 'a1b2c3' }`, resolved by whoever
 * registers the kind: the models worker, from IndexedDB) or carry the weights inline
 * (`{ kind: 'rl', weights: { … } }`). Training (src/lib/models/rl-trainer.ts) drives the same
 * decision code with an `explore` hook that adds its exploration noise to the logits.
 */
import * as v from 'valibot';
import { splitOverCreatives } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';
import type { PolicyKind, PolicySpec } from './registry';
import { RL_FEATURE_VERSION, rlFeatureCount, rlFeatures } from './rl-features';
import {
	rlLogits,
	softmax,
	weightsFromJson,
	type RlWeights,
	type RlWeightsJson
} from './rl-network';

/** Options of one allocator instance. */
export interface RlAllocatorOptions {
	/**
	 * Training only: called with the state and the network's logits before each decision; may
	 * change the logits in place (exploration) and record them.
	 */
	explore?(state: Float64Array, logits: Float64Array, view: PolicyView): void;
}

/** Why a set of weights cannot drive this market, or null when it can. */
export function rlMismatch(weights: RlWeights, view: Pick<PolicyView, 'layout'>): string | null {
	if (weights.featureVersion !== RL_FEATURE_VERSION)
		return `the model was trained with feature version ${weights.featureVersion}; this build uses ${RL_FEATURE_VERSION}`;
	const ids = view.layout.channelIds;
	if (ids.length !== weights.channelIds.length || ids.some((id, c) => id !== weights.channelIds[c]))
		return `the model was trained for channels ${weights.channelIds.join(', ')}, the scenario has ${ids.join(', ')}`;
	if (weights.inputs !== rlFeatureCount(ids.length))
		return `the model expects ${weights.inputs} inputs, this market gives ${rlFeatureCount(ids.length)}`;
	return null;
}

/** Budget shares per channel the network chooses for `view` (no exploration). */
export function rlShares(weights: RlWeights, view: PolicyView): Float64Array {
	return softmax(rlLogits(weights, rlFeatures(view)));
}

/** The decision that spends `shares` of the daily budget (evenly over live creatives). */
export function shareDecision(view: PolicyView, shares: ArrayLike<number>): Decision {
	const { C } = view.layout;
	const decision = emptyDecision(view.layout);
	const budget = new Float64Array(C);
	for (let c = 0; c < C; c++) {
		budget[c] = view.dailyBudget * shares[c];
		decision.reasons[c].push('exploit');
	}
	splitOverCreatives(view, budget, decision.spend);
	return decision;
}

/** Build the allocator for trained `weights`. */
export function createRlAllocator(
	weights: RlWeights,
	options: RlAllocatorOptions = {}
): Policy<null> {
	const state = new Float64Array(weights.inputs);
	const logits = new Float64Array(weights.outputs);
	const hidden = new Float64Array(weights.hidden);
	let checked = false;
	return {
		id: 'rl',
		name: 'RL allocator',
		cadence: 'week',
		observe() {},
		decide(view: PolicyView): Decision {
			if (!checked) {
				const problem = rlMismatch(weights, view);
				if (problem) throw new Error(`The RL allocator cannot run here: ${problem}.`);
				checked = true;
			}
			rlFeatures(view, state);
			rlLogits(weights, state, logits, hidden);
			options.explore?.(state, logits, view);
			return shareDecision(view, softmax(logits));
		},
		getState: () => null,
		setState() {}
	};
}

/** A policy spec for the RL allocator. */
export interface RlSpec extends PolicySpec {
	kind: 'rl';
	/** Id of a saved model (resolved by the registering side). */
	model?: string;
	/** Or the weights themselves. */
	weights?: RlWeightsJson;
}

const RlSpecSchema = v.pipe(
	v.strictObject(
		{
			kind: v.literal('rl'),
			model: v.optional(
				v.pipe(
					v.string('must be a model id'),
					v.regex(/^[a-z0-9-]{1,64}$/, 'must be a saved model id (letters, digits, -)')
				)
			),
			weights: v.optional(
				v.looseObject(
					{ channelIds: v.array(v.string()), inputs: v.number(), outputs: v.number() },
					'must be an object of network weights'
				)
			)
		},
		(issue) =>
			issue.expected === 'never'
				? 'is not a setting of this policy (misspelt?)'
				: 'must be an object'
	),
	v.check(
		(spec) => (spec.model === undefined) !== (spec.weights === undefined),
		'needs either "model" (a saved model id) or "weights", not both'
	)
) as unknown as v.GenericSchema<unknown, PolicySpec>;

/**
 * The registry entry for `kind: 'rl'`. `resolve` turns a saved model id into weights (throwing a
 * clear error when it is not loaded); register it where the models live:
 * `registerPolicyKind(rlPolicyKind((id) => loaded.get(id)))`.
 */
export function rlPolicyKind(resolve: (modelId: string) => RlWeights | undefined): PolicyKind {
	return {
		kind: 'rl',
		name: 'RL allocator',
		description:
			'A small network trained by reinforcement learning on variations of the scenario; reads recent returns, trends and fatigue each week.',
		family: 'rl',
		schema: RlSpecSchema,
		create(spec) {
			const { model, weights } = spec as RlSpec;
			if (weights) return createRlAllocator(weightsFromJson(weights));
			const resolved = resolve(model!);
			if (!resolved) throw new Error(`The RL model "${model}" is not loaded.`);
			return createRlAllocator(resolved);
		}
	};
}
