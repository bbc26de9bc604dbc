import betainc from '@stdlib/math-base-special-betainc';
import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { beta, gamma, standardNormal } from './samplers';

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
