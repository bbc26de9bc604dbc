import { describe, expect, it } from 'vitest';
import { createAction, Market } from './market';
import { loadPreset } from './presets';
import { marginalLtvProfit, trueResponse, trueResponseCurve } from './response';

describe('true response curves', () => {
	const dtc = loadPreset('dtc-default');

	it('start at zero, rise and saturate (diminishing returns) on every channel', () => {
		const market = new Market(dtc);
		const budgets = [0, 1000, 2000, 4000, 8000, 16000];
		for (let c = 0; c < 6; c++) {
			const curve = trueResponseCurve(market, c, budgets);
			expect(curve.conversions[0]).toBe(0);
			expect(curve.spend[0]).toBe(0);
			for (let i = 1; i < budgets.length; i++) {
				expect(curve.conversions[i]).toBeGreaterThan(curve.conversions[i - 1]);
				expect(curve.spend[i]).toBeLessThanOrEqual(budgets[i] + 1e-9);
			}
			for (let i = 2; i < budgets.length; i++) {
				// Equal budget steps double each time: compare returns per dollar.
				const before =
					(curve.conversions[i - 1] - curve.conversions[i - 2]) / (budgets[i - 1] - budgets[i - 2]);
				const after =
					(curve.conversions[i] - curve.conversions[i - 1]) / (budgets[i] - budgets[i - 1]);
				expect(after).toBeLessThan(before);
			}
			// Past the last affordable impression extra budget buys nothing: the margin goes to 0.
			expect(curve.marginalLtvProfit[5]).toBeLessThanOrEqual(
				Math.max(0, curve.marginalLtvProfit[1])
			);
		}
	});

	it('predict what the market delivers once a constant budget has reached its steady state', () => {
		const scenario = { ...loadPreset('two-channels'), noise: { demandSd: 0 } };
		const market = new Market(scenario, 1, 120);
		const action = createAction(market.params);
		action.spend[0] = 2500;
		action.spend[1] = 2500;
		for (let d = 0; d < 119; d++) market.step(action);
		const predicted = [
			trueResponse(market, 0, 2500).conversions,
			trueResponse(market, 1, 2500).conversions
		];
		market.step(action);
		const d = 119;
		for (let c = 0; c < 2; c++) {
			const realized = market.trace.truth.incConversions[d * 2 + c];
			expect(realized).toBeCloseTo(predicted[c], 1);
			expect(Math.abs(realized / predicted[c] - 1)).toBeLessThan(0.01);
		}
	});

	it('give a marginal LTV-profit that matches the slope of the curve', () => {
		const market = new Market(dtc);
		const budget = 3000;
		const slope =
			(trueResponse(market, 2, budget + 10).ltvProfit -
				trueResponse(market, 2, budget - 10).ltvProfit) /
			20;
		expect(marginalLtvProfit(market, 2, budget)).toBeCloseTo(slope, 2);
	});
});
