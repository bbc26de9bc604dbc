import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { runFixedSplit } from '../sim/run';
import { trueResponse } from '../sim/response';
import { cellsByChannel, ckByChannel, csByChannel, totalOverDays } from '../sim/trace';
import type { Market } from '../sim/market';
import { channelSeries, DAILY_KEYS, totalSeries } from './daily-series';
import { CURVE_POINTS, CURVE_REACH, interpolate } from './response-curves';
import {
	simulateFixedSplit,
	splitBudget,
	summarizeRun,
	summaryTransferables,
	type RunSummary
} from './run-summary';

const relClose = (actual: number, expected: number, tolerance = 1e-9) =>
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
		tolerance * Math.max(1, Math.abs(expected))
	);

describe('summarizeRun on the default preset', () => {
	let market: Market;
	let summary: RunSummary;
	beforeAll(() => {
		const scenario = loadPreset('dtc-default');
		market = runFixedSplit(scenario);
		summary = summarizeRun(market, scenario.seed);
	});

	it('keeps every simulated day of every channel', () => {
		expect(summary.days).toBe(365);
		expect(summary.channels.map((c) => c.id)).toEqual(market.trace.channelIds);
		for (const key of DAILY_KEYS) expect(summary.daily[key].length).toBe(365 * 6);
	});

	it('lays series out channel-major, matching the trace day by day', () => {
		const trace = market.trace;
		const spend = cellsByChannel(trace, trace.observables.spend);
		const platform = ckByChannel(trace, trace.observables.platformRevenue);
		for (const [d, c] of [
			[0, 0],
			[17, 3],
			[364, 5]
		]) {
			expect(channelSeries(summary.daily, 'spend', c)[d]).toBe(spend[d * 6 + c]);
			expect(channelSeries(summary.daily, 'platformRevenue', c)[d]).toBe(platform[d * 6 + c]);
		}
	});

	it('has totals per channel that match the trace totals', () => {
		const trace = market.trace;
		const days = trace.daysDone;
		const expected = {
			spend: totalOverDays(cellsByChannel(trace, trace.observables.spend), 6, days),
			incRevenue: totalOverDays(csByChannel(trace, trace.truth.incRevenue), 6, days),
			lastClickRevenue: totalOverDays(
				csByChannel(trace, trace.observables.lastClickRevenue),
				6,
				days
			),
			platformRevenue: totalOverDays(ckByChannel(trace, trace.observables.platformRevenue), 6, days)
		};
		const margin = totalOverDays(csByChannel(trace, trace.truth.incLtvMargin), 6, days);
		for (let c = 0; c < 6; c++) {
			relClose(summary.channelTotals[c].spend, expected.spend[c]);
			relClose(summary.channelTotals[c].incRevenue, expected.incRevenue[c]);
			relClose(summary.channelTotals[c].lastClickRevenue, expected.lastClickRevenue[c]);
			relClose(summary.channelTotals[c].platformRevenue, expected.platformRevenue[c]);
			relClose(summary.channelTotals[c].ltvProfit, margin[c] - expected.spend[c]);
		}
	});

	it('has overall totals equal to the sum over channels and over days of the totals series', () => {
		for (const key of DAILY_KEYS) {
			const byChannel = summary.channelTotals.reduce((sum, t) => sum + t[key], 0);
			const byDay = totalSeries(summary.daily, key).reduce((sum, v) => sum + v, 0);
			relClose(summary.totals[key], byChannel);
			relClose(summary.totals[key], byDay);
		}
		// The fixed split spends the whole daily budget in this market.
		relClose(summary.totals.spend, 20_000 * 365, 1e-6);
	});

	it('samples each curve on a grid from 0 to three times the channel budget', () => {
		for (const [c, curve] of summary.curves.entries()) {
			expect(curve.channel).toBe(c);
			expect(curve.budget.length).toBe(CURVE_POINTS);
			expect(curve.budget[0]).toBe(0);
			relClose(curve.budget[CURVE_POINTS - 1], CURVE_REACH * summary.channels[c].dailyBudget);
			expect(curve.spend[0]).toBe(0);
			expect(curve.ltvProfit[0]).toBe(0);
			for (let i = 1; i < CURVE_POINTS; i++) {
				expect(curve.budget[i]).toBeGreaterThan(curve.budget[i - 1]);
				expect(curve.spend[i]).toBeGreaterThanOrEqual(curve.spend[i - 1]);
				expect(curve.spend[i]).toBeLessThanOrEqual(curve.budget[i] + 1e-9);
			}
		}
	});

	it('places each operating point at the average daily spend, on its curve', () => {
		for (const [c, curve] of summary.curves.entries()) {
			const op = curve.operating;
			relClose(op.budget, summary.channelTotals[c].spend / summary.days);
			const range = Math.max(...curve.ltvProfit) - Math.min(...curve.ltvProfit);
			const onCurve = interpolate(curve.budget, curve.ltvProfit, op.budget);
			expect(Math.abs(onCurve - op.ltvProfit)).toBeLessThan(0.005 * range);
			relClose(op.ltvProfit, op.ltvMargin - op.spend);
			relClose(op.ltvProfit, trueResponse(market, c, op.budget).ltvProfit);
			// The marginal value is the curve's slope there.
			const slope = interpolate(curve.budget, curve.marginalLtvProfit, op.budget);
			expect(Math.abs(slope - op.marginalLtvProfit)).toBeLessThan(0.02);
		}
	});

	it('describes the market that truly rewards upper-funnel video and punishes brand search', () => {
		const byId = new Map(summary.channels.map((ch, c) => [ch.id, summary.curves[c].operating]));
		expect(byId.get('online-video')!.marginalLtvProfit).toBeGreaterThan(0);
		expect(byId.get('brand-search')!.marginalLtvProfit).toBeLessThan(0);
		expect(byId.get('brand-search')!.ltvProfit).toBeLessThan(0);
	});

	it('lists every buffer once for transfer', () => {
		const buffers = summaryTransferables(summary);
		expect(buffers.length).toBe(DAILY_KEYS.length + 4 * 6);
		expect(new Set(buffers).size).toBe(buffers.length);
	});
});

