/**
 * The reward model q̂(x, a) of the direct method and doubly robust estimators: one ridge
 * regression per action on the standardised context (as OBP's `RegressionModel` with a linear
 * base model fits one per action),
 *
 *     θ̂ₐ = (Zₐᵀ Zₐ + λ·D)⁻¹ Zₐᵀ rₐ,   q̂(x, a) = [1, z(x)]ᵀ θ̂ₐ,
 *
 * where z standardises each feature over the whole log (no reward enters it) and D penalises
 * the slopes but not the intercept, so an action with few rows still predicts its own mean.
 *
 * Cross-fitting (folds > 1) predicts every row from a model that never saw it, which keeps the
 * DR correction unbiased (Chernozhukov et al. 2018; OBP's `fit_predict(n_folds)`). The
 * sufficient statistics are summed once per fold and action; a fold's training statistics are
 * the totals minus its own, so k folds cost one pass, not k.
 */
import { cholesky, choleskySolve, dot } from '../../policies/bandits/linear';
import type { Rng } from '../../sim/random';
import type { LogColumns } from './log';
import type { TargetTable } from './target';

/** Settings of the ridge reward model. */
export interface RewardModelOptions {
	/** λ, the ridge penalty on the standardised slopes, > 0 (default 1). */
	l2?: number;
	/** Cross-fitting folds: 1 = fit and predict in sample (default 1). */
	folds?: number;
}

/** A fitted reward model's predictions for every row and action. */
export interface FittedRewardModel {
	/** q̂(x_i, a) at [i·K + a], reward units. */
	predictions: Float64Array;
	/** Actions never logged (in a training fold): they predict the training rows' mean reward. */
	unlogged: number[];
	/** 1 − Σ(r − q̂(x, a_logged))² / Σ(r − r̄)²: out of fold when cross-fitted. */
	r2: number;
	/**
	 * Only for in-sample fits: each row's weight ŵᵢ = n·[1, zᵢ]ᵀ Aₐ⁻¹ mₐ (a = the row's action,
	 * mₐ = the mean of π(a | x)·[1, z] over the log). DM's value moves by (1/n)·Σ ŵᵢ·δrᵢ when
	 * the rewards move by δr: the linearisation the DM bootstrap uses.
	 */
	balancingWeights?: (target: TargetTable) => Float64Array;
}

/** Feature centring and scaling over the whole log. */
interface Standardiser {
	p: number;
	mean: Float64Array;
	inverseScale: Float64Array;
}

function standardiser(cols: LogColumns): Standardiser {
	const { n, d, context } = cols;
	const mean = new Float64Array(d);
	const inverseScale = new Float64Array(d);
	for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += context[i * d + j];
	for (let j = 0; j < d; j++) mean[j] /= n;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < d; j++) inverseScale[j] += (context[i * d + j] - mean[j]) ** 2;
	}
	for (let j = 0; j < d; j++) {
		const sd = Math.sqrt(inverseScale[j] / n);
		// A constant feature carries nothing; zeroing it keeps the system well posed.
		inverseScale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? 1 / sd : 0;
	}
	return { p: d + 1, mean, inverseScale };
}

/** [1, z(x_i)] into `out`. */
function designRow(cols: LogColumns, s: Standardiser, i: number, out: Float64Array): void {
	const { d, context } = cols;
	out[0] = 1;
	for (let j = 0; j < d; j++) out[j + 1] = (context[i * d + j] - s.mean[j]) * s.inverseScale[j];
}

/** Per (fold, action): Σ z zᵀ (lower triangle), Σ z r, row count; per fold: Σ r. */
interface Sums {
	xtx: Float64Array;
	xty: Float64Array;
	count: Float64Array;
	rewardSum: Float64Array;
	rows: Float64Array;
}

function accumulate(cols: LogColumns, s: Standardiser, fold: Int32Array, folds: number): Sums {
	const { n, actions: K, action, reward } = cols;
	const p = s.p;
	const sums: Sums = {
		xtx: new Float64Array(folds * K * p * p),
		xty: new Float64Array(folds * K * p),
		count: new Float64Array(folds * K),
		rewardSum: new Float64Array(folds),
		rows: new Float64Array(folds)
	};
	const z = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		designRow(cols, s, i, z);
		const g = fold[i] * K + action[i];
		const base = g * p * p;
		const r = reward[i];
		for (let j = 0; j < p; j++) {
			const zj = z[j];
			if (zj === 0) continue;
			sums.xty[g * p + j] += zj * r;
			const rowBase = base + j * p;
			for (let k = 0; k <= j; k++) sums.xtx[rowBase + k] += zj * z[k];
		}
		sums.count[g]++;
		sums.rewardSum[fold[i]] += r;
		sums.rows[fold[i]]++;
	}
	return sums;
}

/** Balanced random fold labels 0 … folds − 1 (a seeded shuffle). */
export function assignFolds(n: number, folds: number, rng: Rng): Int32Array {
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rng.next() * (i + 1));
		const t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	const fold = new Int32Array(n);
	for (let k = 0; k < n; k++) fold[order[k]] = k % folds;
	return fold;
}

/**
 * Fit the per-action ridge model and predict q̂(x_i, a) for every row and action, cross-fitted
 * over `folds` (the `rng` shuffles rows into folds; unused when folds = 1).
 */
