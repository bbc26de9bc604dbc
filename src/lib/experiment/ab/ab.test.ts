import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { binomial } from './binomial';
import { analyse, countsProblems } from './decision';
import { analyseFactorial, factorialCells, probBestAny } from './factorial';
import { compareDesigns } from './sequential';
import { UNIFORM_PRIOR } from './beta';
import { probBest } from './compare';

describe('binomial draws', () => {
	it('follow the exact distribution for n = 10, p = 0.3', () => {
		const rng = createStream(5, 0);
		const counts = new Float64Array(11);
		const N = 40_000;
		for (let i = 0; i < N; i++) counts[binomial(rng, 10, 0.3)]++;
		// Exact pmf by the recurrence; each frequency within 4 standard errors.
		let pmf = 0.7 ** 10;
		for (let k = 0; k <= 10; k++) {
			const se = Math.sqrt((pmf * (1 - pmf)) / N);
			expect(Math.abs(counts[k] / N - pmf)).toBeLessThan(4 * se + 1e-9);
			pmf *= ((10 - k) * 0.3) / ((k + 1) * 0.7);
		}
	});

	it('have the right mean and variance for large n', () => {
		const rng = createStream(6, 0);
		const xs = Array.from({ length: 4000 }, () => binomial(rng, 100_000, 0.02));
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
		expect(Math.abs(mean - 2000)).toBeLessThan(4 * Math.sqrt(1960 / 4000));
		expect(variance / 1960).toBeGreaterThan(0.9);
		expect(variance / 1960).toBeLessThan(1.1);
		expect(binomial(rng, 50, 0)).toBe(0);
		expect(binomial(rng, 50, 1)).toBe(50);
	});
});

describe('A/B verdict', () => {
	it('stops when P(best) passes the threshold, not before', () => {
		const clear = analyse(
			[
				{ name: 'A', visitors: 5000, conversions: 500 },
				{ name: 'B', visitors: 5000, conversions: 600 }
			],
			UNIFORM_PRIOR
		);
		expect(clear.leader).toBe(1);
		expect(clear.stop).toBe(true);
		expect(clear.arms[1].probBest).toBeGreaterThan(0.99);
		const close = analyse(
			[
				{ name: 'A', visitors: 500, conversions: 50 },
				{ name: 'B', visitors: 500, conversions: 55 }
			],
			UNIFORM_PRIOR
		);
		expect(close.stop).toBe(false);
		expect(close.reason).toMatch(/Keep testing/);
	});

	it('names the bad field', () => {
		expect(
			countsProblems(
				[
					{ name: 'A', visitors: 10, conversions: 11 },
					{ name: 'B', visitors: -1, conversions: 0 }
				],
				UNIFORM_PRIOR
			)
		).toEqual([
			'arms[0] (A).conversions: cannot exceed visitors (10)',
			'arms[1] (B).visitors: must be a whole number ≥ 0'
		]);
	});
});

describe('factorial tests', () => {
	it('enumerate every cell and find the planted best cell and levels', () => {
		const factors = [
			{ name: 'Creative', levels: ['Story', 'Offer'] },
			{ name: 'Audience', levels: ['New', 'Lapsed', 'Loyal'] },
			{ name: 'CTA', levels: ['Buy', 'Learn'] }
		];
		const combos = factorialCells(factors);
		expect(combos).toHaveLength(12);
		const rng = createStream(9, 0);
		// Offer +2 points, Loyal +3 points, Buy +1 point over a 5 % base.
		const cells = combos.map((levels) => {
			const rate =
				0.05 +
				(levels[0] === 1 ? 0.02 : 0) +
				(levels[1] === 2 ? 0.03 : 0) +
				(levels[2] === 0 ? 0.01 : 0);
			return { levels, visitors: 4000, conversions: binomial(rng, 4000, rate) };
		});
		const result = analyseFactorial(factors, cells, UNIFORM_PRIOR);
		expect(result.cells[result.bestCell].label).toBe('Offer · Loyal · Buy');
		expect(result.mainEffects[0].levels[1].probBest).toBeGreaterThan(0.99);
		expect(result.mainEffects[1].levels[2].probBest).toBeGreaterThan(0.99);
		expect(result.mainEffects[2].levels[0].probBest).toBeGreaterThan(0.95);
	});

	it('Monte Carlo P(best) agrees with quadrature', () => {
		const arms = [
			{ alpha: 31, beta: 271 },
			{ alpha: 41, beta: 261 },
			{ alpha: 36, beta: 266 },
			{ alpha: 33, beta: 269 },
			{ alpha: 30, beta: 272 }
		];
		const mc = probBestAny(arms, 3, 40_000);
		const exact = probBest(arms);
		mc.forEach((p, i) => expect(Math.abs(p - exact[i])).toBeLessThan(0.01));
	});
});

describe('fixed split vs sequential Thompson sampling', () => {
	it('Thompson loses fewer conversions on the same arms, and both usually pick the best', () => {
		const [fixed, ts] = compareDesigns({
			rates: [0.05, 0.06, 0.045],
			visitorsPerDay: 600,
			days: 40,
			threshold: 0.95,
			replications: 60,
			seed: 11,
			draws: 300
		});
		expect(ts.regret).toBeLessThan(fixed.regret);
		expect(fixed.correct).toBeGreaterThan(0.8);
		expect(ts.correct).toBeGreaterThan(0.8);
		expect(fixed.decided).toBeGreaterThan(0.7);
		// Regret accumulates: non-decreasing by day, ending at the total.
		for (let d = 1; d < 40; d++)
			expect(ts.regretByDay[d]).toBeGreaterThanOrEqual(ts.regretByDay[d - 1]);
		expect(ts.regretByDay[39]).toBeCloseTo(ts.regret, 6);
	});
});
