import { describe, expect, it } from 'vitest';
import { binomialFromUniform } from './binomial';
import { createStream } from './random';

/** Exact Binomial(n, p) pmf (small n). */
function pmf(n: number, p: number, k: number): number {
	let c = 1;
	for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
	return c * p ** k * (1 - p) ** (n - k);
}

describe('binomialFromUniform', () => {
	it('inverts the exact cdf for small means', () => {
		const n = 20;
		const p = 0.15;
		let cdf = 0;
		for (let k = 0; k <= 8; k++) {
			cdf += pmf(n, p, k);
			// Just below the cdf at k the quantile is k; just above, more than k.
			expect(binomialFromUniform(cdf - 1e-9, n, p)).toBe(k);
			expect(binomialFromUniform(cdf + 1e-9, n, p)).toBe(k + 1);
		}
	});

	it('is symmetric: p above one half counts failures', () => {
		for (const u of [0.05, 0.3, 0.5, 0.9]) {
			expect(binomialFromUniform(u, 30, 0.9)).toBe(30 - binomialFromUniform(1 - u, 30, 0.1));
		}
	});

	it('has the binomial mean and variance, small and large n, and stays in [0, n]', () => {
		for (const [n, p] of [
			[10, 0.3],
			[400, 0.25],
			[5000, 0.6]
		]) {
			const rng = createStream(9, 0);
			const draws = Array.from({ length: 20_000 }, () => binomialFromUniform(rng.next(), n, p));
			const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
			const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
			const sd = Math.sqrt(n * p * (1 - p));
			expect(Math.abs(mean - n * p)).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
			expect(variance / (sd * sd)).toBeGreaterThan(0.95);
			expect(variance / (sd * sd)).toBeLessThan(1.05);
			expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
			expect(Math.max(...draws)).toBeLessThanOrEqual(n);
		}
	});

	it('gives 0 or n at the edges', () => {
		expect(binomialFromUniform(0.5, 0, 0.5)).toBe(0);
		expect(binomialFromUniform(0.5, 10, 0)).toBe(0);
		expect(binomialFromUniform(0.5, 10, 1)).toBe(10);
	});
});
