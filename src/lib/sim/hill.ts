/**
 * Hill saturation, as in Robyn and Meridian: response(x) = xⁿ / (xⁿ + Kⁿ), rising from 0 to 1.
 * `halfSaturation` (K) is the exposure at which the response reaches half its maximum; `slope`
 * (n) shapes it: n ≤ 1 is concave everywhere, n > 1 is S-shaped.
 */
import * as pm from './portable-math';
export function hill(x: number, halfSaturation: number, slope: number): number {
	if (!(x > 0)) return 0;
	// exp(n·ln(K/x)) rather than Math.pow: several times faster in V8, and this runs per step.
	return 1 / (1 + pm.exp(slope * pm.log(halfSaturation / x)));
}

/** d/dx of `hill`, for marginal returns. */
export function hillDerivative(x: number, halfSaturation: number, slope: number): number {
	if (!(x > 0)) return slope === 1 ? 1 / halfSaturation : 0;
	const r = pm.pow(halfSaturation / x, slope);
	return (slope * r) / (x * (1 + r) * (1 + r));
}

/** Intervals in a tabulated Hill curve (see `hillTable`). */
export const HILL_TABLE_SIZE = 1024;

/**
 * Tabulate the Hill curve of exponent `slope` over t = x / (x + K) ∈ [0, 1], where it reads
 * h(t) = tⁿ / (tⁿ + (1 − t)ⁿ) whatever K is. The market looks it up instead of calling exp and
 * log for every channel × segment × step; interpolation error < 1e-5 for slopes in [0.1, 5].
 */
export function hillTable(
	slope: number,
	out = new Float64Array(HILL_TABLE_SIZE + 1),
	offset = 0
): Float64Array {
	for (let i = 0; i <= HILL_TABLE_SIZE; i++) {
		const t = i / HILL_TABLE_SIZE;
		out[offset + i] = i === 0 ? 0 : i === HILL_TABLE_SIZE ? 1 : hill(t / (1 - t), 1, slope);
	}
	return out;
}

/**
 * `hill(x, K, n)` from a table made by `hillTable(n)` at `offset`: exact for n = 1 (h = t), for
 * n < 1 and on the steep end intervals, interpolated elsewhere.
 */
export function hillFromTable(
	x: number,
	halfSaturation: number,
	slope: number,
	table: Float64Array,
	offset: number
): number {
	if (!(x > 0)) return 0;
	const t = x / (x + halfSaturation);
	if (slope === 1) return t;
	const y = t * HILL_TABLE_SIZE;
	// Slopes below 1 have unbounded curvature at both ends; the end intervals are steep for all.
	if (slope < 1 || y < 1 || y >= HILL_TABLE_SIZE - 1) return hill(x, halfSaturation, slope);
	const i = y | 0;
	const a = table[offset + i];
	return a + (y - i) * (table[offset + i + 1] - a);
}
