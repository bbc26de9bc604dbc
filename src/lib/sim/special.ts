/**
 * Special functions for statistics outside the hot loop: log-gamma, the regularised incomplete
 * beta function and the Beta and Student-t quantiles.
 *
 * Why not @stdlib here: its incomplete beta alone adds ~140 KB of minified JavaScript, and the
 * engine is also imported by the lab's main thread (live previews). These few functions are
 * classic algorithms (Lanczos; Lentz's continued fraction, Numerical Recipes §6.4) and are
 * cross-checked against @stdlib in the tests, where its size does not matter.
 */
import * as pm from './portable-math';

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
	if (x < 0.5) return pm.log(Math.PI / Math.abs(pm.sin(Math.PI * x))) - logGamma(1 - x);
	const z = x - 1;
	let a = LANCZOS[0];
	const t = z + 7.5;
	for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
	return 0.5 * pm.log(2 * Math.PI) + (z + 0.5) * pm.log(t) - t + pm.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
	const tiny = 1e-300;
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 500; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-15) break;
	}
	return h;
}

/** The regularised incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1, a, b > 0. */
export function betaInc(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = pm.exp(
		logGamma(a + b) - logGamma(a) - logGamma(b) + a * pm.log(x) + b * pm.log1p(-x)
	);
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
	return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Invert a monotone increasing function on [lo, hi] by bisection. */
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
	for (let i = 0; i < 200; i++) {
		const mid = 0.5 * (lo + hi);
		if (mid === lo || mid === hi) break;
		if (f(mid) < target) lo = mid;
		else hi = mid;
	}
	return 0.5 * (lo + hi);
}

/** Quantile of Beta(a, b) at probability p. */
export function betaQuantile(p: number, a: number, b: number): number {
	if (p <= 0) return 0;
	if (p >= 1) return 1;
	return bisect((x) => betaInc(x, a, b), p, 0, 1);
}

/** CDF of Student's t with ν degrees of freedom. */
export function studentTCdf(t: number, dof: number): number {
	const tail = 0.5 * betaInc(dof / (dof + t * t), dof / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** Quantile of Student's t with ν degrees of freedom (ν = Infinity gives the normal). */
export function studentTQuantile(p: number, dof: number): number {
	if (p <= 0) return -Infinity;
	if (p >= 1) return Infinity;
	if (p === 0.5) return 0;
	let hi = 1;
	while (studentTCdf(hi, dof) < Math.max(p, 1 - p)) hi *= 2;
	const q = bisect((t) => studentTCdf(t, dof), Math.max(p, 1 - p), 0, hi);
	return p > 0.5 ? q : -q;
}
