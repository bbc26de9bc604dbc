/**
 * The calibrated twin: a valid scenario v1 built from a fit, that runs in the Market, whose
 * channels answer spend roughly as the fitted curves do, and which lists what it assumed.
 */
import { describe, expect, it } from 'vitest';
import { responseAt, twinScenario } from '../../src/lib/data/mmm';
import { createAction, Market } from '../../src/lib/sim/market';
import { trueResponse } from '../../src/lib/sim/response';
import { parseScenario } from '../../src/lib/sim/scenario';
import { smallFit } from './mmm-fixtures';

describe('twinScenario', () => {
	it('is a valid scenario that parseScenario accepts and the Market runs', async () => {
		const { sim, fit } = await smallFit();
		const { scenario, assumed } = twinScenario(fit, sim.dataset);
		const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
		expect(parsed.ok).toBe(true);
		expect(scenario.channels.map((c) => c.id)).toEqual(fit.channels.map((c) => c.id));
		const market = new Market(scenario, scenario.seed, 5);
		const action = createAction(market.params);
		for (let c = 0; c < market.params.C; c++)
			action.spend[c * market.params.K] = scenario.dailyBudget / 8;
		while (!market.done) market.step(action);
		const revenue = market.trace.observables.firstOrderRevenue;
		expect(revenue.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
		expect(assumed).toContain('segments[0].population');
		expect(assumed).toContain(`channels[${fit.channels[0].id}].reach`);
		expect(assumed.every((path) => typeof path === 'string' && path.length > 0)).toBe(true);
	});

	it('carries the fitted carry-over, season and curves into the simulator', async () => {
		const { sim, fit } = await smallFit();
		const { scenario } = twinScenario(fit, sim.dataset);
		fit.channels.forEach((ch, c) =>
			expect(scenario.channels[c].adstock.decay).toBeCloseTo(ch.curve.decay, 6)
		);
		// The recovery market has a 15 % yearly season and +8 %/year trend.
		expect(scenario.seasonality.yearlyAmplitude).toBeGreaterThan(0.08);
		expect(scenario.seasonality.yearlyAmplitude).toBeLessThan(0.25);
		expect(scenario.seasonality.trendPerYear).toBeGreaterThan(0);
		// Flat demand, so the simulator's response can be read against the fitted curve.
		const flat = {
			...scenario,
			seasonality: { ...scenario.seasonality, yearlyAmplitude: 0, trendPerYear: 0 }
		};
		const market = new Market(flat, 1, 1);
		fit.channels.forEach((ch, c) => {
			if (!(ch.curve.maxResponse > 0)) return;
			const fitted = responseAt(ch.curve, ch.currentSpend) / fit.periodDays;
			const twin = trueResponse(market, c, ch.currentSpend / fit.periodDays).revenue;
			expect(Math.abs(twin / fitted - 1), ch.id).toBeLessThan(0.5);
		});
	});
});
