/**
 * The search space of one channel's media hyper-parameters, mapped from the unit cube so the
 * search can move in comparable steps along every axis: decay linearly, half-saturation on a
 * log scale relative to the channel's average spend, Hill slope linearly, delay stages as an
 * integer. Also the Halton sequence used for quasi-random candidates.
 */
import * as pm from '../../sim/portable-math';
import type { MediaShape } from './transform';

/** Bounds of the search, per channel. */
export interface ShapeBounds {
	/** Carry-over per period, [min, max] within [0, 0.99). */
	decay: [number, number];
	/** Half-saturation as a multiple of the channel's average spend per period (log scale). */
	halfSaturation: [number, number];
	/** Hill exponent. */
	slope: [number, number];
	/** Largest number of delay stages tried (0 = geometric carry-over only). */
	maxDelayStages: number;
}

/** A point of the unit cube: [decay, log half-saturation, slope] in [0, 1], and the stages. */
export interface UnitShape {
	u: [number, number, number];
	delayStages: number;
}

/** Map a unit-cube point to a channel's shape; `scale` is its average spend per period. */
export function shapeOf(point: UnitShape, bounds: ShapeBounds, scale: number): MediaShape {
	const [u0, u1, u2] = point.u;
	const [d0, d1] = bounds.decay;
	const [k0, k1] = bounds.halfSaturation;
	const [n0, n1] = bounds.slope;
	return {
		decay: d0 + u0 * (d1 - d0),
		delayStages: point.delayStages,
		halfSaturation: scale * pm.exp(pm.log(k0) + u1 * (pm.log(k1) - pm.log(k0))),
		slope: n0 + u2 * (n1 - n0)
	};
}

/** Which bounds a shape sits on (within 2 % of the range), for the plain-words diagnostics. */
export function boundsHit(point: UnitShape): ('decay' | 'halfSaturation' | 'slope')[] {
	const names = ['decay', 'halfSaturation', 'slope'] as const;
	const hit: ('decay' | 'halfSaturation' | 'slope')[] = [];
	point.u.forEach((u, i) => {
		// Decay at 0 is a legitimate answer (no carry-over), not a sign of a too-narrow range.
		if (u >= 0.98 || (u <= 0.02 && i !== 0)) hit.push(names[i]);
	});
	return hit;
}

/**
 * A weak Gaussian prior on the unit-cube coordinates (maximum a posteriori rather than least
 * squares): with three shape parameters per channel and two years of weeks, many shapes fit
 * equally well, and the search would chase noise to the edges of the box — the overfitting
 * Bayesian MMMs (Meridian, PyMC-Marketing) avoid with priors. Centre and sd per axis.
 */
export interface ShapePrior {
	center: [number, number, number];
	sd: [number, number, number];
}

/** Σ ((u − centre) / sd)² over the points: the prior's χ² (multiply by σ² for SSE units). */
export function priorChi2(points: readonly UnitShape[], prior: ShapePrior): number {
	let chi2 = 0;
	for (const point of points) {
		for (let d = 0; d < 3; d++) chi2 += ((point.u[d] - prior.center[d]) / prior.sd[d]) ** 2;
	}
	return chi2;
}

/** Clamp a coordinate to the unit interval. */
export const clampUnit = (u: number): number => (u < 0 ? 0 : u > 1 ? 1 : u);

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

/**
 * The `index`-th point of the Halton sequence in `dims` dimensions (radical inverses in the
 * first primes), each coordinate shifted by `shift[d]` modulo 1 (a random shift per search
 * keeps it quasi-random but seed-dependent).
 */
export function halton(index: number, dims: number, shift: ArrayLike<number>): number[] {
	const out: number[] = [];
	for (let d = 0; d < dims; d++) {
		const base = PRIMES[d];
		let f = 1;
		let r = 0;
		let i = index + 1;
		while (i > 0) {
			f /= base;
			r += f * (i % base);
			i = Math.floor(i / base);
		}
		out.push((r + shift[d]) % 1);
	}
	return out;
}
