import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/unit/report-fixture';
import { curvesMarket, meanChannelSpend, pilotCurves } from './pilot-curves';

describe('meanChannelSpend', () => {
	it('averages each channel over the days', () => {
		expect(meanChannelSpend([10, 0, 20, 10, 30, 20], 2)).toEqual([20, 10]);
		expect(meanChannelSpend([], 2)).toEqual([0, 0]);
	});
});

describe('pilotCurves', () => {
	const { scenario, config, result } = reportFixture(2);
	const market = curvesMarket(scenario, config);
	const view = pilotCurves(market, result.seeds[0], scenario, result, 21);

	it('has a curve per channel and an operating point per policy and channel', () => {
		expect(view.curves).toHaveLength(2);
		expect(view.curves[0].budget).toHaveLength(21);
		expect(Object.keys(view.points)).toEqual(['bau-fixed', 'thompson', 'oracle']);
		expect(view.points.thompson).toHaveLength(2);
	});

	it("places each policy at its mean daily spend, within the curve's reach", () => {
		const spend = meanChannelSpend(result.policies[1].meanDailySpend, 2);
		view.points.thompson.forEach((p, c) => {
			expect(p.budget).toBe(spend[c]);
			expect(p.budget).toBeLessThanOrEqual(view.curves[c].budget[20]);
		});
	});

	it('values the operating point on the same curve (it matches the curve at a grid budget)', () => {
		const c = 0;
		const curve = view.curves[c];
		expect(curve.ltvProfit[0]).toBeCloseTo(0, 6);
		// Diminishing returns: the marginal LTV-profit falls along the grid.
		expect(curve.marginalLtvProfit[20]).toBeLessThan(curve.marginalLtvProfit[1]);
	});
});
