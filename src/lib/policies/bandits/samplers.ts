/**
 * Random variates for the bandits' posteriors: standard normal, gamma and beta, each taking the
 * seeded `Rng` it draws from (sim/random.ts). Unlike the market's samplers these are not
 * one-uniform inversions: Thompson sampling draws millions of them, so they use the fast exact
 * rejection methods — the ziggurat for the normal (Marsaglia & Tsang 2000), Marsaglia & Tsang's
 * squeeze method for the gamma (2000) and the ratio of two gammas for the beta. No allocation.
 *
 * The gamma's squeeze is tighter than the published one (see `squeezeAccepts`): it accepts the
 * same attempts as the exact test, so the draws are the same, but it rarely needs the two
 * logarithms (portable-math's cost ~60 ns each, more than the rest of a draw).
 */
import type { Rng } from '../../sim/random';
import * as pm from '../../sim/portable-math';

// Bound once: where modules run as CommonJS (tsx, the bench) every `pm.exp` is a getter call.
const exp = pm.exp;
const log = pm.log;

// ---- ziggurat tables (Marsaglia & Tsang 2000, "The Ziggurat Method…", 128 layers) ------------

const LAYERS = 128;
/** x-coordinate of the base layer's right edge. */
const TAIL_START = 3.442619855899;
/** Area of each layer (including the base layer's tail). */
const LAYER_AREA = 9.91256303526217e-3;
/** Acceptance thresholds on |hz| for the fast path (the rectangle under the curve). */
const kn = new Int32Array(LAYERS);
/** Scale from a signed 32-bit integer to x in each layer. */
const wn = new Float64Array(LAYERS);
/** exp(−x²/2) at each layer's right edge. */
const fn = new Float64Array(LAYERS);
/** x²/2 at each layer's right edge (0 for layer 0: the top of layer 1's wedge is x = 0). */
const halfSq = new Float64Array(LAYERS);
{
	const m1 = 2 ** 31;
	let dn = TAIL_START;
	let tn = dn;
	const q = LAYER_AREA / pm.exp(-0.5 * dn * dn);
	kn[0] = Math.min(Math.floor((dn / q) * m1), 2 ** 31 - 1);
	kn[1] = 0;
	wn[0] = q / m1;
	wn[LAYERS - 1] = dn / m1;
	fn[0] = 1;
	fn[LAYERS - 1] = pm.exp(-0.5 * dn * dn);
	halfSq[LAYERS - 1] = 0.5 * dn * dn;
	for (let i = LAYERS - 2; i >= 1; i--) {
		dn = Math.sqrt(-2 * pm.log(LAYER_AREA / dn + pm.exp(-0.5 * dn * dn)));
		kn[i + 1] = Math.floor((dn / tn) * m1);
		tn = dn;
		fn[i] = pm.exp(-0.5 * dn * dn);
		halfSq[i] = 0.5 * dn * dn;
		wn[i] = dn / m1;
	}
}

const TWO_POW_32 = 2 ** 32;
/**
 * The Rng's 32 random bits as a signed integer: `next()` is (n + ½)·2⁻³², so n − 2³¹ is exact
 * and stays in int32 range (ToInt32 of an out-of-range double is slow in V8).
 */
const signedBits = (rng: Rng): number => (rng.next() * TWO_POW_32 - 2147483648.5) | 0;
/** The layer index from bits 1–7 (bit 0 of xoroshiro128+ is its weakest). */
const layerOf = (hz: number): number => (hz >> 1) & (LAYERS - 1);

/** The ziggurat's layers as the wedge test sees them (for tests): count, and each layer's edge x. */
export const ZIGGURAT_LAYERS = LAYERS;
/** x at the right edge of layer i ≥ 1 (layer i's wedge spans [edge(i − 1), edge(i)), edge(0) = 0). */
export const layerEdge = (i: number): number => (i === 0 ? 0 : wn[i] * 2 ** 31);

/**
 * Whether the point (x, y) of layer `iz`'s wedge lies under exp(−x²/2). The wedge spans
 * x_{iz−1} ≤ |x| < x_iz, so with s = x²/2 the curve is fn[iz]·e^δ (δ = x_iz²/2 − s ≥ 0) and
 * fn[iz−1]·e^−ε (ε = s − x_{iz−1}²/2 ≥ 0); e^δ ≥ 1 + δ + δ²/2 and e^−ε ≤ 1 − ε + ε²/2 decide
 * almost every point without the exponential (portable-math's costs ~50 ns), and always as it would.
 */