export function fitRewardModel(
	cols: LogColumns,
	options: RewardModelOptions,
	rng: Rng
): FittedRewardModel {
	const l2 = options.l2 ?? 1;
	if (!(l2 > 0) || !Number.isFinite(l2)) throw new RangeError(`l2 must be > 0, got ${l2}`);
	const folds = Math.max(1, Math.min(Math.floor(options.folds ?? 1), cols.n));
	const { n, actions: K, action, reward } = cols;
	const s = standardiser(cols);
	const p = s.p;
	const fold = folds > 1 ? assignFolds(n, folds, rng) : new Int32Array(n);
	const sums = accumulate(cols, s, fold, folds);
	// Training statistics of fold f = totals − fold f's own (all of them when not cross-fitting).
	const total = collapse(sums, folds, K, p);
	const predictions = new Float64Array(n * K);
	const unlogged = new Set<number>();
	const theta = new Float64Array(folds * K * p);
	const factors = new Float64Array(K * p * p);
	const fitted = new Uint8Array(folds * K);
	const fallback = new Float64Array(folds);
	const a = new Float64Array(p * p);
	const b = new Float64Array(p);
	for (let f = 0; f < folds; f++) {
		const own = folds > 1 ? 1 : 0;
		const rows = total.rows - own * sums.rows[f];
		fallback[f] = rows > 0 ? (total.rewardSum - own * sums.rewardSum[f]) / rows : 0;
		for (let k = 0; k < K; k++) {
			const g = f * K + k;
			if (total.count[k] - own * sums.count[g] <= 0) {
				unlogged.add(k);
				continue;
			}
			for (let j = 0; j < p; j++) {
				b[j] = total.xty[k * p + j] - own * sums.xty[g * p + j];
				for (let m = 0; m <= j; m++) {
					const v = total.xtx[(k * p + j) * p + m] - own * sums.xtx[(g * p + j) * p + m];
					a[j * p + m] = v;
					a[m * p + j] = v;
				}
				// The intercept gets a token penalty only, so the system stays positive definite.
				a[j * p + j] += j === 0 ? 1e-9 : l2;
			}
			const factor = factors.subarray(k * p * p, (k + 1) * p * p);
			if (!cholesky(a, p, factor)) {
				unlogged.add(k);
				continue;
			}
			choleskySolve(factor, p, b, theta.subarray(g * p, (g + 1) * p));
			fitted[g] = 1;
		}
	}
	const z = new Float64Array(p);
	let rss = 0;
	let tss = 0;
	const meanReward = total.rewardSum / n;
	for (let i = 0; i < n; i++) {
		designRow(cols, s, i, z);
		const f = fold[i];
		for (let k = 0; k < K; k++) {
			const g = f * K + k;
			predictions[i * K + k] = fitted[g]
				? dot(z, theta.subarray(g * p, (g + 1) * p), p)
				: fallback[f];
		}
		rss += (reward[i] - predictions[i * K + action[i]]) ** 2;
		tss += (reward[i] - meanReward) ** 2;
	}
	const model: FittedRewardModel = {
		predictions,
		unlogged: [...unlogged].sort((x, y) => x - y),
		r2: tss > 0 ? 1 - rss / tss : rss === 0 ? 1 : 0
	};
	if (folds === 1) {
		model.balancingWeights = (target) => balancingWeights(cols, s, target, factors, fitted);
	}
	return model;
}

function collapse(sums: Sums, folds: number, K: number, p: number) {
	const xtx = new Float64Array(K * p * p);
	const xty = new Float64Array(K * p);
	const count = new Float64Array(K);
	let rewardSum = 0;
	let rows = 0;
	for (let f = 0; f < folds; f++) {
		for (let i = 0; i < K * p * p; i++) xtx[i] += sums.xtx[f * K * p * p + i];
		for (let i = 0; i < K * p; i++) xty[i] += sums.xty[f * K * p + i];
		for (let k = 0; k < K; k++) count[k] += sums.count[f * K + k];
		rewardSum += sums.rewardSum[f];
		rows += sums.rows[f];
	}
	return { xtx, xty, count, rewardSum, rows };
}

function balancingWeights(
	cols: LogColumns,
	s: Standardiser,
	target: TargetTable,
	factors: Float64Array,
	fitted: Uint8Array
): Float64Array {
	const { n, actions: K, action } = cols;
	const p = s.p;
	const pi = target.probabilities;
	const m = new Float64Array(K * p);
	const z = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		designRow(cols, s, i, z);
		for (let k = 0; k < K; k++) {
			const w = pi[i * K + k];
			if (w !== 0) for (let j = 0; j < p; j++) m[k * p + j] += (w * z[j]) / n;
		}
	}
	const u = new Float64Array(K * p);
	for (let k = 0; k < K; k++) {
		if (!fitted[k]) continue;
		choleskySolve(
			factors.subarray(k * p * p, (k + 1) * p * p),
			p,
			m.subarray(k * p, (k + 1) * p),
			u.subarray(k * p, (k + 1) * p)
		);
	}
	const weights = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const k = action[i];
		if (!fitted[k]) continue;
		designRow(cols, s, i, z);
		weights[i] = n * dot(z, u.subarray(k * p, (k + 1) * p), p);
	}
	return weights;
}
