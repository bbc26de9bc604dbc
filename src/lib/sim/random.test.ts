import { describe, expect, it } from 'vitest';
import { createStream, poisson, poissonFromUniform, streamFromState } from './random';

describe('seeded streams', () => {
	it('repeat exactly for the same seed and differ across seeds and streams', () => {
		const a = createStream(123);
		const b = createStream(123);
		const c = createStream(124);
		const d = createStream(123, 1);
		const take = (r: ReturnType<typeof createStream>) => Array.from({ length: 5 }, () => r.next());
		const first = take(a);
		expect(take(b)).toEqual(first);
		expect(take(c)).not.toEqual(first);
		expect(take(d)).not.toEqual(first);
	});

	it('resume from a saved state', () => {
		const a = createStream(5);
		a.next();
		const saved = a.state();
		const next = a.next();
		expect(streamFromState(saved).next()).toBe(next);
	});

	it('give uniforms strictly inside (0, 1) with mean 1/2', () => {
		const r = createStream(8);
		let sum = 0;
		for (let i = 0; i < 100_000; i++) {
			const u = r.next();
			expect(u > 0 && u < 1).toBe(true);
			sum += u;
		}
		// SE of the mean = 1/sqrt(12·n) ≈ 0.0009
		expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.004);
	});

	it('rejects seeds that are not 32-bit unsigned integers', () => {
		expect(() => createStream(-1)).toThrow(/seed/);
		expect(() => createStream(1.5)).toThrow(/seed/);
	});
});

describe('poisson', () => {
	it('has mean and variance λ (small λ by inversion, large by the normal approximation)', () => {
		for (const lambda of [0.3, 4, 11.5, 40, 5000]) {
			const r = createStream(Math.round(lambda * 10));
			const n = 40_000;
			let sum = 0;
			let sq = 0;
			for (let i = 0; i < n; i++) {
				const x = poisson(r, lambda);
				expect(Number.isInteger(x) && x >= 0).toBe(true);
				sum += x;
				sq += x * x;
			}
			const mean = sum / n;
			const variance = sq / n - mean * mean;
			// 5 standard errors of the mean; variance within 6 %.
			expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
			expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.06);
		}
	});

	it('is monotone in λ for a fixed uniform (common random numbers stay coupled)', () => {
		for (const u of [0.01, 0.3, 0.5, 0.9, 0.999]) {
			let previous = 0;
			for (let lambda = 0.1; lambda < 100; lambda *= 1.2) {
				const x = poissonFromUniform(u, lambda);
				expect(x).toBeGreaterThanOrEqual(previous);
				previous = x;
			}
		}
		expect(poissonFromUniform(0.5, 0)).toBe(0);
	});
});