export function underWedge(x: number, y: number, iz: number): boolean {
	const s = 0.5 * x * x;
	const delta = halfSq[iz] - s;
	if (y < fn[iz] * (1 + delta * (1 + 0.5 * delta))) return true;
	const eps = s - halfSq[iz - 1];
	if (eps > 0 && y >= fn[iz - 1] * (1 - eps * (1 - 0.5 * eps))) return false;
	return y < exp(-s);
}

/** The ziggurat's rare path: wedges and the tail, then retries (kept apart so the fast path inlines). */
function normalSlowPath(rng: Rng, hz: number, iz: number): number {
	for (;;) {
		if (iz === 0) {
			// Tail beyond TAIL_START: Marsaglia's exponential rejection.
			let x: number;
			let y: number;
			do {
				x = -log(rng.next()) / TAIL_START;
				y = -log(rng.next());
			} while (y + y < x * x);
			return hz > 0 ? TAIL_START + x : -TAIL_START - x;
		}
		const x = hz * wn[iz];
		if (underWedge(x, fn[iz] + rng.next() * (fn[iz - 1] - fn[iz]), iz)) return x;
		hz = signedBits(rng);
		iz = layerOf(hz);
		if (Math.abs(hz) < kn[iz]) return hz * wn[iz];
	}
}

/** A standard normal draw N(0, 1) by the ziggurat: one uniform about 99% of the time. */
export function standardNormal(rng: Rng): number {
	const hz = signedBits(rng);
	const iz = layerOf(hz);
	if (Math.abs(hz) < kn[iz]) return hz * wn[iz];
	return normalSlowPath(rng, hz, iz);
}

// ---- gamma and beta ----------------------------------------------------------------------------

/**
 * A Gamma(shape, 1) draw for shape ≥ 1 from Marsaglia & Tsang's precomputed constants
 * d = shape − 1/3 and c = 1/√(9d). Bandits that draw from the same posterior many times keep
 * d and c per arm; everyone else calls `gamma`.
 */
export function gammaFromConstants(rng: Rng, d: number, c: number): number {
	const constants = SINGLE_CONSTANTS;
	constants[0] = d;
	constants[1] = c;
	return gammaDraws(rng, constants, 1, SINGLE_DRAW)[0];
}

const SINGLE_CONSTANTS = new Float64Array(2);
const SINGLE_DRAW = new Float64Array(1);

/**
 * Marsaglia–Tsang accept an attempt (normal x, v = 1 + c·x > 0, uniform u) when
 * ln u < x²/2 + d·(1 − v³ + ln v³). Write t = c·x. By Taylor's theorem with the Lagrange
 * remainder, ln(1 + t) ≥ t − t²/2 + t³/3 − t⁴/(4·min(1, 1 + t)⁴), and 1/min(1, v)⁴ ≤ 1 + 1/v⁴;
 * with d·c² = 1/9 the right-hand side is then ≥ −(d·c⁴·3/4)·x⁴·(1 + 1/v⁴) − ε·x² (ε = 1e-12
 * covers the rounding of d·c² away from 1/9), and since ln u ≤ u − 1 this test passing implies
 * the exact one. It fails for ~1/(18·shape) of attempts at large shapes, where the published
 * u < 1 − 0.0331·x⁴ fails for ~8 % whatever the shape (at shape 1: 14 % against 8 %). Multiplied through by v⁴: no division,
 * no branch on the sign of x (a coin flip the CPU cannot predict).
 */
export function squeezeAccepts(
	u: number,
	x2: number,
	v: number,
	v3: number,
	d: number,
	c: number
): boolean {
	const v4 = v3 * v;
	const c2 = c * c;
	return (1 - u) * v4 > 0.75 * d * c2 * c2 * x2 * x2 * (v4 + 1) + 1e-12 * x2 * v4;
}

/**
 * The exact acceptance test of Marsaglia & Tsang's gamma method (see `squeezeAccepts`), after
 * their published squeeze: below shape ~2 it catches some attempts the tighter one leaves.
 */
const exactAccepts = (u: number, x2: number, v3: number, d: number): boolean =>
	u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v3 + log(v3));

/**
 * Fill `out[i]` with a Gamma draw of the shape whose Marsaglia–Tsang constants are
 * `constants[2i]` (d) and `constants[2i + 1]` (c), for i < count. The same draws as `count`
 * calls of `gammaFromConstants`, written as one loop because a Thompson choice over many arms
 * is exactly this and V8 keeps a single loop unboxed where it may not inline nested calls.
 */
