/**
 * Exponential, logarithm, power, sine and cosine that give the same bits in every JavaScript
 * engine.
 *
 * Why: `Math.exp`, `Math.pow` and `Math.cos` differ in their last bits between V8 versions (node 20
 * and current Chromium disagree), and a simulation feeds such bits back into itself — so a
 * scenario and seed would give different numbers in the CLI and in the browser. These functions
 * use only IEEE-754 addition, multiplication and division (and exact powers of two), which every
 * engine computes identically. The engine (sim, policies, guardrails, experiment) uses them;
 * eslint forbids the `Math` versions there. Accuracy is that of the algorithms ported:
 * about 1 ulp (tested against @stdlib in portable-math.test.ts).
 *
 * exp and log follow FreeBSD msun / fdlibm (e_exp.c, e_log.c); sin and cos follow musl
 * (__sin.c, __cos.c, medium-range __rem_pio2). Original notice:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify,
 *   and distribute this software is freely granted, provided that this notice is preserved.
 */

// ---- exact powers of two, and bit access ---------------------------------------------------------

/** 2^k for k in [−1074, 1023], built by exact doubling and halving. */
const POW2 = new Float64Array(2098);
const POW2_OFFSET = 1074;
POW2[POW2_OFFSET] = 1;
for (let k = 1; k <= 1023; k++) POW2[POW2_OFFSET + k] = POW2[POW2_OFFSET + k - 1] * 2;
for (let k = -1; k >= -1074; k--) POW2[POW2_OFFSET + k] = POW2[POW2_OFFSET + k + 1] / 2;

/** x · 2^k, exact unless the result overflows or becomes subnormal. */
function scale(x: number, k: number): number {
	if (k > 1023) return scale(x * POW2[POW2_OFFSET + 1023], k - 1023);
	if (k < -1022) return scale(x * POW2[POW2_OFFSET - 1022], k + 1022);
	return x * POW2[POW2_OFFSET + k];
}

// A double and its two 32-bit words. Typed arrays use the platform's byte order, so the high
// word's index is found once; a big-endian DataView gave the same bits but cost ~50 ns a call.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

// ---- exp -----------------------------------------------------------------------------------------

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x. */
export function exp(x: number): number {
	if (x !== x) return NaN;
	if (x > O_THRESHOLD) return Infinity;
	if (x < U_THRESHOLD) return 0;
	const ax = x < 0 ? -x : x;
	let hi = 0;
	let lo = 0;
	let k = 0;
	if (ax > 0.34657359027997264) {
		// Argument reduction: x = k·ln2 + r, |r| ≤ 0.5·ln2.
		if (ax < 1.0397207708399179) {
			k = x < 0 ? -1 : 1;
			hi = x - k * LN2_HI;
			lo = k * LN2_LO;
		} else {
			k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
			hi = x - k * LN2_HI;
			lo = k * LN2_LO;
		}
		x = hi - lo;
	} else if (ax < 3.725290298461914e-9) {
		return 1 + x;
	}
	const t = x * x;
	const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
	if (k === 0) return 1 - ((x * c) / (c - 2) - x);
	const y = 1 - (lo - (x * c) / (2 - c) - hi);
	return scale(y, k);
}

