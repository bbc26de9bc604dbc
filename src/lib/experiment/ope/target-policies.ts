/**
 * The target policies a person can pick on the OPE page, as validated plain data
 * (`TargetSpec`), turned into a table of π_e(a | xᵢ) for every logged row:
 *
 * - `greedy-model`: the action the log's own ridge reward model q̂ rates best in each context;
 * - `softmax-model`: π_e(a | x) ∝ exp(q̂(x, a) / (τ·s)), s the standard deviation of the logged
 *   rewards, so τ is unitless (τ → 0 is greedy, τ → ∞ uniform);
 * - `uniform`: every available action alike;
 * - `fixed`: always one action;
 * - `file`: the `pi_<action>` columns the CSV carried.
 *
 * When the log says which actions were available on each row (a simulated log knows which
 * creatives are live on each channel), the targets keep to them.
 */
import * as pm from '../../sim/portable-math';
import { createStream } from '../../sim/random';
import { toColumns, type BanditLog, type OpeParsed } from './log';
import { fitRewardModel } from './reward-model';

/** A target policy, by kind (discriminated union, validated by `checkTargetSpec`). */
export type TargetSpec =
	| { kind: 'greedy-model' }
	| {
			kind: 'softmax-model';
			/** τ, in standard deviations of the logged reward, > 0. */ temperature: number;
	  }
	| { kind: 'uniform' }
	| { kind: 'fixed'; /** Action index 0 … K − 1. */ action: number }
	| { kind: 'file' };

/** The kinds, in the order a menu lists them. */
export const TARGET_KINDS = ['greedy-model', 'softmax-model', 'uniform', 'fixed', 'file'] as const;

/** Short names of the kinds. */
export const TARGET_LABELS: Readonly<Record<TargetSpec['kind'], string>> = {
	'greedy-model': 'Greedy on the reward model',
	'softmax-model': 'Softmax on the reward model',
	uniform: 'Uniformly random',
	fixed: 'Always one action',
	file: 'From the file (pi_ columns)'
};

/** What building a target may use beside the log. */
export interface TargetInputs {
	/** 1 where action a was available on row i [n·K]; absent = every action everywhere. */
	available?: Uint8Array;
	/** π_e per row from the file's `pi_…` columns [n][K], if it had them. */
	filePolicy?: readonly ArrayLike<number>[];
	/** Ridge penalty of the reward model (default 1). */
	l2?: number;
}

/** Why `spec` is not a target for a log with K actions, or undefined when it is. */
export function checkTargetSpec(spec: TargetSpec, K: number): string | undefined {
	switch (spec.kind) {
		case 'greedy-model':
		case 'uniform':
		case 'file':
			return undefined;
		case 'softmax-model':
			return spec.temperature > 0 && Number.isFinite(spec.temperature)
				? undefined
				: `The softmax temperature is ${spec.temperature}; it must be a positive number (e.g. 0.5).`;
		case 'fixed':
			return Number.isInteger(spec.action) && spec.action >= 0 && spec.action < K
				? undefined
				: `The fixed action is ${spec.action}; it must be a whole number from 0 to ${K - 1}.`;
		default:
			return `Unknown target policy "${String((spec as { kind: unknown }).kind)}"; choose from ${TARGET_KINDS.join(', ')}.`;
	}
}

/**
 * π_e(a | xᵢ) for every row of a (valid) log under `spec`, one Float64Array of K per row.
 * Errors name the field (`target`) and, for a fixed action that is not available, the row.
 */
export function buildTargetTable(
	log: BanditLog,
	spec: TargetSpec,
	inputs: TargetInputs = {}
): OpeParsed<Float64Array[]> {
	const K = log.actions;
	const n = log.rows.length;
	const problem = checkTargetSpec(spec, K);
	if (problem) return { ok: false, errors: [{ field: 'target', message: problem }] };
	const { available } = inputs;
	const isAvailable = (i: number, a: number): boolean => !available || available[i * K + a] === 1;
	if (spec.kind === 'file') {
		const file = inputs.filePolicy;
		if (!file) {
			return {
				ok: false,
				errors: [
					{
						field: 'target',
						message:
							'The log has no target probabilities: add pi_0, pi_1, … columns to the CSV, or pick another target policy.'
					}
				]
			};
		}
		return { ok: true, value: file.map((row) => Float64Array.from(row)) };
	}
	const table = Array.from({ length: n }, () => new Float64Array(K));
	if (spec.kind === 'fixed') {
		for (let i = 0; i < n; i++) {
			if (!isAvailable(i, spec.action)) {
				const name = log.actionNames?.[spec.action] ?? `action ${spec.action}`;
				return {
					ok: false,
					errors: [
						{
							row: i,
							field: 'target',
							message: `${name} is not available on row ${i + 1} of the log (e.g. that creative is not live on the row's channel); pick an action every row can take.`
						}
					]
				};
			}
			table[i][spec.action] = 1;
		}
		return { ok: true, value: table };
	}
	if (spec.kind === 'uniform') {
		for (let i = 0; i < n; i++) {
			let count = 0;
			for (let a = 0; a < K; a++) if (isAvailable(i, a)) count++;
			for (let a = 0; a < K; a++) table[i][a] = isAvailable(i, a) ? 1 / count : 0;
		}
		return { ok: true, value: table };
	}
	// The model-based targets: q̂ fitted on the whole log (in sample; folds = 1 draws nothing).
	const cols = toColumns(log);
	const q = fitRewardModel(cols, { l2: inputs.l2, folds: 1 }, createStream(0, 0)).predictions;
	const scale = spec.kind === 'softmax-model' ? spec.temperature * rewardSd(cols.reward) : 0;
	for (let i = 0; i < n; i++) {
		let best = -1;
		for (let a = 0; a < K; a++) {
			if (isAvailable(i, a) && (best < 0 || q[i * K + a] > q[i * K + best])) best = a;
		}
		if (best < 0) continue;
		if (spec.kind === 'greedy-model') {
			table[i][best] = 1;
			continue;
		}
		let sum = 0;
		for (let a = 0; a < K; a++) {
			if (!isAvailable(i, a)) continue;
			table[i][a] = pm.exp((q[i * K + a] - q[i * K + best]) / scale);
			sum += table[i][a];
		}
		for (let a = 0; a < K; a++) table[i][a] /= sum;
	}
	return { ok: true, value: table };
}

/** Standard deviation of the rewards; 1 when they are all equal (any scale then works). */
function rewardSd(reward: Float64Array): number {
	const n = reward.length;
	let mean = 0;
	for (let i = 0; i < n; i++) mean += reward[i] / n;
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (reward[i] - mean) ** 2;
	const sd = Math.sqrt(ss / Math.max(1, n - 1));
	return sd > 0 ? sd : 1;
}
