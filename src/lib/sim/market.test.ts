import { describe, expect, it } from 'vitest';
import { meanCpm, runAuction } from './auction';
import { createAction, CREATIVE_OP, Market } from './market';
import { loadPreset } from './presets';
import { runFixedSplit } from './run';
import type { Scenario } from './scenario';
import { cellsByChannel, csByChannel, totalOverDays, type Trace } from './trace';

const dtc = loadPreset('dtc-default');

/** Run `days` with a fixed daily budget per channel, split evenly over live creatives. */
function runWith(
	scenario: Scenario,
	budgets: number[],
	days: number,
	seed = scenario.seed
): Market {
	const market = new Market(scenario, seed, days);
	const { C, K } = market.params;
	const action = createAction(market.params);
	while (!market.done) {
		for (let c = 0; c < C; c++) {
			let live = 0;
			for (let k = 0; k < K; k++) live += market.state.active[c * K + k];
			for (let k = 0; k < K; k++)
				action.spend[c * K + k] = market.state.active[c * K + k] ? budgets[c] / live : 0;
		}
		market.step(action);
	}
	return market;
}

const channelTotals = (trace: Trace, series: Float64Array, perCell = false) =>
	totalOverDays(
		perCell ? cellsByChannel(trace, series) : csByChannel(trace, series),
		trace.C,
		trace.daysDone
	);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('market: closed-form and invariant checks', () => {
	it('gives exactly the organic baseline with zero spend', () => {
		const market = runWith(dtc, [0, 0, 0, 0, 0, 0], 200);
		const { truth, observables } = market.trace;
		expect(truth.incConversions.every((x) => x === 0)).toBe(true);
		expect(observables.spend.every((x) => x === 0)).toBe(true);
		expect(observables.lastClickConversions.every((x) => x === 0)).toBe(true);
		for (let d = 0; d < 200; d++) {
			for (let s = 0; s < 3; s++) {
				expect(truth.baselineConversions[d * 3 + s]).toBeCloseTo(
					market.params.baselinePerDay[s] * truth.demand[d],
					9
				);
			}
		}
		// Observed first orders are Poisson draws around the baseline: within 5 standard errors.
		const expected = sum(truth.baselineConversions);
		expect(Math.abs(sum(observables.newCustomers) - expected)).toBeLessThan(
			5 * Math.sqrt(expected)
		);
	});

	it('gives less than double the incremental conversions for double the spend, on every channel', () => {
		for (let c = 0; c < dtc.channels.length; c++) {
			const budget = dtc.dailyBudget * dtc.channels[c].historicalShare;
			const one = new Array(6).fill(0);
			const two = new Array(6).fill(0);
			one[c] = budget;
			two[c] = 2 * budget;
			const a = sum(runWith(dtc, one, 90).trace.truth.incConversions);
			const b = sum(runWith(dtc, two, 90).trace.truth.incConversions);
			expect(b, dtc.channels[c].id).toBeGreaterThan(a);
			expect(b, dtc.channels[c].id).toBeLessThan(2 * a);
		}
	});

	it('never spends more than the budget, and every series is finite and non-negative', () => {
		const market = runFixedSplit(dtc);
		const spendByChannel = cellsByChannel(market.trace, market.trace.observables.spend);
		for (let d = 0; d < dtc.days; d++) {
			for (let c = 0; c < 6; c++) {
				expect(spendByChannel[d * 6 + c]).toBeLessThanOrEqual(
					dtc.dailyBudget * market.params.historicalShare[c] + 1e-6
				);
			}
		}
		for (const series of [
			...Object.values(market.trace.observables),
			...Object.values(market.trace.truth)
		]) {
			expect(series.every((x: number) => Number.isFinite(x) && x >= 0)).toBe(true);
		}
	});

	it('delivers what the reference auction prices (inline hot loop = runAuction)', () => {
		const market = new Market(dtc, 1, 1);
		const action = createAction(market.params);
		const c = 2; // social prospecting
		action.spend[c * 3] = 1500;
		action.spend[c * 3 + 1] = 500;
		market.step(action);
		const p = market.params;
		const total = p.opportunities.slice(c * 3, c * 3 + 3).reduce((a, b) => a + b, 0);
		for (let s = 0; s < 3; s++) {
			const opportunities = p.opportunities[c * 3 + s];
			const average = meanCpm(p.medianCpm[c], p.spread[c]) * p.cpmIndex[s] * p.cpmSeason[0];
			const ref = runAuction(
				(2000 * opportunities) / total,
				opportunities,
				average,
				p.spread[c],
				1,
				{ impressions: 0, spend: 0 }
			);
			const cell = (k: number) => (c * 3 + k) * 3 + s;
			const shown =
				market.trace.observables.impressions[cell(0)] +
				market.trace.observables.impressions[cell(1)];
			expect(shown).toBeCloseTo(ref.impressions, 6);
			expect(market.trace.observables.impressions[cell(0)]).toBeCloseTo(0.75 * ref.impressions, 6);
			expect(
				market.trace.observables.spend[cell(0)] + market.trace.observables.spend[cell(1)]
			).toBeCloseTo(ref.spend, 6);
		}
	});

	it('is deterministic: the same seed gives identical output, another seed differs', () => {
		const bytes = (m: Market) =>
			[...Object.values(m.trace.observables), ...Object.values(m.trace.truth)]
				.map((a) => Buffer.from(a.buffer).toString('base64'))
				.join('|');
		const a = bytes(runFixedSplit(dtc, { seed: 5, days: 60 }));
		const b = bytes(runFixedSplit(dtc, { seed: 5, days: 60 }));
		const c = bytes(runFixedSplit(dtc, { seed: 6, days: 60 }));
		expect(b).toBe(a);
		expect(c).not.toBe(a);
	});

	it('shows every allocation the same market draws on the same seed (common random numbers)', () => {
		const a = runWith(dtc, [3000, 5000, 4000, 3000, 2000, 3000], 60, 9);
		const b = runWith(dtc, [0, 2000, 9000, 0, 9000, 0], 60, 9);
		expect(Array.from(b.trace.truth.demand)).toEqual(Array.from(a.trace.truth.demand));
	});
});