// ---- log -----------------------------------------------------------------------------------------

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm. */
export function log(x: number): number {
	if (x !== x || x < 0) return NaN;
	if (x === 0) return -Infinity;
	if (x === Infinity) return Infinity;
	let k = 0;
	f64[0] = x;
	let hx = u32[HI];
	if (hx < 0x00100000) {
		// Subnormal: scale up.
		k -= 54;
		f64[0] = x * TWO54;
		hx = u32[HI];
	}
	k += (hx >> 20) - 1023;
	hx &= 0x000fffff;
	const i = (hx + 0x95f64) & 0x100000;
	// Normalise x (or x/2) into [sqrt(2)/2, sqrt(2)).
	u32[HI] = hx | (i ^ 0x3ff00000);
	const m = f64[0];
	k += i >> 20;
	const f = m - 1;
	const dk = k;
	if ((0x000fffff & (2 + hx)) < 3) {
		// |f| < 2^-20
		if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
		const r = f * f * (0.5 - 0.3333333333333333 * f);
		return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
	}
	const s = f / (2 + f);
	const z = s * s;
	let ii = hx - 0x6147a;
	const w = z * z;
	const j = 0x6b851 - hx;
	const t1 = w * (LG2 + w * (LG4 + w * LG6));
	const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
	ii |= j;
	const r = t2 + t1;
	if (ii > 0) {
		const hfsq = 0.5 * f * f;
		return k === 0
			? f - (hfsq - s * (hfsq + r))
			: dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
	}
	return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** x^y for x ≥ 0 as e^(y·ln x) (relative error ≈ |y·ln x|·2^-53: fine for simulation). */
export function pow(x: number, y: number): number {
	if (y === 0) return 1;
	if (x === 1) return 1;
	if (x === 0) return y > 0 ? 0 : Infinity;
	if (x < 0) {
		if (!Number.isInteger(y)) return NaN;
		const magnitude = exp(y * log(-x));
		return y % 2 === 0 ? magnitude : -magnitude;
	}
	return exp(y * log(x));
}

/** ln(1 + x), accurate near 0. */
export function log1p(x: number): number {
	const u = 1 + x;
	if (u === 1) return x;
	// Correct the rounding of 1 + x (Goldberg's trick).
	return (log(u) * x) / (u - 1);
}

// ---- sin and cos ---------------------------------------------------------------------------------

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

function kernelSin(x: number, y: number): number {
	const z = x * x;
	const w = z * z;
	const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
	const v = z * x;
	return x - (z * (0.5 * y - v * r) - y - v * S1);
}

function kernelCos(x: number, y: number): number {
	const z = x * x;
	const w = z * z;
	const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
	const hz = 0.5 * z;
	const v = 1 - hz;
	return v + (1 - v - hz + (z * r - x * y));
}

const TO_INT = 6755399441055744; // 1.5 / EPSILON: adding and subtracting rounds to an integer
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_2T = 2.02226624879595063154e-21;

/** Reduce x to r = x − n·π/2 (as y0 + y1, |r| ≲ π/4); valid for |x| < 2^20·π/2. Returns n. */
function reduce(x: number, out: [number, number]): number {
	const fn = x * INV_PIO2 + TO_INT - TO_INT;
	const n = fn | 0;
	// Two rounds of Cody–Waite reduction (musl does the second only when needed; always doing it
	// is cheap and just as deterministic).
	const t = x - fn * PIO2_1;
	let w = fn * PIO2_2;
	const r = t - w;
	w = fn * PIO2_2T - (t - r - w);
	out[0] = r - w;
	out[1] = r - out[0] - w;
	return n;
}

const reduced: [number, number] = [0, 0];
/** Largest argument handled by the reduction above. */
const MAX_ARGUMENT = 1647099.3291652855;

/** sin(x) for |x| < 1.6e6 (simulation angles are far smaller); NaN beyond. */
export function sin(x: number): number {
	if (!(Math.abs(x) < MAX_ARGUMENT)) return NaN;
	if (Math.abs(x) < 0.7853981633974483) return kernelSin(x, 0);
	const n = reduce(x, reduced) & 3;
	const [y0, y1] = reduced;
	return n === 0
		? kernelSin(y0, y1)
		: n === 1
			? kernelCos(y0, y1)
			: n === 2
				? -kernelSin(y0, y1)
				: -kernelCos(y0, y1);
}

/** cos(x) for |x| < 1.6e6; NaN beyond. */
export function cos(x: number): number {
	if (!(Math.abs(x) < MAX_ARGUMENT)) return NaN;
	if (Math.abs(x) < 0.7853981633974483) return kernelCos(x, 0);
	const n = reduce(x, reduced) & 3;
	const [y0, y1] = reduced;
	return n === 0
		? kernelCos(y0, y1)
		: n === 1
			? -kernelSin(y0, y1)
			: n === 2
				? -kernelCos(y0, y1)
				: kernelSin(y0, y1);
}
