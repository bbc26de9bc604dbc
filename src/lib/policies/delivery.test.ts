import { describe, expect, it } from 'vitest';
import { reachOf } from '../sim/reach';
import { audienceFrom, fitCostCurve, impressionsFor } from './delivery';

describe('delivery from platform reports', () => {
	it('recovers the audience from reach and impressions (geometric frequency)', () => {
		for (const [audience, impressions] of [
			[1_000_000, 300_000],
			[50_000, 400_000],
			[2_000_000, 20_000]
		]) {
			const reach = audience * reachOf(impressions / audience);
			expect(audienceFrom(impressions, reach)).toBeCloseTo(audience, 3);
		}
		expect(audienceFrom(100, 100)).toBeNaN();
	});

	it('fits a power-law cost curve and predicts impressions', () => {
		const spend = [500, 1000, 2000, 4000, 0];
		const impressions = spend.map((b) => 120 * Math.pow(b, 0.8));
		const curve = fitCostCurve(spend, impressions)!;
		expect(curve.elasticity).toBeCloseTo(0.8, 9);
		expect(curve.scale).toBeCloseTo(120, 6);
		expect(impressionsFor(curve, 3000)).toBeCloseTo(120 * Math.pow(3000, 0.8), 3);
		expect(fitCostCurve([0, 0], [0, 0])).toBeNull();
		// Constant spend cannot identify the elasticity: a typical auction value is assumed.
		expect(fitCostCurve([100, 100], [5000, 5100])!.elasticity).toBe(0.85);
	});
});
