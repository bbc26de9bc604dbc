/**
 * Model evaluation without TF.js: error metrics, a naive baseline, calibration, time-ordered
 * splits (temporal holdout, rolling origin), permutation feature importance and partial
 * dependence. Models enter as a `Predict` function, so the same code checks the TF.js model,
 * the baseline, or a stub in tests.
 */
import type { Rng } from '../sim/random';
import type { CohortRecord } from './cohort-log';
import type { FeatureGroup } from './ltv-features';

/** Predictions for n rows of a row-major feature matrix. */
export type Predict = (rows: Float32Array, n: number) => Float64Array;

/** Errors, weighted (per customer), in the target's unit. */
export interface ErrorMetrics {
	/** Mean absolute error. */
	mae: number;
	/** Root mean squared error. */
	rmse: number;
	/** Mean of prediction − actual (over-prediction is positive). */
	bias: number;
}

/** Weighted MAE, RMSE and bias of `predicted` against `actual`. */
export function errorMetrics(
	predicted: ArrayLike<number>,
	actual: ArrayLike<number>,
	weights?: ArrayLike<number>
): ErrorMetrics {
	let total = 0;
	let abs = 0;
	let sq = 0;
	let bias = 0;
	for (let i = 0; i < actual.length; i++) {
		const w = weights ? weights[i] : 1;
		const e = predicted[i] - actual[i];
		total += w;
		abs += w * Math.abs(e);
		sq += w * e * e;
		bias += w * e;
	}
	if (!(total > 0)) return { mae: NaN, rmse: NaN, bias: NaN };
	return { mae: abs / total, rmse: Math.sqrt(sq / total), bias: bias / total };
}

/**
 * The naive baseline: each segment's customer-weighted mean value in the training records (what
 * a business that books one LTV per segment would predict), falling back to the overall mean.
 */
export function segmentMeanBaseline(train: readonly CohortRecord[]): (r: CohortRecord) => number {
	const sum = new Map<number, { value: number; customers: number }>();
	let all = 0;
	let customers = 0;
	for (const r of train) {
		const entry = sum.get(r.segment) ?? { value: 0, customers: 0 };
		entry.value += r.value * r.customers;
		entry.customers += r.customers;
		sum.set(r.segment, entry);
		all += r.value * r.customers;
		customers += r.customers;
	}
	const overall = customers > 0 ? all / customers : 0;
	return (r) => {
		const entry = sum.get(r.segment);
		return entry && entry.customers > 0 ? entry.value / entry.customers : overall;
	};
}

/** Split records in time: the last `holdoutShare` of acquisition periods are held out. */
export function temporalHoldout(
	records: readonly CohortRecord[],
	holdoutShare = 0.25
): { train: CohortRecord[]; test: CohortRecord[]; cutPeriod: number } {
	const last = records.reduce((m, r) => Math.max(m, r.period), 0);
	const cutPeriod = Math.max(1, Math.round((last + 1) * (1 - holdoutShare)));
	return {
		train: records.filter((r) => r.period < cutPeriod),
		test: records.filter((r) => r.period >= cutPeriod),
		cutPeriod
	};
}

/** One fold of rolling-origin validation: train on periods < origin, test on [origin, end). */
export interface RollingFold {
	origin: number;
	end: number;
}

/**
 * Rolling-origin folds (Tashman 2000): the first origin leaves `initial` periods to train on;
 * each fold tests the next `horizon` periods; origins advance by `horizon` until the data end.
 */
export function rollingOriginFolds(
	periods: number,
	initial: number,
	horizon: number
): RollingFold[] {
	const folds: RollingFold[] = [];
	for (let origin = initial; origin + horizon <= periods; origin += horizon)
		folds.push({ origin, end: origin + horizon });
	return folds;
}

/** One bin of a calibration table. */
export interface CalibrationBin {
	/** Mean prediction and mean actual value in the bin (customer-weighted). */
	predicted: number;
	actual: number;
	/** Customers (weight) in the bin. */
	weight: number;
}

