/**
 * Summary statistics with 95 % confidence intervals (Student t), for independent samples and
 * for paired differences (common random numbers: policy and baseline ran on the same seeds).
 */
import { studentTQuantile } from '../sim/special';

/** A mean with its two-sided confidence interval. */
export interface Estimate {
	mean: number;
	/** Lower and upper bounds of the confidence interval. */
	low: number;
	high: number;
	/** Sample standard deviation. */
	sd: number;
	/** Number of observations. */
	n: number;
}

/**
 * Student-t quantiles by (p, degrees of freedom): a pilot summary asks for the same few
 * thousands of times, and each one is a bisection over the incomplete beta function.
 */
const tQuantiles = new Map<string, number>();

/** `studentTQuantile(p, dof)`, remembered (a pure function of its arguments). */
function tQuantile(p: number, dof: number): number {
	const key = `${p} ${dof}`;
	let q = tQuantiles.get(key);
	if (q === undefined) {
		q = studentTQuantile(p, dof);
		// Bounded: callers ask for a handful of levels, but one could loop over many.
		if (tQuantiles.size > 4096) tQuantiles.clear();
		tQuantiles.set(key, q);
	}
	return q;
}

/** Mean and t-interval of a sample (a single observation gets an interval of ±∞). */
export function meanCi(values: ArrayLike<number>, level = 0.95): Estimate {
	const n = values.length;
	if (n === 0) return { mean: NaN, low: NaN, high: NaN, sd: NaN, n: 0 };
	let sum = 0;
	for (let i = 0; i < n; i++) sum += values[i];
	const mean = sum / n;
	if (n === 1) return { mean, low: -Infinity, high: Infinity, sd: NaN, n };
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
	const sd = Math.sqrt(ss / (n - 1));
	const half = tQuantile(0.5 + level / 2, n - 1) * (sd / Math.sqrt(n));
	return { mean, low: mean - half, high: mean + half, sd, n };
}

/** Mean difference a − b over paired observations, with its t-interval. */
export function pairedCi(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): Estimate {
	if (a.length !== b.length) throw new Error('paired samples must have the same length');
	const diff = new Float64Array(a.length);
	for (let i = 0; i < a.length; i++) diff[i] = a[i] - b[i];
	return meanCi(diff, level);
}

/** Whether an interval excludes zero (a significant difference at its level). */
export function excludesZero(estimate: Estimate): boolean {
	return estimate.low > 0 || estimate.high < 0;
}

/** Ratio of means with a delta-method interval for paired samples (e.g. share of the oracle). */
export function ratioCi(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): Estimate {
	const n = a.length;
	const ma = meanCi(a, level).mean;
	const mb = meanCi(b, level).mean;
	const ratio = ma / mb;
	if (n < 2) return { mean: ratio, low: -Infinity, high: Infinity, sd: NaN, n };
	// Linearised: a_i − ratio · b_i has mean 0; its spread gives the ratio's standard error.
	const linear = new Float64Array(n);
	for (let i = 0; i < n; i++) linear[i] = (a[i] - ratio * b[i]) / mb;
	const spread = meanCi(linear, level);
	const half = (spread.high - spread.low) / 2;
	return { mean: ratio, low: ratio - half, high: ratio + half, sd: spread.sd, n };
}
