/**
 * The five off-policy estimators, with Open Bandit Pipeline's definitions. Each is written as
 * per-row terms (numerator uᵢ, optional denominator vᵢ) with the estimate Σu / Σv (Σu / n
 * without a denominator), so one bootstrap loop resamples them all alike. With
 * wᵢ = π_e(aᵢ | xᵢ) / μ(aᵢ | xᵢ), the importance weight of the logged action:
 *
 * - replay (Li et al. 2011, rejection sampling): the mean reward of the rows where the target
 *   takes the logged action, uᵢ = mᵢ·rᵢ, vᵢ = mᵢ with mᵢ = 1[π_e(xᵢ) = aᵢ]; unbiased when the
 *   log is uniformly random. A stochastic target row accepts with weight mᵢ = π_e(aᵢ | xᵢ).
 * - IPW (Horvitz–Thompson): uᵢ = wᵢ·rᵢ.
 * - SNIPW (self-normalised; Swaminathan & Joachims 2015): uᵢ = wᵢ·rᵢ, vᵢ = wᵢ, a weighted mean,
 *   so always within the range of the logged rewards.
 * - DM (direct method): uᵢ = Σₐ π_e(a | xᵢ)·q̂(xᵢ, a) + ŵᵢ·eᵢ − c: the model's prediction plus
 *   a term with mean zero (c is its mean) that carries the model's own sampling error into the
 *   bootstrap (eᵢ the in-sample residual, ŵᵢ the ridge balancing weight; see reward-model.ts).
 * - DR (doubly robust; Dudík et al. 2011): uᵢ = Σₐ π_e(a | xᵢ)·q̂(xᵢ, a) + wᵢ·(rᵢ − q̂(xᵢ, aᵢ)),
 *   with a cross-fitted q̂.
 */
import type { LogColumns } from './log';
import type { TargetTable } from './target';

/** The estimators, in the order reports list them. */
export const ESTIMATORS = ['replay', 'ipw', 'snipw', 'dm', 'dr'] as const;

/** An estimator's id. */
export type EstimatorName = (typeof ESTIMATORS)[number];

/** Display names. */
export const ESTIMATOR_LABELS: Readonly<Record<EstimatorName, string>> = {
	replay: 'Replay (rejection sampling)',
	ipw: 'Inverse propensity weighting (IPW)',
	snipw: 'Self-normalised IPW (SNIPW)',
	dm: 'Direct method (ridge reward model)',
	dr: 'Doubly robust (DR)'
};

/** Per-row terms of a ratio-of-sums estimate. */
export interface RowTerms {
	/** uᵢ [n]. */
	numerator: Float64Array;
	/** vᵢ [n]; absent means vᵢ = 1 (a plain mean). */
	denominator?: Float64Array;
}

/** Σu / Σv (or Σu / n), NaN when the denominator is 0. */
export function ratioEstimate(terms: RowTerms): number {
	const { numerator, denominator } = terms;
	let u = 0;
	for (let i = 0; i < numerator.length; i++) u += numerator[i];
	if (!denominator) return numerator.length > 0 ? u / numerator.length : NaN;
	let v = 0;
	for (let i = 0; i < denominator.length; i++) v += denominator[i];
	return v > 0 ? u / v : NaN;
}

/** Importance weights wᵢ = π_e(aᵢ | xᵢ) / μᵢ [n]. */
export function importanceWeights(cols: LogColumns, target: TargetTable): Float64Array {
	const { n, actions: K, action, propensity } = cols;
	const w = new Float64Array(n);
	for (let i = 0; i < n; i++) w[i] = target.probabilities[i * K + action[i]] / propensity[i];
	return w;
}

/** Kish's effective sample size (Σw)² / Σw²: the number of equally weighted rows worth as much. */
export function effectiveSampleSize(weights: Float64Array): number {
	let sum = 0;
	let squares = 0;
	for (let i = 0; i < weights.length; i++) {
		sum += weights[i];
		squares += weights[i] * weights[i];
	}
	return squares > 0 ? (sum * sum) / squares : 0;
}

/** Replay's acceptance weights mᵢ: 1/0 for a deterministic target row, π_e(aᵢ | xᵢ) otherwise. */
export function replayTerms(cols: LogColumns, target: TargetTable): RowTerms {
	const { n, actions: K, action, reward } = cols;
	const numerator = new Float64Array(n);
	const denominator = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		// π_e(aᵢ | xᵢ) is exactly 1 or 0 on deterministic rows, so one formula covers both.
		const m = target.probabilities[i * K + action[i]];
		numerator[i] = m * reward[i];
		denominator[i] = m;
	}
	return { numerator, denominator };
}

/** IPW terms wᵢ·rᵢ. */
export function ipwTerms(cols: LogColumns, weights: Float64Array): RowTerms {
	const numerator = new Float64Array(cols.n);
	for (let i = 0; i < cols.n; i++) numerator[i] = weights[i] * cols.reward[i];
	return { numerator };
}

/** SNIPW terms wᵢ·rᵢ over wᵢ. */
export function snipwTerms(cols: LogColumns, weights: Float64Array): RowTerms {
	return { numerator: ipwTerms(cols, weights).numerator, denominator: Float64Array.from(weights) };
}

/** The model's value of the target per row, Σₐ π_e(a | xᵢ)·q̂(xᵢ, a) [n]. */
export function modelValues(target: TargetTable, predictions: Float64Array): Float64Array {
	const { n, actions: K, probabilities } = target;
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let sum = 0;
		for (let a = 0; a < K; a++) sum += probabilities[i * K + a] * predictions[i * K + a];
		out[i] = sum;
	}
	return out;
}

/**
 * DM terms from an in-sample model: the model's value per row plus the centred linearised
 * model-error term ŵᵢ·eᵢ (pass no balancing weights to treat the model as fixed, as OBP does).
 */
export function dmTerms(
	cols: LogColumns,
	target: TargetTable,
	predictions: Float64Array,
	balancing?: Float64Array
): RowTerms {
	const numerator = modelValues(target, predictions);
	if (!balancing) return { numerator };
	const { n, actions: K, action, reward } = cols;
	const correction = new Float64Array(n);
	let mean = 0;
	for (let i = 0; i < n; i++) {
		correction[i] = balancing[i] * (reward[i] - predictions[i * K + action[i]]);
		mean += correction[i] / n;
	}
	for (let i = 0; i < n; i++) numerator[i] += correction[i] - mean;
	return { numerator };
}

/** DR terms: the model's value plus the importance-weighted residual of the logged action. */
export function drTerms(
	cols: LogColumns,
	target: TargetTable,
	predictions: Float64Array,
	weights: Float64Array
): RowTerms {
	const numerator = modelValues(target, predictions);
	const { n, actions: K, action, reward } = cols;
	for (let i = 0; i < n; i++) {
		numerator[i] += weights[i] * (reward[i] - predictions[i * K + action[i]]);
	}
	return { numerator };
}
