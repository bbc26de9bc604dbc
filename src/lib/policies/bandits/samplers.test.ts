import betainc from '@stdlib/math-base-special-betainc';
import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import * as pm from '../../sim/portable-math';
import { createStream } from '../../sim/random';
import {
	beta,
	gamma,
	gammaC,
	gammaD,
	layerEdge,
	squeezeAccepts,
	standardNormal,
	underWedge,
	ZIGGURAT_LAYERS
} from './samplers';

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
function ksDistance(sample: Float64Array, cdf: (x: number) => number): number {
	const sorted = Float64Array.from(sample).sort();
	const n = sorted.length;
	let d = 0;
	for (let i = 0; i < n; i++) {
		const f = cdf(sorted[i]);
		d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
	}
	return d;
}
/** KS critical value at the 0.1% level. */
const ksCritical = (n: number) => 1.95 / Math.sqrt(n);
const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

describe('standard normal (ziggurat)', () => {
	it('follows Φ by the KS test, tails included', () => {
		const rng = createStream(11);
		const n = 200_000;
		const sample = new Float64Array(n);
		let beyond = 0;
		for (let i = 0; i < n; i++) {
			sample[i] = standardNormal(rng);
			if (Math.abs(sample[i]) > 3.442619855899) beyond++;
		}
		expect(ksDistance(sample, phi)).toBeLessThan(ksCritical(n));
		// The tail path: P(|Z| > r) = 2(1 − Φ(r)) ≈ 5.76e-4, so ~115 of 200k (SD ≈ 11).
		const expected = 2 * (1 - phi(3.442619855899)) * n;
		expect(Math.abs(beyond - expected)).toBeLessThan(4 * Math.sqrt(expected));
	});

	it('repeats exactly for a seed', () => {
		const a = createStream(3);
		const b = createStream(3);
		const draws = (rng: typeof a) => Array.from({ length: 1000 }, () => standardNormal(rng));
		expect(draws(a)).toEqual(draws(b));
	});
});

describe('gamma (Marsaglia–Tsang)', () => {
	it('has mean and variance equal to the shape, below and above 1', () => {
		const rng = createStream(12);
		const n = 100_000;
		for (const shape of [0.3, 1, 2.5, 30, 400]) {
			let sum = 0;
			let sumSq = 0;
			let min = Infinity;
			for (let i = 0; i < n; i++) {
				const x = gamma(rng, shape);
				min = Math.min(min, x);
				sum += x;
				sumSq += x * x;
			}
			const mean = sum / n;
			const variance = sumSq / n - mean * mean;
			expect(min).toBeGreaterThanOrEqual(0);
			// SE of the mean = √(shape/n); the variance estimate is good to a few percent here.
			expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
			expect(variance / shape).toBeGreaterThan(0.95);
			expect(variance / shape).toBeLessThan(1.05);
		}
	});
});

describe('beta (ratio of gammas)', () => {
	it('follows the regularised incomplete beta by the KS test', () => {
		const rng = createStream(13);
		const n = 40_000;
		for (const [a, b] of [
			[2, 5],
			[0.5, 0.5],
			[30, 70],
			[1, 1]
		]) {
			const sample = new Float64Array(n);
			for (let i = 0; i < n; i++) sample[i] = beta(rng, a, b);
			expect(
				ksDistance(sample, (x) => betainc(x, a, b)),
				`Beta(${a}, ${b})`
			).toBeLessThan(ksCritical(n));
		}
	});

	it('returns the coin-flip limit instead of NaN for vanishing shapes', () => {
		const rng = createStream(14);
		let ones = 0;
		let nans = 0;
		for (let i = 0; i < 2000; i++) {
			const x = beta(rng, 1e-3, 3e-3);
			if (Number.isNaN(x)) nans++;
			if (x > 0.5) ones++;
		}
		expect(nans).toBe(0);
		// P(X > ½) → a/(a+b) = 0.25 as a, b → 0.
		expect(ones / 2000).toBeGreaterThan(0.2);
		expect(ones / 2000).toBeLessThan(0.3);
	});
});

describe('shortcuts that decide as the exact tests would', () => {
	it('the gamma squeeze accepts only attempts the exact Marsaglia–Tsang test accepts', () => {
		const rng = createStream(15);
		const wrong: number[][] = [];
		for (const shape of [1, 1.7, 3, 12, 80, 600, 25_000]) {
			const d = gammaD(shape);
			const c = gammaC(shape);
			let normals = 0;
			let squeezed = 0;
			for (let i = 0; i < 50_000; i++) {
				// Half the attempts as Marsaglia–Tsang makes them, half spread out to ±6 (the tails).
				const typical = i % 2 === 0;
				const x = typical ? standardNormal(rng) : (rng.next() - 0.5) * 12;
				const v = 1 + c * x;
				if (v <= 0) continue;
				const v3 = v * v * v;
				const u = rng.next();
				const x2 = x * x;
				if (typical) normals++;
				if (!squeezeAccepts(u, x2, v, v3, d, c)) continue;
				if (typical) squeezed++;
				if (!(pm.log(u) < 0.5 * x2 + d * (1 - v3 + pm.log(v3)))) wrong.push([shape, x, u]);
			}
			// It is useful too: most attempts never reach the logarithms.
			expect(squeezed / normals, `shape ${shape}`).toBeGreaterThan(shape >= 12 ? 0.99 : 0.75);
		}
		expect(wrong).toEqual([]);
	});

	it('the ziggurat wedge test agrees with exp(−x²/2) in every layer', () => {
		const rng = createStream(16);
		const wrong: number[][] = [];
		for (let iz = 1; iz < ZIGGURAT_LAYERS; iz++) {
			const lo = layerEdge(iz - 1);
			const hi = layerEdge(iz);
			const fLo = Math.exp(-0.5 * hi * hi);
			const fHi = Math.exp(-0.5 * lo * lo);
			for (let i = 0; i < 2000; i++) {
				const x = lo + rng.next() * (hi - lo);
				const y = fLo + rng.next() * (fHi - fLo);
				const exact = y < pm.exp(-0.5 * x * x);
				// Points within rounding of the curve may go either way; none is that close here.
				if (Math.abs(y - pm.exp(-0.5 * x * x)) < 1e-14) continue;
				if (underWedge(x, y, iz) !== exact) wrong.push([iz, x, y]);
			}
		}
		expect(wrong).toEqual([]);
	});
});
