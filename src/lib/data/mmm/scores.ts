/**
 * Fit scores as MMM tools report them: R², NRMSE (RMSE over the KPI's range, Robyn's
 * convention), MAPE, and the Durbin–Watson statistic of the residuals.
 */
import type { FitScores } from './types';

/** R², NRMSE and MAPE of `fitted` against `observed` over periods [from, to). */
export function fitScores(
	observed: ArrayLike<number>,
	fitted: ArrayLike<number>,
	from = 0,
	to = observed.length
): FitScores {
	const n = to - from;
	if (n <= 0) return { r2: NaN, nrmse: NaN, mape: NaN };
	let mean = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let t = from; t < to; t++) {
		mean += observed[t] / n;
		min = Math.min(min, observed[t]);
		max = Math.max(max, observed[t]);
	}
	let sse = 0;
	let sst = 0;
	let ape = 0;
	let counted = 0;
	for (let t = from; t < to; t++) {
		const e = observed[t] - fitted[t];
		sse += e * e;
		sst += (observed[t] - mean) ** 2;
		if (observed[t] !== 0) {
			ape += Math.abs(e / observed[t]);
			counted++;
		}
	}
	const range = max - min;
	return {
		r2: sst > 0 ? 1 - sse / sst : NaN,
		nrmse: range > 0 ? Math.sqrt(sse / n) / range : NaN,
		mape: counted > 0 ? ape / counted : NaN
	};
}

/** Durbin–Watson: Σ (e_t − e_{t−1})² / Σ e_t²; about 2 when residuals are not autocorrelated. */
export function durbinWatson(residuals: ArrayLike<number>): number {
	let num = 0;
	let den = 0;
	for (let t = 0; t < residuals.length; t++) {
		den += residuals[t] ** 2;
		if (t > 0) num += (residuals[t] - residuals[t - 1]) ** 2;
	}
	return den > 0 ? num / den : NaN;
}

/** The q-quantile (0–1) of values (linear interpolation between order statistics). */
export function quantile(values: readonly number[], q: number): number {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const at = q * (sorted.length - 1);
	const lo = Math.floor(at);
	const hi = Math.min(sorted.length - 1, lo + 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