describe('market: creatives, caps and funnel effects', () => {
	const fatigue = loadPreset('creative-fatigue');
	const multiplier = (m: Market, k: number, day: number) =>
		1 / (1 + m.params.fatigueRate[k] * m.trace.truth.exposure[day * m.params.C * m.params.K + k]);

	it('fatigues a hammered creative and lets a rested one recover', () => {
		const market = new Market(fatigue, 1, 60);
		const action = createAction(market.params);
		for (let d = 0; d < 60; d++) {
			action.spend.fill(0);
			action.spend[d < 30 ? 0 : 1] = 4000; // hammer "bold" for 30 days, then rest it
			market.step(action);
		}
		expect(multiplier(market, 0, 29)).toBeLessThan(multiplier(market, 0, 0) - 0.2);
		expect(multiplier(market, 0, 29)).toBeLessThan(0.5);
		expect(multiplier(market, 0, 59)).toBeGreaterThan(multiplier(market, 0, 29) + 0.2);
		// Its click-through rate falls with it.
		const ctr = (d: number) =>
			market.trace.observables.clicks[d * 4] / market.trace.observables.impressions[d * 4];
		expect(ctr(29)).toBeLessThan(0.7 * ctr(0));
	});

	it('pauses, launches and refreshes creatives on request', () => {
		const market = new Market(fatigue, 1, 3);
		const action = createAction(market.params);
		action.spend.fill(1000);
		action.creativeOps[0] = CREATIVE_OP.pause;
		action.creativeOps[3] = CREATIVE_OP.launch;
		market.step(action);
		const spend = market.trace.observables.spend;
		expect(spend[0]).toBe(0); // paused: its budget is not used
		expect(spend[3]).toBeGreaterThan(0); // the reserve is live
		action.creativeOps.fill(0);
		action.creativeOps[0] = CREATIVE_OP.refresh;
		market.step(action);
		expect(market.state.active[0]).toBe(1);
		expect(market.state.refreshCount[0]).toBe(1);
	});

	it('lets bid caps and frequency caps limit delivery', () => {
		const free = runWith(dtc, [0, 0, 6000, 0, 0, 0], 5);
		const capped = new Market(dtc, dtc.seed, 5);
		const action = createAction(capped.params);
		action.spend.fill(0);
		action.spend.fill(2000, 6, 9);
		action.bidCap[2] = 8; // CPM
		action.frequencyCap[2] = 0.1; // impressions per user per day
		while (!capped.done) capped.step(action);
		const impressions = (m: Market) => sum(m.trace.observables.impressions);
		expect(impressions(capped)).toBeLessThan(impressions(free));
		const audience = capped.params.audience.slice(6, 9).reduce((a, b) => a + b, 0);
		for (let d = 0; d < 5; d++) {
			const day = sum(capped.trace.observables.impressions.slice(d * 54, (d + 1) * 54));
			expect(day).toBeLessThanOrEqual(audience * 0.1 * 1.0000001);
		}
	});

	it('credits brand search with more than its true share under last click, and upper funnel with less', () => {
		const market = runFixedSplit(dtc);
		const trace = market.trace;
		const trueInc = channelTotals(trace, trace.truth.incConversions);
		const lastClick = channelTotals(trace, trace.observables.lastClickConversions);
		const trueShare = (c: number) => trueInc[c] / sum(trueInc);
		const clickShare = (c: number) => lastClick[c] / sum(lastClick);
		expect(clickShare(0)).toBeGreaterThan(2 * trueShare(0)); // brand search
		dtc.channels.forEach((channel, c) => {
			if (channel.stage === 'upper') expect(clickShare(c), channel.id).toBeLessThan(trueShare(c));
		});
		// Platforms over-claim in total.
		const claimed = sum(trace.observables.platformConversions);
		expect(claimed).toBeGreaterThan(sum(trueInc));
	});

	it('raises brand-search volume when upper-funnel video runs (halo)', () => {
		const without = runWith(dtc, [3000, 0, 0, 0, 0, 0], 60);
		const withVideo = runWith(dtc, [3000, 0, 0, 0, 8000, 0], 60);
		const brandImpressions = (m: Market) =>
			channelTotals(m.trace, m.trace.observables.impressions, true)[0];
		expect(brandImpressions(withVideo)).toBeGreaterThan(1.02 * brandImpressions(without));
		expect(sum(withVideo.trace.truth.haloConversions)).toBeGreaterThan(0);
	});

	it('applies a regime shift from its day on', () => {
		const shifted = {
			...dtc,
			regimeShifts: [{ day: 30, path: 'channels[display].auction.medianCpm', value: 12 }]
		};
		const market = runFixedSplit(shifted, { days: 60 });
		const cpm = (d: number) => {
			const base = d * 54 + 5 * 9;
			const spend = sum(market.trace.observables.spend.slice(base, base + 9));
			const shown = sum(market.trace.observables.impressions.slice(base, base + 9));
			return (1000 * spend) / shown;
		};
		expect(cpm(35)).toBeGreaterThan(2 * cpm(25));
		expect(market.scenario.channels[5].auction.medianCpm).toBe(12);
	});
});

