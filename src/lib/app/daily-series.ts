/**
 * Daily series per channel, shaped from a run's trace for charts: what was spent, what the
 * channel truly caused, and what last click and the ad platforms credited it with.
 *
 * Pure data shaping (no DOM, no Svelte); runs in the simulator worker and in node tests.
 */
import { cellsByChannel, ckByChannel, csByChannel, type Trace } from '../sim/trace';

/**
 * Per channel, per day, channel-major: the value of channel `c` on day `d` is at `c · days + d`,
 * so `series.subarray(c · days, (c + 1) · days)` is one channel's year. Currency units per day.
 */
export interface DailySeries {
	/** Days simulated (the length of each channel's run of values). */
	days: number;
	/** Channels. */
	C: number;
	/** Spend actually paid (observable), currency units per day. */
	spend: Float64Array;
	/** True incremental first-order revenue caused by the channel (ground truth), per day. */
	incRevenue: Float64Array;
	/** First-order revenue credited to the channel by the site's last-click model, per day. */
	lastClickRevenue: Float64Array;
	/** First-order revenue the ad platform claims for itself (click + view-through), per day. */
	platformRevenue: Float64Array;
	/** True incremental LTV-profit (lifetime gross margin of acquired customers − spend), per day. */
	ltvProfit: Float64Array;
}

/** The series of `DailySeries` that are per-channel currency values (every field but the shape). */
export const DAILY_KEYS = [
	'spend',
	'incRevenue',
	'lastClickRevenue',
	'platformRevenue',
	'ltvProfit'
] as const;

export type DailyKey = (typeof DAILY_KEYS)[number];

/** Transpose a day-major `out[d·C + c]` array into channel-major `out[c·days + d]`. */
function channelMajor(dayMajor: Float64Array, days: number, C: number): Float64Array {
	const out = new Float64Array(days * C);
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) out[c * days + d] = dayMajor[d * C + c];
	}
	return out;
}

/** The daily series of every channel over the days the trace has recorded. */
export function dailySeries(trace: Trace): DailySeries {
	const days = trace.daysDone;
	const { C } = trace;
	const { observables, truth } = trace;
	const spend = cellsByChannel(trace, observables.spend, days);
	const margin = csByChannel(trace, truth.incLtvMargin, days);
	const ltvProfit = new Float64Array(days * C);
	for (let i = 0; i < ltvProfit.length; i++) ltvProfit[i] = margin[i] - spend[i];
	return {
		days,
		C,
		spend: channelMajor(spend, days, C),
		incRevenue: channelMajor(csByChannel(trace, truth.incRevenue, days), days, C),
		lastClickRevenue: channelMajor(csByChannel(trace, observables.lastClickRevenue, days), days, C),
		platformRevenue: channelMajor(ckByChannel(trace, observables.platformRevenue, days), days, C),
		ltvProfit: channelMajor(ltvProfit, days, C)
	};
}

/** One channel's values of a series (a view, not a copy). */
export function channelSeries(daily: DailySeries, key: DailyKey, c: number): Float64Array {
	return daily[key].subarray(c * daily.days, (c + 1) * daily.days);
}

/** A series summed over channels, per day. */
export function totalSeries(daily: DailySeries, key: DailyKey): Float64Array {
	const { days, C } = daily;
	const values = daily[key];
	const out = new Float64Array(days);
	for (let c = 0; c < C; c++) {
		for (let d = 0; d < days; d++) out[d] += values[c * days + d];
	}
	return out;
}

/** Totals over the run of every series, for one channel. */
export type Totals = Record<DailyKey, number>;

/** Sum of each series over all days, for channel `c`. */
export function channelTotals(daily: DailySeries, c: number): Totals {
	const totals = {} as Totals;
	for (const key of DAILY_KEYS) {
		let sum = 0;
		for (const value of channelSeries(daily, key, c)) sum += value;
		totals[key] = sum;
	}
	return totals;
}

/** Sum of per-channel totals. */
export function sumTotals(perChannel: readonly Totals[]): Totals {
	const out = {} as Totals;
	for (const key of DAILY_KEYS) out[key] = perChannel.reduce((sum, t) => sum + t[key], 0);
	return out;
}
