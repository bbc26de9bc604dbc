import cdf from '@stdlib/math-base-special-erf';
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { fastNormalCdf, fastNormalQuantile, normalCdf, normalQuantile } from './normal';

const exactCdf = (x: number) => 0.5 * (1 + cdf(x / Math.SQRT2));

describe('normal CDF and quantile', () => {
	it('match @stdlib closely', () => {
		for (let x = -7; x <= 7; x += 0.173) {
			expect(Math.abs(normalCdf(x) - exactCdf(x))).toBeLessThan(2e-7);
			expect(Math.abs(fastNormalCdf(x) - exactCdf(x))).toBeLessThan(1e-6);
		}
		for (const p of [1e-9, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.77, 0.975, 0.9999]) {
			expect(normalQuantile(p)).toBeCloseTo(quantile(p, 0, 1), 7);
			expect(Math.abs(fastNormalQuantile(p) - quantile(p, 0, 1))).toBeLessThan(2e-4);
		}
	});

	it('are inverses and monotone', () => {
		let previous = -Infinity;
		for (let p = 0.001; p < 1; p += 0.001) {
			const z = fastNormalQuantile(p);
			expect(z).toBeGreaterThan(previous);
			previous = z;
			expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
		}
	});
});
