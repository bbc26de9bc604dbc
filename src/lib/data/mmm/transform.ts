/**
 * The media transform of the MMM: carry-over (adstock), then saturation (Hill), per channel.
 *
 * Adstock is the simulator's own (sim/adstock.ts: geometric, optionally with Erlang delay
 * stages), normalised by (1 − decay) so its weights sum to 1: a steady spend s per period has
 * adstock s. That keeps the Hill curve's half-saturation in currency per period and makes the
 * steady-state response curve simply `maxResponse · hill(spend)` — the curve every view uses.
 *
 * Carry-over and saturation act per day, as ad delivery does, even for weekly data: a week's
 * spend is spread evenly over its days, transformed day by day and summed back to the week.
 * Why: a weekly geometric adstock cannot express a lag of two or three days, and saturation
 * applies to the daily pressure; on simulated markets this cuts the misfit of the media terms
 * about sixfold and recovers the true daily decay. So `decay` is always per day.
 */
import { delayedAdstock } from '../../sim/adstock';
import { hill, hillDerivative } from '../../sim/hill';
import * as pm from '../../sim/portable-math';

/** One channel's media hyper-parameters. */
export interface MediaShape {
	/** Share of the adstock carried to the next day, 0–1 (per day, whatever the granularity). */
	decay: number;
	/** 0 = geometric carry-over; 1–3 = delayed peak (Erlang stages, as in the simulator). */
	delayStages: number;
	/** Spend per period (after carry-over) giving half the maximum response, currency units. */
	halfSaturation: number;
	/** Hill exponent: ≤ 1 concave, > 1 S-shaped. */
	slope: number;
}

/** A channel's fitted response: the shape and the KPI at full saturation. */
export interface ChannelCurve extends MediaShape {
	/** KPI per period at full saturation (the Hill curve's ceiling), KPI units per period. */
	maxResponse: number;
}

/**
 * Normalised adstock of a spend series (weights sum to 1), written into `out`.
 * With `delayStages` > 0 the kernel peaks delayStages · decay / (1 − decay) periods later.
 */
export function normalisedAdstock(
	spend: ArrayLike<number>,
	decay: number,
	delayStages: number,
	out: Float64Array
): Float64Array {
	delayedAdstock(spend, decay, delayStages, out);
	const scale = 1 - decay;
	for (let t = 0; t < out.length; t++) out[t] *= scale;
	return out;
}

/**
 * Log of the daily adstock of one channel for one carry-over, kept between calls: the search
 * and the Jacobian change half-saturation and slope far more often than decay, and the log is
 * most of the cost of the Hill curve.
 */
export interface FeatureCache {
	decay: number;
	delayStages: number;
	/** ln(adstock) per day (−Infinity where the adstock is 0). */
	logDays: Float64Array;
}

/** An empty cache for series of `days` days. */
export function featureCache(days: number): FeatureCache {
	return { decay: NaN, delayStages: -1, logDays: new Float64Array(days) };
}

/**
 * The saturated media feature h_t ∈ [0, 1) of a spend series per period, written into `out`:
 * the mean over the period's `daysPerPeriod` days of hill(adstock), with the period's spend
 * spread evenly over its days. `scratch` holds the daily series (length T · daysPerPeriod).
 * The channel's contribution is maxResponse · h_t. Pass a `cache` to reuse the adstock.
 */
export function mediaFeature(
	spend: ArrayLike<number>,
	shape: MediaShape,
	daysPerPeriod: number,
	out: Float64Array,
	scratch: Float64Array,
	cache: FeatureCache = featureCache(out.length * daysPerPeriod)
): Float64Array {
	const T = out.length;
	const D = daysPerPeriod;
	const logDays = cache.logDays;
	if (cache.decay !== shape.decay || cache.delayStages !== shape.delayStages) {
		// Daily spend in "per period" units (period spend / D per day, times D): the adstock of a
		// steady spend s per period is then s, and the Hill curve reads currency per period.
		for (let t = 0; t < T; t++) scratch.fill(spend[t], t * D, (t + 1) * D);
		const days = scratch.subarray(0, T * D);
		normalisedAdstock(days, shape.decay, shape.delayStages, days);
		for (let d = 0; d < T * D; d++) logDays[d] = days[d] > 0 ? pm.log(days[d]) : -Infinity;
		cache.decay = shape.decay;
		cache.delayStages = shape.delayStages;
	}
	const { slope } = shape;
	const logK = pm.log(shape.halfSaturation);
	for (let t = 0; t < T; t++) {
		let sum = 0;
		for (let d = t * D; d < (t + 1) * D; d++) {
			// hill(a) = 1 / (1 + (K / a)^n), as sim/hill.ts, from the cached ln a.
			const la = logDays[d];
			if (la !== -Infinity) sum += 1 / (1 + pm.exp(slope * (logK - la)));
		}
		out[t] = sum / D;
	}
	return out;
}

/** Steady-state response: KPI per period of sustaining `spend` per period. */
export function responseAt(curve: ChannelCurve, spend: number): number {
	return curve.maxResponse * hill(spend, curve.halfSaturation, curve.slope);
}

/** Marginal response: extra KPI per extra currency unit at a sustained `spend` per period. */
export function marginalResponseAt(curve: ChannelCurve, spend: number): number {
	return curve.maxResponse * hillDerivative(spend, curve.halfSaturation, curve.slope);
}

/**
 * The normalised carry-over kernel per period: the share of one period's spend (spread over
 * its days) whose adstock lands `lag` periods later, for lags 0…length−1 (weights sum to ≈ 1).
 */
export function adstockWeights(
	decay: number,
	delayStages: number,
	daysPerPeriod: number,
	length: number
): number[] {
	const D = daysPerPeriod;
	const days = new Float64Array(length * D);
	days.fill(1 / D, 0, D);
	normalisedAdstock(days, decay, delayStages, days);
	return Array.from({ length }, (_, lag) => {
		let sum = 0;
		for (let d = lag * D; d < (lag + 1) * D; d++) sum += days[d];
		return sum;
	});
}

/** Mean delay of the carry-over, days: (delayStages + 1) · decay / (1 − decay). */
export function meanLagDays(decay: number, delayStages: number): number {
	return ((delayStages + 1) * decay) / (1 - decay);
}
