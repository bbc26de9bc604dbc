/**
 * The state the RL allocator sees: a fixed-length vector computed from a `PolicyView`'s
 * observables only (platform reports, the site's last-click report, order data and the
 * business's calendar) — never ground truth.
 *
 * Per channel (C blocks, in channel order):
 *   - `spendShare`: its share of the last 7 days' spend, × C − 1 (0 = an even split),
 *   - `lastClickReturn`: log(1 + last-click value ÷ spend) over the last 7 days,
 *   - `platformReturn`: log(1 + platform-claimed value ÷ spend) over the last 7 days,
 *   - `returnTrend`: log of the last-click return over 7 days ÷ over 28 days,
 *   - `clickTrend`: log of the click-through rate over 7 days ÷ over 28 days (creative fatigue
 *     shows as a falling CTR).
 * Then four about the business:
 *   - `demandTrend`: log of new customers per day over 7 days ÷ over 28 days (season and trend:
 *     the view carries weekdays, not calendar dates, so the season is read from demand itself),
 *   - `eventSoon`: share of the next 7 days inside a promotion of the business's calendar,
 *   - `daysLeft`: pilot days left ÷ 91, capped at 1 (only the last quarter changes what a week of
 *     spend is worth; the cap keeps long pilots inside what short training episodes saw),
 *   - `budgetPace`: budget left per day left ÷ the daily budget − 1 (0 = on pace).
 * "Value" follows the objective (observe.ts). Every feature is clipped to ±FEATURE_CLIP.
 */
import * as pm from '../sim/portable-math';
import { channelCellTotal, channelCreativeTotal, lastClickValue, platformValue } from './observe';
import type { PolicyView } from './policy';

/** Names of the per-channel features, in block order. */
export const RL_CHANNEL_FEATURES = [
	'spendShare',
	'lastClickReturn',
	'platformReturn',
	'returnTrend',
	'clickTrend'
] as const;

/** Names of the business-wide features, after the channel blocks. */
export const RL_GLOBAL_FEATURES = ['demandTrend', 'eventSoon', 'daysLeft', 'budgetPace'] as const;

/** Version of the feature layout; a saved model records it and refuses another. */
export const RL_FEATURE_VERSION = 1;

/** Short and long windows, days. */
export const SHORT_WINDOW = 7;
export const LONG_WINDOW = 28;
/** Days-left horizon the `daysLeft` feature saturates at. */
export const DAYS_LEFT_CAP = 91;
/** Features are clipped to ± this. */
export const FEATURE_CLIP = 4;

/** Length of the state vector for C channels. */
export function rlFeatureCount(C: number): number {
	return C * RL_CHANNEL_FEATURES.length + RL_GLOBAL_FEATURES.length;
}

/** Readable name of feature i (e.g. 'display.returnTrend', 'demandTrend'). */
export function rlFeatureName(i: number, channelIds: readonly string[]): string {
	const per = RL_CHANNEL_FEATURES.length;
	if (i < channelIds.length * per)
		return `${channelIds[Math.floor(i / per)]}.${RL_CHANNEL_FEATURES[i % per]}`;
	return RL_GLOBAL_FEATURES[i - channelIds.length * per];
}

const clip = (x: number) =>
	Number.isFinite(x) ? Math.max(-FEATURE_CLIP, Math.min(FEATURE_CLIP, x)) : 0;

/** Scratch sums per channel over a window (reused; plain arrays keep the hot path simple). */
interface WindowSums {
	spend: Float64Array;
	lastClick: Float64Array;
	platform: Float64Array;
	clicks: Float64Array;
	impressions: Float64Array;
	customers: number;
	days: number;
}

function windowSums(view: PolicyView, days: number): WindowSums {
	const { C, S } = view.layout;
	const out: WindowSums = {
		spend: new Float64Array(C),
		lastClick: new Float64Array(C),
		platform: new Float64Array(C),
		clicks: new Float64Array(C),
		impressions: new Float64Array(C),
		customers: 0,
		days: 0
	};
	const day = new Float64Array(C);
	const first = Math.max(0, view.day - days);
	for (let d = first; d < view.day; d++) {
		out.days++;
		const add = (target: Float64Array, values: Float64Array) => {
			for (let c = 0; c < C; c++) target[c] += values[c];
		};
		add(out.spend, channelCellTotal(view, 'spend', d, day));
		add(out.impressions, channelCellTotal(view, 'impressions', d, day));
		add(out.clicks, channelCreativeTotal(view, 'clicks', d, day));
		add(out.lastClick, lastClickValue(view, d, day));
		add(out.platform, platformValue(view, d, day));
		for (let s = 0; s < S; s++) out.customers += view.observed.newCustomers[d * S + s];
	}
	return out;
}

/** Write the state vector for `view` into `out` (length rlFeatureCount(C)) and return it. */
export function rlFeatures(
	view: PolicyView,
	out = new Float64Array(rlFeatureCount(view.layout.C))
): Float64Array {
	const { C } = view.layout;
	const short = windowSums(view, SHORT_WINDOW);
	const long = windowSums(view, LONG_WINDOW);
	let totalSpend = 0;
	for (let c = 0; c < C; c++) totalSpend += short.spend[c];
	const per = RL_CHANNEL_FEATURES.length;
	const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
	for (let c = 0; c < C; c++) {
		const shortReturn = ratio(short.lastClick[c], short.spend[c]);
		const longReturn = ratio(long.lastClick[c], long.spend[c]);
		const shortCtr = ratio(short.clicks[c], short.impressions[c]);
		const longCtr = ratio(long.clicks[c], long.impressions[c]);
		const o = c * per;
		out[o] = clip(totalSpend > 0 ? (short.spend[c] / totalSpend) * C - 1 : 0);
		out[o + 1] = clip(pm.log1p(Math.max(0, shortReturn)));
		out[o + 2] = clip(pm.log1p(Math.max(0, ratio(short.platform[c], short.spend[c]))));
		out[o + 3] = clip(shortReturn > 0 && longReturn > 0 ? pm.log(shortReturn / longReturn) : 0);
		out[o + 4] = clip(shortCtr > 0 && longCtr > 0 ? pm.log(shortCtr / longCtr) : 0);
	}
	const g = C * per;
	const shortCustomers = ratio(short.customers, short.days);
	const longCustomers = ratio(long.customers, long.days);
	out[g] = clip(
		shortCustomers > 0 && longCustomers > 0 ? pm.log(shortCustomers / longCustomers) : 0
	);
	let eventDays = 0;
	for (let d = view.day; d < view.day + SHORT_WINDOW; d++) {
		if (view.events.some((e) => e.startDay <= d && d <= e.endDay)) eventDays++;
	}
	out[g + 1] = eventDays / SHORT_WINDOW;
	const pilotEnd = view.days;
	const daysLeft = Math.max(0, pilotEnd - view.day);
	out[g + 2] = Math.min(1, daysLeft / DAYS_LEFT_CAP);
	// Budget left: the pilot's budget minus what it has spent so far.
	let spent = 0;
	const { K, S } = view.layout;
	const width = C * K * S;
	for (let d = view.pilotStart; d < view.day; d++) {
		for (let i = 0; i < width; i++) spent += view.observed.spend[d * width + i];
	}
	const budgetLeft = view.dailyBudget * (pilotEnd - view.pilotStart) - spent;
	out[g + 3] = clip(daysLeft > 0 ? budgetLeft / daysLeft / view.dailyBudget - 1 : 0);
	return out;
}
