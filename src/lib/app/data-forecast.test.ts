import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/dataset';
import type { Forecast, ForecastPlan, MmmFit, SplitResult } from '$lib/data/mmm';
import { DataForecast, planSpend, RECENT_PERIODS } from './data-forecast.svelte';

const fit = {
	dates: Array.from({ length: 40 }, (_, t) => `2025-01-${String(1 + (t % 28)).padStart(2, '0')}`),
	kpi: Array.from({ length: 40 }, (_, t) => 100 + t),
	channels: [
		{ id: 'tv', currentSpend: 300 },
		{ id: 'search', currentSpend: 100 }
	]
} as unknown as MmmFit;
const split = {
	channels: [
		{ id: 'tv', recommended: 150 },
		{ id: 'search', recommended: 250 }
	]
} as unknown as SplitResult;
const dataset = {} as Dataset;
const forecast = {
	dates: [],
	kpi: [],
	baseline: [],
	channels: {},
	total: { mean: 1, low: 0, high: 2 }
};

describe('DataForecast', () => {
	it('plans today’s average split or the recommended one', () => {
		expect(planSpend(fit, 'current', null)).toEqual({ tv: 300, search: 100 });
		expect(planSpend(fit, 'recommended', split)).toEqual({ tv: 150, search: 250 });
		expect(planSpend(fit, 'recommended', null)).toBeNull();
	});

	it('asks the forecaster with the plan and keeps the last weeks of data to draw', async () => {
		const asked: ForecastPlan[] = [];
		const state = new DataForecast(async (_d, _f, plan) => {
			asked.push(plan);
			return forecast as Forecast;
		});
		state.periods = '8';
		state.plan = 'recommended';
		await state.run(dataset, fit, split);
		expect(asked).toEqual([{ periods: 8, spend: { tv: 150, search: 250 } }]);
		expect(state.view?.spendPerPeriod).toBe(400);
		expect(state.view?.recent.kpi).toEqual(fit.kpi.slice(40 - RECENT_PERIODS));
		expect(state.view?.planName).toBe('the recommended split');
		expect(state.running).toBe(false);
	});

	it('names what is wrong instead of forecasting, and reports a failure in words', async () => {
		let calls = 0;
		const state = new DataForecast(async () => {
			calls++;
			throw new Error('This fit predates forecasts: fit the model again.');
		});
		state.periods = '0';
		state.plan = 'recommended';
		await state.run(dataset, fit, null);
		expect(state.errors).toEqual([
			'Periods ahead: a whole number from 1 to 104.',
			'The recommended split is not computed yet: compute it above first.'
		]);
		expect(calls).toBe(0);
		state.periods = '4';
		state.plan = 'current';
		await state.run(dataset, fit, null);
		expect(state.errors).toEqual(['This fit predates forecasts: fit the model again.']);
		expect(state.view).toBeNull();
	});
});
