/**
 * Chart-ready series from a run's daily data: totals over channels or one channel, optionally
 * smoothed, plus small helpers the charts share (extent, nearest point). Pure; tested in
 * node.
 */
import { channelSeries, totalSeries, type DailySeries } from '../app/daily-series';

/** The four lines of the daily chart. */
export const DAILY_LINES = ['spend', 'incRevenue', 'lastClickRevenue', 'platformRevenue'] as const;
export type DailyLine = (typeof DAILY_LINES)[number];

/** One value per day for each line, currency units per day. */
export type DailyLines = Record<DailyLine, Float64Array>;

/**
 * Trailing mean over the last `window` days (fewer at the start of the run); `window` ≤ 1
 * returns a copy. The mean of day d covers days max(0, d − window + 1) … d.
 */
export function rollingMean(values: ArrayLike<number>, window: number): Float64Array {
	const n = values.length;
	const out = new Float64Array(n);
	const w = Math.max(1, Math.floor(window));
	let sum = 0;
	for (let d = 0; d < n; d++) {
		sum += values[d];
		if (d >= w) sum -= values[d - w];
		out[d] = sum / Math.min(d + 1, w);
	}
	return out;
}

/**
 * The daily chart's lines: summed over channels (`channel` null) or for one channel, each
 * smoothed with a trailing `window`-day mean (1 = raw days).
 */
export function dailyLines(daily: DailySeries, channel: number | null, window = 1): DailyLines {
	const out = {} as DailyLines;
	for (const key of DAILY_LINES) {
		const raw = channel === null ? totalSeries(daily, key) : channelSeries(daily, key, channel);
		out[key] = rollingMean(raw, window);
	}
	return out;
}

/** Smallest and largest value over several series (0 and 1 when there is nothing finite). */
export function extentOf(series: readonly ArrayLike<number>[]): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const values of series) {
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (!Number.isFinite(v)) continue;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
	}
	return lo <= hi ? [lo, hi] : [0, 1];
}

/** Index of the value in increasing `xs` closest to `x` (−1 when `xs` is empty). */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
	const n = xs.length;
	if (n === 0) return -1;
	let lo = 0;
	let hi = n - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (xs[mid] <= x) lo = mid;
		else hi = mid;
	}
	return Math.abs(xs[hi] - x) < Math.abs(x - xs[lo]) ? hi : lo;
}
