/**
 * Adstock: the carry-over of advertising into later days.
 *
 * Geometric adstock (Robyn, Meridian): a_t = x_t + decay · a_{t−1}. A unit pulse leaves
 * decay^t on day t, summing to 1 / (1 − decay). The optional delayed peak passes the geometric
 * stock through `delayStages` further normalised stages (an Erlang-shaped kernel): the total
 * weight stays 1 / (1 − decay) and the peak moves to delayStages · decay / (1 − decay) days.
 */
import * as pm from './portable-math';

/** Geometric adstock of a whole series (for fitting and tests). */
export function geometricAdstock(
	series: ArrayLike<number>,
	decay: number,
	out?: Float64Array
): Float64Array {
	const result = out ?? new Float64Array(series.length);
	let stock = 0;
	for (let t = 0; t < series.length; t++) {
		stock = series[t] + decay * stock;
		result[t] = stock;
	}
	return result;
}

/** Adstock with a delayed peak (see the module comment) of a whole series. */
export function delayedAdstock(
	series: ArrayLike<number>,
	decay: number,
	delayStages: number,
	out?: Float64Array
): Float64Array {
	const result = geometricAdstock(series, decay, out);
	for (let stage = 0; stage < delayStages; stage++) {
		let stock = 0;
		for (let t = 0; t < result.length; t++) {
			stock = (1 - decay) * result[t] + decay * stock;
			result[t] = stock;
		}
	}
	return result;
}

/** The adstock kernel: the stock left on each of `length` days by a unit pulse on day 0. */
export function adstockKernel(decay: number, delayStages: number, length: number): Float64Array {
	const pulse = new Float64Array(length);
	pulse[0] = 1;
	return delayedAdstock(pulse, decay, delayStages, pulse);
}

/** Convert a per-day decay into the per-step decay for `stepsPerDay` steps a day. */
export function decayPerStep(decayPerDay: number, stepsPerDay: number): number {
	return stepsPerDay === 1 ? decayPerDay : pm.pow(decayPerDay, 1 / stepsPerDay);
}
