import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../dataset';
import { createImportService } from '../import';
import { importSimulatedMarket } from '../simulated-market';
import { fitMmm } from './fit';
import { demandOverData, forecastKpi } from './forecast';
import { responseAt } from './transform';
import type { MmmFit } from './types';

/** The first `n` periods of a dataset (no truth: what an analyst would have had then). */
function firstPeriods(d: Dataset, n: number): Dataset {
	return {
		...d,
		dates: d.dates.slice(0, n),
		kpi: { ...d.kpi, values: d.kpi.values.slice(0, n) },
		channels: d.channels.map((c) => ({
			...c,
			spend: c.spend.slice(0, n),
			impressions: c.impressions?.slice(0, n)
		})),
		events: d.events.map((e) => ({ ...e, values: e.values.slice(0, n) })),
		truth: undefined
	};
}

const TRAIN = 91;
const AHEAD = 13;
let full: Dataset;
let train: Dataset;
let fit: MmmFit;

beforeAll(async () => {
	const reply = await importSimulatedMarket(createImportService(), 1);
	if (!reply.result.ok) throw new Error('no market');
	full = reply.result.dataset;
	train = firstPeriods(full, TRAIN);
	fit = await fitMmm(train, { draws: 20 });
}, 60_000);

describe('forecastKpi', () => {
	it('runs the fitted model: over the data it gives back the fit’s baseline', () => {
		const demand = demandOverData(train, fit);
		const base = fit.decomposition.baseline[0] / demand[0];
		fit.decomposition.baseline.forEach((b, t) => expect(base * demand[t]).toBeCloseTo(b, 6));
	});

	it('predicts 13 held-out weeks from their real spend within a few percent', () => {
		const spend: Record<string, number[]> = {};
		full.channels.forEach((c) => (spend[c.id] = Array.from(c.spend.slice(TRAIN))));
		// Black Friday recurs: this market names each year's week apart, so tell the model the
		// second one is the event it learned from the first.
		const bf = full.events.find((e) => e.name.endsWith('Black Friday week 2'))!;
		const learned = full.events.find((e) => e.name.endsWith('Black Friday week 1'))!.name;
		const forecast = forecastKpi(train, fit, {
			periods: AHEAD,
			spend,
			events: { [learned]: Array.from(bf.values.slice(TRAIN)) }
		});
		const actual = Array.from(full.kpi.values.slice(TRAIN));
		expect(forecast.dates).toEqual(full.dates.slice(TRAIN));
		const mape = forecast.kpi.reduce((a, k, p) => a + Math.abs(k.mean / actual[p] - 1), 0) / AHEAD;
		expect(mape).toBeLessThan(0.04);
		const inside = forecast.kpi.filter((k, p) => actual[p] >= k.low && actual[p] <= k.high);
		expect(inside.length).toBeGreaterThanOrEqual(10); // 90 % intervals, 13 weeks
		const total = actual.reduce((a, b) => a + b, 0);
		expect(Math.abs(forecast.total.mean / total - 1)).toBeLessThan(0.03);
		expect(total).toBeGreaterThanOrEqual(forecast.total.low);
		expect(total).toBeLessThanOrEqual(forecast.total.high);
	});

	it('settles on the steady-state curve under a constant spend, and fades to zero without one', () => {
		const channel = fit.channels[2];
		const spend = channel.currentSpend;
		const steady = forecastKpi(train, fit, { periods: 104, spend: { [channel.id]: spend } });
		const demand = demandOverData(train, fit);
		// Per unit of demand, the last week's contribution is the curve at that spend.
		const last = steady.channels[channel.id][103];
		const perDemand = last / (steady.baseline[103] / (fit.decomposition.baseline[0] / demand[0]));
		expect(perDemand).toBeCloseTo(responseAt(channel.curve, spend), 6);
		const dark = forecastKpi(train, fit, { periods: 26, spend: {} });
		for (const values of Object.values(dark.channels)) {
			expect(values[25]).toBeLessThan(1e-3 * Math.max(1, values[0]));
			for (let p = 1; p < 26; p++) expect(values[p]).toBeLessThanOrEqual(values[p - 1] + 1e-9);
		}
	});

	it('refuses a bad plan with a message naming what is wrong', () => {
		expect(() => forecastKpi(train, fit, { periods: 0, spend: {} })).toThrow(/whole number from 1/);
		expect(() =>
			forecastKpi(train, fit, { periods: 2, spend: { [fit.channels[0].id]: [1, -5] } })
		).toThrow(new RegExp(`${fit.channels[0].id}, period 2`));
		const { demandModel: _old, ...older } = fit;
		expect(() => forecastKpi(train, older, { periods: 2, spend: {} })).toThrow(
			/fit the model again/
		);
		expect(() => forecastKpi(full, fit, { periods: 2, spend: {} })).toThrow(/another dataset/);
	});
});
