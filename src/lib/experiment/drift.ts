/**
 * Drift detection: two-sample Kolmogorov–Smirnov tests between a reference window (what a model
 * was trained on) and recent days, on key observable features per day.
 *
 * The KS statistic is D = sup_x |F_a(x) − F_b(x)| of the two empirical CDFs. Its p-value is
 * exact for small samples (m·n < 10,000, as R's ks.test), by counting the lattice paths of the
 * merged ranks that stay within D (the recursion of R's psmirnov2x, after Hodges 1958), and
 * otherwise asymptotic: Kolmogorov's limiting distribution at λ = (√nₑ + 0.12 + 0.11/√nₑ)·D with
 * nₑ = m·n/(m + n) (Stephens' small-sample correction, as in Numerical Recipes). Both assume
 * continuous data; with ties they are conservative.
 *
 * Several features are tested at once, so an alert needs a p-value below α / features
 * (Bonferroni): the chance of any false alarm in one check stays at most α.
 */
import * as pm from '../sim/portable-math';
import type { Observables, Trace } from '../sim/trace';

/** Result of one two-sample KS test. */
export interface KsResult {
	/** D: largest distance between the two empirical CDFs, 0–1. */
	statistic: number;
	/** Probability of a D at least this large if both samples come from one distribution. */
	pValue: number;
	method: 'exact' | 'asymptotic';
	/** Sample sizes. */
	m: number;
	n: number;
}

/** m·n below which the p-value is exact. */
export const EXACT_LIMIT = 10_000;

/** The KS statistic D of two samples (NaNs ignored). */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
	return ksOfSorted(sortedFinite(a), sortedFinite(b));
}

/**
 * The values of a sample that are not NaN, sorted ascending. A loop, not `filter`: a pilot's
 * drift log runs a few thousand tests, and filter's callback per value cost more than the sort.
 */
function sortedFinite(a: ArrayLike<number>): Float64Array {
	const out = new Float64Array(a.length);
	let n = 0;
	for (let i = 0; i < a.length; i++) {
		const v = a[i];
		if (!Number.isNaN(v)) out[n++] = v;
	}
	return out.subarray(0, n).sort();
}

/** The KS statistic D of two sorted samples without NaNs. */
function ksOfSorted(x: Float64Array, y: Float64Array): number {
	let i = 0;
	let j = 0;
	let d = 0;
	while (i < x.length && j < y.length) {
		const v = Math.min(x[i], y[j]);
		while (i < x.length && x[i] === v) i++;
		while (j < y.length && y[j] === v) j++;
		d = Math.max(d, Math.abs(i / x.length - j / y.length));
	}
	return d;
}

/** Exact P(D < d) for samples of sizes m and n without ties (psmirnov2x's recursion). */
export function smirnovCdf(d: number, m: number, n: number): number {
	if (m > n) [m, n] = [n, m];
	const q = (0.5 + Math.floor(d * m * n - 1e-7)) / (m * n);
	const u = new Float64Array(n + 1);
	for (let j = 0; j <= n; j++) u[j] = j / n > q ? 0 : 1;
	for (let i = 1; i <= m; i++) {
		// Weights keep the path counts normalised by C(m + n, n) as they are built.
		const w = i / (i + n);
		u[0] = i / m > q ? 0 : w * u[0];
		for (let j = 1; j <= n; j++) u[j] = Math.abs(i / m - j / n) > q ? 0 : w * u[j] + u[j - 1];
	}
	return u[n];
}

/** Kolmogorov's survival function Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²). */
export function kolmogorovSurvival(lambda: number): number {
	if (lambda < 0.2) return 1;
	let sum = 0;
	for (let k = 1; k <= 100; k++) {
		const term = pm.exp(-2 * k * k * lambda * lambda);
		sum += (k % 2 === 1 ? 1 : -1) * term;
		if (term < 1e-16) break;
	}
	return Math.max(0, Math.min(1, 2 * sum));
}

