/**
 * Standard normal CDF and quantile, fast enough for the market's hot loop.
 *
 * Why not a library here: these run several times per channel × segment × step, so they must be
 * branch-light and allocation-free. Accuracy is far below anything a simulation can notice
 * (checked against @stdlib in normal.test.ts). Statistics code outside the hot loop uses @stdlib.
 */
import * as pm from './portable-math';

/**
 * Φ(x), the standard normal CDF. Uses erfc by the Chebyshev fit of Numerical Recipes (§6.2),
 * fractional error < 1.2e-7 everywhere.
 */
export function normalCdf(x: number): number {
	const z = Math.abs(x) * Math.SQRT1_2;
	const t = 1 / (1 + 0.5 * z);
	const erfc =
		t *
		pm.exp(
			-z * z -
				1.26551223 +
				t *
					(1.00002368 +
						t *
							(0.37409196 +
								t *
									(0.09678418 +
										t *
											(-0.18628806 +
												t *
													(0.27886807 +
														t *
															(-1.13520398 +
																t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
		);
	return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

// Acklam's rational approximation of the normal quantile, relative error < 1.15e-9.
const A1 = -3.969683028665376e1,
	A2 = 2.209460984245205e2,
	A3 = -2.759285104469687e2,
	A4 = 1.38357751867269e2,
	A5 = -3.066479806614716e1,
	A6 = 2.506628277459239;
const B1 = -5.447609879822406e1,
	B2 = 1.615858368580409e2,
	B3 = -1.556989798598866e2,
	B4 = 6.680131188771972e1,
	B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3,
	C2 = -3.223964580411365e-1,
	C3 = -2.400758277161838,
	C4 = -2.549732539343734,
	C5 = 4.374664141464968,
	C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3,
	D2 = 3.224671290700398e-1,
	D3 = 2.445134137142996,
	D4 = 3.754408661907416;
const P_LOW = 0.02425;

/** Φ⁻¹(p) for p in (0, 1); returns ±Infinity at the ends. */
export function normalQuantile(p: number): number {
	if (p <= 0) return -Infinity;
	if (p >= 1) return Infinity;
	if (p < P_LOW) {
		const q = Math.sqrt(-2 * pm.log(p));
		return (
			(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
			((((D1 * q + D2) * q + D3) * q + D4) * q + 1)
		);
	}
	if (p > 1 - P_LOW) {
		const q = Math.sqrt(-2 * pm.log(1 - p));
		return -(
			(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
			((((D1 * q + D2) * q + D3) * q + D4) * q + 1)
		);
	}
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) /
		(((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1)
	);
}

// A table of Φ⁻¹ on a uniform grid: the market draws a normal deviate per cell per step, and a
// table lookup is several times cheaper than the rational approximation. Linear interpolation
// is accurate to ~1e-4 in the body; the outer 1/TABLE_SIZE of each tail uses `normalQuantile`.
const TABLE_SIZE = 4096;
const QUANTILES = new Float64Array(TABLE_SIZE + 1);
for (let i = 1; i < TABLE_SIZE; i++) QUANTILES[i] = normalQuantile(i / TABLE_SIZE);

/** Φ⁻¹(p), table-interpolated (for sampling noise, not for statistics). */
export function fastNormalQuantile(p: number): number {
	const x = p * TABLE_SIZE;
	if (x < 1 || x >= TABLE_SIZE - 1) return normalQuantile(p);
	const i = x | 0;
	const a = QUANTILES[i];
	return a + (x - i) * (QUANTILES[i + 1] - a);
}

// Φ tabulated on [−8, 8]: interpolation error < 5e-7 (Φ'' ≤ 0.242), beyond it Φ is 0 or 1 to
// within 7e-16. Used by the auction, which calls Φ for every channel × segment × step.
const CDF_RANGE = 8;
const CDF_STEPS = 4096;
const CDF_SCALE = CDF_STEPS / (2 * CDF_RANGE);
const CDF_TABLE = new Float64Array(CDF_STEPS + 2);
for (let i = 0; i <= CDF_STEPS + 1; i++) CDF_TABLE[i] = normalCdf(i / CDF_SCALE - CDF_RANGE);

/** Φ(x), table-interpolated (for the market's hot loop). */
export function fastNormalCdf(x: number): number {
	const y = (x + CDF_RANGE) * CDF_SCALE;
	if (!(y > 0)) return 0;
	if (y >= CDF_STEPS) return 1;
	const i = y | 0;
	const a = CDF_TABLE[i];
	return a + (y - i) * (CDF_TABLE[i + 1] - a);
}
