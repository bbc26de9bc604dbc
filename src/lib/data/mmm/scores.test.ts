import { describe, expect, it } from 'vitest';
import { durbinWatson, fitScores, quantile } from './scores';
import { adstockWeights, marginalResponseAt, mediaFeature, responseAt } from './transform';

describe('fit scores', () => {
	it('computes R², NRMSE (over the range) and MAPE as Robyn reports them', () => {
		const s = fitScores([10, 20, 30, 40], [12, 18, 30, 40]);
		expect(s.r2).toBeCloseTo(1 - 8 / 500, 12);
		expect(s.nrmse).toBeCloseTo(Math.sqrt(8 / 4) / 30, 12);
		expect(s.mape).toBeCloseTo((0.2 + 0.1) / 4, 12);
		expect(fitScores([1, 2, 3], [1, 2, 3], 1, 3).r2).toBe(1);
	});

	it('reads alternating residuals as negative autocorrelation and a trend as positive', () => {
		expect(durbinWatson([1, -1, 1, -1, 1, -1])).toBeGreaterThan(3);
		expect(durbinWatson([1, 2, 3, 4, 5, 6])).toBeLessThan(0.5);
	});

	it('interpolates quantiles and ignores non-finite values', () => {
		expect(quantile([4, 1, 3, 2, NaN], 0.5)).toBe(2.5);
		expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 12);
	});
});

describe('media transform', () => {
	const curve = { maxResponse: 100, halfSaturation: 50, slope: 1, decay: 0.5, delayStages: 0 };

	it('gives a steady spend its steady-state response (adstock normalised to sum 1)', () => {
		const h = mediaFeature(
			new Float64Array(60).fill(50),
			curve,
			7,
			new Float64Array(60),
			new Float64Array(420)
		);
		expect(100 * h[59]).toBeCloseTo(responseAt(curve, 50), 9);
		expect(responseAt(curve, 50)).toBeCloseTo(50, 12);
		expect(marginalResponseAt(curve, 50)).toBeCloseTo((100 * 50) / (100 * 100), 12);
	});

	it('spreads carry-over weights that sum to one and peak later with delay stages', () => {
		const geometric = adstockWeights(0.8, 0, 7, 20);
		const delayed = adstockWeights(0.8, 2, 7, 20);
		expect(geometric.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
		expect(delayed.indexOf(Math.max(...delayed))).toBeGreaterThan(
			geometric.indexOf(Math.max(...geometric))
		);
	});
});