/** Two-sample KS test (NaNs ignored); `exact` forces one method, default by size. */
export function ksTwoSample(
	a: ArrayLike<number>,
	b: ArrayLike<number>,
	exact: boolean | 'auto' = 'auto'
): KsResult {
	const x = sortedFinite(a);
	const y = sortedFinite(b);
	const m = x.length;
	const n = y.length;
	if (m === 0 || n === 0) return { statistic: 0, pValue: 1, method: 'exact', m, n };
	const statistic = ksOfSorted(x, y);
	const useExact = exact === 'auto' ? m * n < EXACT_LIMIT : exact;
	if (useExact) {
		const p = 1 - smirnovCdf(statistic, m, n);
		return { statistic, pValue: Math.max(0, Math.min(1, p)), method: 'exact', m, n };
	}
	const en = Math.sqrt((m * n) / (m + n));
	const pValue = kolmogorovSurvival((en + 0.12 + 0.11 / en) * statistic);
	return { statistic, pValue, method: 'asymptotic', m, n };
}

/** One feature's daily values (NaN where undefined, e.g. no impressions). */
export interface DriftFeature {
	name: string;
	/** Value per trace day. */
	values: Float64Array;
}

/**
 * Key observables per day for drift checks: each channel's CPM (spend per 1,000 impressions —
 * auction prices) and click-through rate, and the business's new customers per day (demand).
 */
export function driftFeatures(trace: Trace): DriftFeature[] {
	return observableDriftFeatures(trace, trace.observables, trace.daysDone);
}

/** `driftFeatures` from observables alone (what a policy sees), for days [0, days). */
export function observableDriftFeatures(
	layout: { C: number; K: number; S: number; channelIds: readonly string[] },
	o: Observables,
	days: number
): DriftFeature[] {
	const { C, K, S } = layout;
	const out: DriftFeature[] = [];
	for (let c = 0; c < C; c++) {
		const cpm = new Float64Array(days);
		const ctr = new Float64Array(days);
		for (let d = 0; d < days; d++) {
			let spend = 0;
			let impressions = 0;
			let clicks = 0;
			for (let i = 0; i < K * S; i++) {
				spend += o.spend[d * C * K * S + c * K * S + i];
				impressions += o.impressions[d * C * K * S + c * K * S + i];
			}
			for (let k = 0; k < K; k++) clicks += o.clicks[d * C * K + c * K + k];
			cpm[d] = impressions > 0 ? (1000 * spend) / impressions : NaN;
			ctr[d] = impressions > 0 ? clicks / impressions : NaN;
		}
		out.push({ name: `${layout.channelIds[c]}.cpm`, values: cpm });
		out.push({ name: `${layout.channelIds[c]}.ctr`, values: ctr });
	}
	const customers = new Float64Array(days);
	for (let d = 0; d < days; d++)
		for (let s = 0; s < S; s++) customers[d] += o.newCustomers[d * S + s];
	out.push({ name: 'newCustomers', values: customers });
	return out;
}

/** One feature's test in a drift check. */
export interface DriftTest extends KsResult {
	feature: string;
}

/** A drift check: every feature's test, and whether any crossed the corrected level. */
export interface DriftCheck {
	/** Trace days [from, to) of the reference and the recent window. */
	reference: [number, number];
	recent: [number, number];
	tests: DriftTest[];
	/** Significance level for the whole check, and the per-test level α / features. */
	alpha: number;
	level: number;
	/** Features whose p-value fell below `level` (empty: no drift). */
	drifted: string[];
}

/** Test each feature's recent days against its reference days at family-wise level `alpha`. */
export function driftCheck(
	features: readonly DriftFeature[],
	reference: [number, number],
	recent: [number, number],
	alpha = 0.05
): DriftCheck {
	const level = alpha / Math.max(1, features.length);
	const tests = features.map((f) => ({
		feature: f.name,
		...ksTwoSample(f.values.subarray(...reference), f.values.subarray(...recent))
	}));
	return {
		reference,
		recent,
		tests,
		alpha,
		level,
		drifted: tests.filter((t) => t.pValue < level).map((t) => t.feature)
	};
}