/** Calibration: bins of equal weight by prediction, and the weighted slope of actual on predicted (1 = calibrated). */
export function calibration(
	predicted: ArrayLike<number>,
	actual: ArrayLike<number>,
	weights: ArrayLike<number>,
	bins = 10
): { bins: CalibrationBin[]; slope: number; intercept: number } {
	const order = Array.from({ length: actual.length }, (_, i) => i).sort(
		(a, b) => predicted[a] - predicted[b] || a - b
	);
	let total = 0;
	for (let i = 0; i < weights.length; i++) total += weights[i];
	const out: CalibrationBin[] = [];
	let acc = { p: 0, a: 0, w: 0 };
	let seen = 0;
	for (const i of order) {
		acc.p += weights[i] * predicted[i];
		acc.a += weights[i] * actual[i];
		acc.w += weights[i];
		seen += weights[i];
		if (seen >= (total * (out.length + 1)) / bins - 1e-9 && acc.w > 0) {
			out.push({ predicted: acc.p / acc.w, actual: acc.a / acc.w, weight: acc.w });
			acc = { p: 0, a: 0, w: 0 };
		}
	}
	if (acc.w > 0) out.push({ predicted: acc.p / acc.w, actual: acc.a / acc.w, weight: acc.w });
	// Weighted least squares of actual on predicted.
	let mp = 0;
	let ma = 0;
	for (let i = 0; i < actual.length; i++) {
		mp += weights[i] * predicted[i];
		ma += weights[i] * actual[i];
	}
	mp /= total;
	ma /= total;
	let cov = 0;
	let varP = 0;
	for (let i = 0; i < actual.length; i++) {
		cov += weights[i] * (predicted[i] - mp) * (actual[i] - ma);
		varP += weights[i] * (predicted[i] - mp) ** 2;
	}
	const slope = varP > 0 ? cov / varP : NaN;
	return { bins: out, slope, intercept: ma - slope * mp };
}

/** Importance of one feature group: how much the MAE grows when it is shuffled. */
export interface Importance {
	key: string;
	label: string;
	/** Mean increase of MAE over the repeats, target units (≥ 0 for a feature the model uses). */
	increase: number;
	/** Standard deviation of the increase over repeats. */
	sd: number;
}

/**
 * Permutation feature importance (Breiman 2001; Fisher et al. 2019): shuffle a group's columns
 * together across rows (`repeats` times, seeded) and measure the growth of the weighted MAE.
 */
export function permutationImportance(
	predict: Predict,
	rows: Float32Array,
	width: number,
	actual: ArrayLike<number>,
	weights: ArrayLike<number>,
	groups: readonly FeatureGroup[],
	rng: Rng,
	repeats = 3
): Importance[] {
	const n = actual.length;
	const base = errorMetrics(predict(rows, n), actual, weights).mae;
	const shuffled = new Float32Array(rows.length);
	return groups.map((group) => {
		const increases: number[] = [];
		for (let r = 0; r < repeats; r++) {
			shuffled.set(rows);
			const perm = Array.from({ length: n }, (_, i) => i);
			for (let i = n - 1; i > 0; i--) {
				const j = Math.floor(rng.next() * (i + 1));
				[perm[i], perm[j]] = [perm[j], perm[i]];
			}
			for (let i = 0; i < n; i++)
				for (const col of group.columns) shuffled[i * width + col] = rows[perm[i] * width + col];
			increases.push(errorMetrics(predict(shuffled, n), actual, weights).mae - base);
		}
		const mean = increases.reduce((a, b) => a + b, 0) / repeats;
		const sd = Math.sqrt(
			increases.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, repeats - 1)
		);
		return { key: group.key, label: group.label, increase: mean, sd };
	});
}

/**
 * Partial dependence (Friedman 2001) of the prediction on one numeric column: for each grid
 * value, every row gets that value and the predictions are averaged (weighted).
 */
export function partialDependence(
	predict: Predict,
	rows: Float32Array,
	width: number,
	column: number,
	grid: readonly number[],
	weights: ArrayLike<number>
): { x: number; y: number }[] {
	const n = weights.length;
	const copy = new Float32Array(rows);
	let total = 0;
	for (let i = 0; i < n; i++) total += weights[i];
	return grid.map((x) => {
		for (let i = 0; i < n; i++) copy[i * width + column] = x;
		const p = predict(copy, n);
		let sum = 0;
		for (let i = 0; i < n; i++) sum += weights[i] * p[i];
		return { x, y: sum / total };
	});
}

/** Grid of `points` values from the 5th to the 95th weighted percentile of a column. */
export function percentileGrid(
	rows: Float32Array,
	width: number,
	column: number,
	points = 12
): number[] {
	const values = Array.from(
		{ length: rows.length / width },
		(_, i) => rows[i * width + column]
	).sort((a, b) => a - b);
	const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
	const lo = at(0.05);
	const hi = at(0.95);
	return Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}