describe('simulateFixedSplit', () => {
	it('reports progress in order, at most about a hundred times, ending on the last day', () => {
		const calls: [number, number][] = [];
		const summary = simulateFixedSplit({ preset: 'dtc-default', days: 200 }, (done, days) =>
			calls.push([done, days])
		);
		expect(summary.days).toBe(200);
		expect(calls.length).toBeGreaterThan(10);
		expect(calls.length).toBeLessThanOrEqual(101);
		expect(calls.at(-1)).toEqual([200, 200]);
		for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
	});

	it('is deterministic for a seed and changes with the seed', () => {
		const a = simulateFixedSplit({ preset: 'dtc-default', days: 60 });
		const b = simulateFixedSplit({ preset: 'dtc-default', days: 60 });
		const c = simulateFixedSplit({ preset: 'dtc-default', days: 60, seed: 7 });
		expect(a.totals).toEqual(b.totals);
		expect(a.scenario.seed).toBe(42);
		expect(c.scenario.seed).toBe(7);
		expect(c.totals.incRevenue).not.toBe(a.totals.incRevenue);
		expect(c.totals.lastClickRevenue).not.toBe(a.totals.lastClickRevenue);
	});

	it('runs a scenario document and splits its budget by the historical shares', () => {
		const scenario = loadPreset('two-channels');
		const summary = simulateFixedSplit({ scenario, days: 10 });
		expect(summary.scenario.name).toBe(scenario.name);
		const shares = scenario.channels.map((c) => c.historicalShare);
		const sum = shares.reduce((a, b) => a + b, 0);
		summary.channels.forEach((channel, c) =>
			relClose(channel.dailyBudget, (scenario.dailyBudget * shares[c]) / sum)
		);
		expect(splitBudget(scenario).reduce((a, b) => a + b, 0)).toBeCloseTo(scenario.dailyBudget, 6);
	});

	it('rejects an invalid scenario naming the field, and an unknown preset naming the presets', () => {
		const broken = { ...loadPreset('two-channels'), dailyBudget: -5 };
		expect(() => simulateFixedSplit({ scenario: broken })).toThrow(/dailyBudget: must be > 0/);
		expect(() => simulateFixedSplit({ preset: 'nope' })).toThrow(
			/Unknown preset "nope".*dtc-default/
		);
	});

	it('runs the default preset when none is named', () => {
		const summary = simulateFixedSplit({ days: 5 });
		expect(summary.scenario.name).toBe(loadPreset('dtc-default').name);
		expect(summary.days).toBe(5);
	});
});

describe('interpolate', () => {
	it('reads between grid points and clamps outside', () => {
		const xs = [0, 1, 3];
		const ys = [0, 10, 30];
		expect(interpolate(xs, ys, 0.5)).toBe(5);
		expect(interpolate(xs, ys, 2)).toBe(20);
		expect(interpolate(xs, ys, -1)).toBe(0);
		expect(interpolate(xs, ys, 9)).toBe(30);
		expect(interpolate([], [], 1)).toBeNaN();
	});
});