export function gammaDraws(
	rng: Rng,
	constants: Float64Array,
	count: number,
	out: Float64Array
): Float64Array {
	for (let i = 0; i < count; i++) {
		const d = constants[2 * i];
		const c = constants[2 * i + 1];
		// signedBits and layerOf written out, with literals (node 20 reloads module constants).
		const hz = (rng.next() * 4294967296 - 2147483648.5) | 0;
		const iz = (hz >> 1) & 127;
		if (Math.abs(hz) < kn[iz]) {
			// The ziggurat's rectangle (~99%): x is a standard normal.
			const x = hz * wn[iz];
			const v = 1 + c * x;
			if (v > 0) {
				const v3 = v * v * v;
				const u = rng.next();
				const x2 = x * x;
				// squeezeAccepts written out (a call here would box its arguments).
				const v4 = v3 * v;
				const c2 = c * c;
				if ((1 - u) * v4 > 0.75 * d * c2 * c2 * x2 * x2 * (v4 + 1) + 1e-12 * x2 * v4) {
					out[i] = d * v3;
					continue;
				}
				out[i] = gammaAfterSqueeze(rng, constants, i, x, u);
				continue;
			}
		}
		// The rare cases take the index, not d and c: V8 would box doubles passed to a call
		// where the hot path runs, allocating on every draw.
		out[i] = gammaRareCase(rng, constants, i, hz, iz);
	}
	return out;
}

/**
 * The rare case of `gammaDraws`' attempt for shape i with normal x and uniform u that the
 * squeeze did not accept: the exact test, else start afresh.
 */
function gammaAfterSqueeze(
	rng: Rng,
	constants: Float64Array,
	i: number,
	x: number,
	u: number
): number {
	const d = constants[2 * i];
	const c = constants[2 * i + 1];
	const v = 1 + c * x;
	const v3 = v * v * v;
	return exactAccepts(u, x * x, v3, d) ? d * v3 : gammaLoop(rng, d, c);
}

/**
 * The rare cases of `gammaDraws`' attempt for shape i with ziggurat bits `hz`, layer `iz`: if the ziggurat
 * left its rectangle, finish that normal and the attempt; otherwise the attempt was rejected,
 * so start afresh.
 */
function gammaRareCase(
	rng: Rng,
	constants: Float64Array,
	i: number,
	hz: number,
	iz: number
): number {
	const d = constants[2 * i];
	const c = constants[2 * i + 1];
	if (Math.abs(hz) < kn[iz]) return gammaLoop(rng, d, c);
	const x = normalSlowPath(rng, hz, iz);
	const v = 1 + c * x;
	if (v > 0) {
		const v3 = v * v * v;
		const u = rng.next();
		const x2 = x * x;
		if (squeezeAccepts(u, x2, v, v3, d, c) || exactAccepts(u, x2, v3, d)) return d * v3;
	}
	return gammaLoop(rng, d, c);
}

/** Marsaglia & Tsang's method as published (with the tighter squeeze): attempts until one is accepted. */
function gammaLoop(rng: Rng, d: number, c: number): number {
	for (;;) {
		const x = standardNormal(rng);
		const v = 1 + c * x;
		if (v <= 0) continue;
		const v3 = v * v * v;
		const u = rng.next();
		const x2 = x * x;
		if (squeezeAccepts(u, x2, v, v3, d, c) || exactAccepts(u, x2, v3, d)) return d * v3;
	}
}

/** The d constant of `gammaFromConstants` for a shape ≥ 1. */
export const gammaD = (shape: number): number => shape - 1 / 3;
/** The c constant of `gammaFromConstants` for a shape ≥ 1. */
export const gammaC = (shape: number): number => 1 / Math.sqrt(9 * (shape - 1 / 3));

/**
 * A Gamma(shape, 1) draw (mean = variance = shape), shape > 0. Below 1 it uses the boost
 * Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia & Tsang 2000, §6).
 */
export function gamma(rng: Rng, shape: number): number {
	if (shape >= 1) return gammaFromConstants(rng, gammaD(shape), gammaC(shape));
	const boosted = gammaFromConstants(rng, gammaD(shape + 1), gammaC(shape + 1));
	return boosted * pm.pow(rng.next(), 1 / shape);
}

/**
 * A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); a, b > 0. When both gammas
 * underflow (a and b far below 1, where the beta is nearly a coin flip between 0 and 1) it
 * returns that limit.
 */
export function beta(rng: Rng, a: number, b: number): number {
	const x = gamma(rng, a);
	const y = gamma(rng, b);
	const sum = x + y;
	if (sum > 0) return x / sum;
	return rng.next() < a / (a + b) ? 1 : 0;
}
