import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import betaQ from '@stdlib/stats-base-dists-beta-quantile';
import tQ from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { betaInc, betaQuantile, logGamma, studentTQuantile } from './special';

describe('special functions', () => {
	it('log-gamma matches @stdlib and Γ(n) = (n−1)!', () => {
		for (const x of [0.1, 0.5, 1, 2.5, 7, 30, 170]) expect(logGamma(x)).toBeCloseTo(gammaln(x), 9);
		expect(Math.exp(logGamma(6))).toBeCloseTo(120, 8);
	});

	it('regularised incomplete beta matches @stdlib', () => {
		for (const [x, a, b] of [
			[0.2, 2, 3],
			[0.5, 0.5, 0.5],
			[0.01, 1.4, 1.6],
			[0.9, 8, 0.8],
			[0.3, 30, 50]
		]) {
			expect(betaInc(x, a, b)).toBeCloseTo(betainc(x, a, b), 10);
		}
	});

	it('Beta and Student-t quantiles match @stdlib', () => {
		for (const [p, a, b] of [
			[0.125, 1, 4],
			[0.5, 0.8, 8],
			[0.875, 1.4, 1.6]
		]) {
			expect(betaQuantile(p, a, b)).toBeCloseTo(betaQ(p, a, b), 10);
		}
		for (const dof of [1, 4, 29, 200]) {
			expect(studentTQuantile(0.975, dof)).toBeCloseTo(tQ(0.975, dof), 8);
			expect(studentTQuantile(0.025, dof)).toBeCloseTo(tQ(0.025, dof), 8);
		}
		expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.04523, 4);
	});
});