/** Settings of a rolling drift monitor. */
export interface DriftMonitorConfig {
	/** Days in the recent window. */
	recentDays: number;
	/** Days between checks. */
	checkEvery: number;
	/** Family-wise significance level of each check. */
	alpha: number;
}

/** Defaults: weekly checks of the last 28 days at α = 0.05. */
export const DEFAULT_DRIFT_MONITOR: DriftMonitorConfig = {
	recentDays: 28,
	checkEvery: 7,
	alpha: 0.05
};

/**
 * Run weekly checks from day `start` to `end` against the fixed reference window; returns the
 * first check that raised an alert, or null. Recent windows never overlap the reference.
 */
export function firstDriftAlert(
	features: readonly DriftFeature[],
	reference: [number, number],
	start: number,
	end: number,
	config: DriftMonitorConfig = DEFAULT_DRIFT_MONITOR
): DriftCheck | null {
	for (let day = start; day <= end; day += config.checkEvery) {
		const from = Math.max(reference[1], day - config.recentDays);
		if (day - from < config.recentDays) continue;
		const check = driftCheck(features, reference, [from, day], config.alpha);
		if (check.drifted.length > 0) return check;
	}
	return null;
}

/** A performance-decay check: recent mean against the reference mean of a daily return. */
export interface DecayCheck {
	/** Mean daily value in the reference and the recent window. */
	reference: number;
	recent: number;
	/** Relative change recent ÷ reference − 1. */
	change: number;
	/** One-sided Welch t-test p-value for "recent is lower". */
	pValue: number;
	/** Whether the drop exceeds `minDrop` and is significant at α. */
	alert: boolean;
}

/**
 * Alert when a daily return (e.g. last-click revenue per unit of spend) has dropped by more than
 * `minDrop` (relative) and a one-sided Welch t-test at level `alpha` agrees (normal
 * approximation of the t distribution; the windows are weeks long).
 */
export function performanceDecay(
	reference: ArrayLike<number>,
	recent: ArrayLike<number>,
	minDrop = 0.1,
	alpha = 0.05
): DecayCheck {
	const stats = (x: ArrayLike<number>) => {
		const v = Array.from(x).filter(Number.isFinite);
		const mean = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
		const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length - 1);
		return { mean, se2: variance / Math.max(1, v.length) };
	};
	const a = stats(reference);
	const b = stats(recent);
	const z = (b.mean - a.mean) / Math.sqrt(a.se2 + b.se2 || 1e-300);
	const pValue = normalCdf(z);
	const change = a.mean !== 0 ? b.mean / a.mean - 1 : 0;
	return {
		reference: a.mean,
		recent: b.mean,
		change,
		pValue,
		alert: change < -minDrop && pValue < alpha
	};
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; error < 1.5e-7). */
function normalCdf(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * pm.exp(-x * x);
	return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A drift alert raised during a pilot, for the run's decision log. */
export interface DriftAlert {
	/** Pilot day (0 = first day of the pilot) of the check that fired. */
	day: number;
	/** Features that drifted, with their KS statistic and p-value. */
	tests: DriftTest[];
}

/**
 * Weekly drift checks over a pilot: the reference window is the last `referenceDays` of the
 * business-as-usual history (what a model fitted before the pilot learned from); each check
 * compares the last `recentDays` of the pilot against it. Returns every check that fired, in
 * pilot days. `historyDays` is the trace's history length.
 */
export function pilotDriftAlerts(
	trace: Trace,
	historyDays: number,
	referenceDays = 56,
	config: DriftMonitorConfig = DEFAULT_DRIFT_MONITOR
): DriftAlert[] {
	const features = driftFeatures(trace);
	const reference: [number, number] = [Math.max(0, historyDays - referenceDays), historyDays];
	const alerts: DriftAlert[] = [];
	const first = historyDays + config.recentDays;
	for (let day = first; day <= trace.daysDone; day += config.checkEvery) {
		const check = driftCheck(features, reference, [day - config.recentDays, day], config.alpha);
		if (check.drifted.length > 0) {
			alerts.push({
				day: day - historyDays,
				tests: check.tests.filter((t) => check.drifted.includes(t.feature))
			});
		}
	}
	return alerts;
}
