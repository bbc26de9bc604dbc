import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { excludesZero, meanCi, pairedCi, ratioCi } from './stats';

describe('confidence intervals', () => {
	it('gives the Student-t interval of a mean', () => {
		const values = [10, 12, 9, 11, 13, 8];
		const ci = meanCi(values);
		const mean = 10.5;
		const sd = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / 5);
		const half = tQuantile(0.975, 5) * (sd / Math.sqrt(6));
		expect(ci.mean).toBeCloseTo(mean, 12);
		expect(ci.sd).toBeCloseTo(sd, 12);
		expect(ci.low).toBeCloseTo(mean - half, 9);
		expect(ci.high).toBeCloseTo(mean + half, 9);
	});

	it('keeps each level and sample size apart when it remembers t quantiles', () => {
		const values = [10, 12, 9, 11, 13, 8];
		const sd = meanCi(values).sd;
		// Asked in turn, twice: a remembered quantile must not leak into another level or size.
		for (let round = 0; round < 2; round++) {
			for (const [level, n] of [
				[0.95, 6],
				[0.9, 6],
				[0.95, 4]
			]) {
				const ci = meanCi(values.slice(0, n), level);
				const m = values.slice(0, n).reduce((a, x) => a + x, 0) / n;
				const s = n === 6 ? sd : meanCi(values.slice(0, n)).sd;
				const half = tQuantile(0.5 + level / 2, n - 1) * (s / Math.sqrt(n));
				expect(ci.high - m, `level ${level}, n ${n}`).toBeCloseTo(half, 9);
			}
		}
	});

	it('pairs observations: a constant difference is exact even when each sample is noisy', () => {
		const a = [100, 250, 40, 900];
		const b = a.map((x) => x - 7);
		const paired = pairedCi(a, b);
		expect(paired.mean).toBe(7);
		expect(paired.high - paired.low).toBe(0);
		expect(excludesZero(paired)).toBe(true);
		// Unpaired, the same difference would be lost in the spread.
		expect(meanCi(a).high - meanCi(a).low).toBeGreaterThan(100);
	});

	it('estimates a ratio of paired means with an interval that covers it', () => {
		const b = [100, 120, 90, 110, 105];
		const a = b.map((x, i) => 0.9 * x + (i % 2 ? 1 : -1));
		const ratio = ratioCi(a, b);
		expect(ratio.mean).toBeCloseTo(a.reduce((x, y) => x + y) / b.reduce((x, y) => x + y), 12);
		expect(ratio.low).toBeLessThan(0.9);
		expect(ratio.high).toBeGreaterThan(0.9);
	});

	it('handles empty and single samples without inventing precision', () => {
		expect(meanCi([]).n).toBe(0);
		const one = meanCi([5]);
		expect(one.mean).toBe(5);
		expect(one.low).toBe(-Infinity);
		expect(() => pairedCi([1, 2], [1])).toThrow();
	});
});