describe('market: cloning', () => {
	it('continues a clone exactly as the original would have', () => {
		const fatigue = loadPreset('creative-fatigue');
		const original = new Market(fatigue, 3, 40);
		const action = createAction(original.params);
		action.spend.fill(900);
		for (let d = 0; d < 20; d++) original.step(action);
		const copy = original.clone();
		for (let d = 0; d < 20; d++) {
			original.step(action);
			copy.step(action);
		}
		for (const key of Object.keys(
			original.trace.observables
		) as (keyof typeof original.trace.observables)[]) {
			expect(Array.from(copy.trace.observables[key]), key).toEqual(
				Array.from(original.trace.observables[key])
			);
		}
		expect(Array.from(copy.trace.truth.incConversions)).toEqual(
			Array.from(original.trace.truth.incConversions)
		);
	});

	it('is independent of the original', () => {
		const market = new Market(dtc, 1, 10);
		const action = createAction(market.params);
		action.spend.fill(500);
		market.step(action);
		const copy = market.clone();
		copy.step(action);
		expect(market.state.step).toBe(1);
		expect(copy.state.step).toBe(2);
		expect(market.trace.observables.spend.slice(54, 108).every((x) => x === 0)).toBe(true);
	});
});

describe('market: hostile controls', () => {
	it('keeps the average paid CPM under a bid cap whatever the season, slot and segment prices', () => {
		const market = new Market(dtc, 2, 60);
		const action = createAction(market.params);
		action.spend.fill(3000);
		action.bidCap.fill(4);
		while (!market.done) market.step(action);
		const { spend, impressions } = market.trace.observables;
		for (let i = 0; i < spend.length; i++) {
			if (impressions[i] > 0)
				expect((1000 * spend[i]) / impressions[i]).toBeLessThanOrEqual(4 + 1e-9);
		}
	});

	it('ignores unknown creative operations and negative targeting weights', () => {
		const market = new Market(loadPreset('creative-fatigue'), 1, 2);
		const action = createAction(market.params);
		action.spend.fill(1000);
		action.creativeOps[3] = 9; // not an operation: the reserve stays off
		action.segmentTilt[0] = -5;
		market.step(action);
		expect(market.state.active[3]).toBe(0);
		expect(market.trace.observables.spend.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
	});
});

describe('market: snapshot and restore', () => {
	it('replays exactly from a snapshot, whatever ran in between', () => {
		const market = new Market(dtc, 4, 30);
		const action = createAction(market.params);
		action.spend.fill(1000);
		for (let d = 0; d < 10; d++) market.step(action);
		const snap = market.snapshot();
		for (let d = 0; d < 10; d++) market.step(action);
		const first = Array.from(market.trace.observables.clicks);
		const firstTruth = Array.from(market.trace.truth.incConversions);
		market.restore(snap);
		action.spend.fill(3000); // something else in between
		for (let d = 0; d < 5; d++) market.step(action);
		market.restore(snap);
		expect(market.trace.daysDone).toBe(10);
		expect(market.trace.observables.clicks.slice(10 * 18).every((x) => x === 0)).toBe(true);
		action.spend.fill(1000);
		for (let d = 0; d < 10; d++) market.step(action);
		expect(Array.from(market.trace.observables.clicks)).toEqual(first);
		expect(Array.from(market.trace.truth.incConversions)).toEqual(firstTruth);
	});
});
