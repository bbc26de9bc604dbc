import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { createView } from '../experiment/view';
import { createBauFixed } from '../policies/bau-fixed';
import { emptyDecision, type Decision, type Policy, type PolicyView } from '../policies/policy';
import { createAction, CREATIVE_OP, Market } from '../sim/market';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { createGuardrails } from './guardrails';
import { DEFAULT_GUARDRAILS, type GuardrailConfig } from './types';

const twoChannels = loadPreset('two-channels');
const fatigue = loadPreset('creative-fatigue');

/** A market, its view and guardrails, driven by hand slot by slot. */
function setup(scenario: Scenario, config: Partial<GuardrailConfig>) {
	const market = new Market(scenario, scenario.seed);
	const view = createView(market, 'conversions');
	const guard = createGuardrails(
		{ ...DEFAULT_GUARDRAILS, ...config },
		view.layout,
		scenario.dailyBudget
	);
	return { market, view, guard, action: createAction(market.params) };
}

/** A policy that asks `spend(view)` every `cadence`. */
function asking(
	spend: (view: PolicyView) => number[],
	cadence: Policy['cadence'] = 'day'
): Policy<null> {
	return {
		id: 'asking',
		name: 'Asking',
		cadence,
		observe() {},
		decide(view) {
			const decision = emptyDecision(view.layout);
			decision.spend.set(spend(view));
			return decision;
		},
		getState: () => null,
		setState() {}
	};
}

const daySpend = (market: Market) => {
	const { C, K, S } = market.params;
	const width = C * K * S;
	return Array.from({ length: market.trace.daysDone }, (_, d) =>
		market.trace.observables.spend.slice(d * width, (d + 1) * width).reduce((a, b) => a + b, 0)
	);
};
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('pacing within a day', () => {
	const fourSlots: Scenario = { ...twoChannels, slotsPerDay: 4 };
	const offers = (pacing: GuardrailConfig['pacing']) => {
		const { market, view, guard, action } = setup(fourSlots, { pacing });
		const decision = emptyDecision(view.layout);
		decision.spend.set([0, 4000]);
		const enforced = guard.enforce(decision, view, new Float64Array(2));
		const offered: number[] = [];
		for (let slot = 0; slot < 4; slot++) {
			view.slot = slot;
			guard.control(enforced.spend, view, action);
			offered.push(sum(action.spend));
			market.step(action);
		}
		return { offered, paid: daySpend(market)[0] };
	};

	it('offers a quarter of the day in the first of four slots when even, 4/10 when front-loaded', () => {
		expect(offers('even').offered[0]).toBeCloseTo(1000, 9);
		expect(offers('front-loaded').offered[0]).toBeCloseTo(1600, 9);
	});

	it('rolls what a slot leaves on to the next and never pays more than the day', () => {
		for (const pacing of ['even', 'front-loaded'] as const) {
			const { offered, paid } = offers(pacing);
			expect(paid).toBeLessThanOrEqual(4000 * (1 + 1e-12));
			// The last slot is offered everything the earlier ones did not pay.
			expect(offered[3]).toBeGreaterThan(0);
			expect(paid).toBeCloseTo(4000, 6);
		}
	});

	it('holds a slot-cadence policy that swings its plan between channels to the day budget', () => {
		let n = 0;
		const swing = asking(
			(view) => (n++ % 2 ? [0, view.dailyBudget] : [view.dailyBudget, 0]),
			'slot'
		);
		const scenario: Scenario = { ...twoChannels, days: 5, slotsPerDay: 2 };
		const run = runPolicy(scenario, swing, {
			seed: 1,
			objective: 'conversions',
			guardrails: DEFAULT_GUARDRAILS
		});
		for (const spent of daySpend(run.market))
			expect(spent).toBeLessThanOrEqual(scenario.dailyBudget * (1 + 1e-12));
	});
});

describe('overdelivery and the 30-day window', () => {
	it('lets a day spend up to twice the budget and holds every 30-day window to 30 days of budget', () => {
		const scenario: Scenario = { ...twoChannels, days: 60 };
		const B = scenario.dailyBudget;
		const run = runPolicy(
			scenario,
			asking((view) => [0, 2 * view.dailyBudget]),
			{
				seed: 1,
				objective: 'conversions',
				guardrails: { ...DEFAULT_GUARDRAILS, maxDailyOverdelivery: 2 }
			}
		);
		const spent = daySpend(run.market);
		expect(spent[0]).toBeCloseTo(2 * B, 6);
		for (let d = 0; d < spent.length; d++) {
			const window = sum(spent.slice(Math.max(0, d - 29), d + 1));
			expect(window).toBeLessThanOrEqual(30 * B * (1 + 1e-12));
		}
		// Fifteen days at twice the budget use up the window: the next days are cut.
		expect(spent[15]).toBeLessThan(B / 100);
		expect(run.log.clips.some((clip) => clip.rule === 'pacing' && clip.day === 15)).toBe(true);
	});
});

describe('frequency caps', () => {
	it('holds impressions per audience member to the daily cap and to what the week leaves', () => {
		const scenario: Scenario = { ...twoChannels, days: 21 };
		const run = runPolicy(
			scenario,
			asking((view) => [0, view.dailyBudget]),
			{
				seed: 1,
				objective: 'conversions',
				guardrails: { ...DEFAULT_GUARDRAILS, frequencyCapPerDay: 0.3, frequencyCapPerWeek: 1 }
			}
		);
		const { observables } = run.trace;
		const audience = run.market.params.audience[1];
		// Social, one creative, one segment: cell index = channel 1.
		const f = Array.from({ length: 21 }, (_, d) => observables.impressions[d * 2 + 1] / audience);
		for (let d = 0; d < 21; d++) {
			expect(f[d]).toBeLessThanOrEqual(0.3 * (1 + 1e-9));
			expect(sum(f.slice(Math.max(0, d - 6), d + 1))).toBeLessThanOrEqual(1 + 1e-9);
		}
		// Uncapped this budget shows more than 0.3 a day: the daily cap binds, then the weekly one.
		expect(f[0]).toBeCloseTo(0.3, 9);
		expect(f[3]).toBeCloseTo(0.1, 6);
		expect(f[4]).toBeCloseTo(0, 9);
		expect(run.log.clips.some((clip) => clip.rule === 'frequency-cap' && clip.channel === 1)).toBe(
			true
		);
	});
});

describe('budget protection', () => {
	it('halts a creative that spends past the threshold without a conversion; the others keep running', () => {
		// The first creative persuades nobody: its platform never reports a conversion.
		const scenario: Scenario = structuredClone(fatigue);
		scenario.channels[0].creatives[0].quality = 1e-9;
		scenario.days = 30;
		const shares = { social: 1 };
		const run = runPolicy(scenario, createBauFixed({ kind: 'bau-fixed', shares }), {
			seed: 1,
			objective: 'conversions',
			guardrails: { ...DEFAULT_GUARDRAILS, protectionThreshold: 500 }
		});
		const halt = run.log.clips.find((clip) => clip.rule === 'budget-protection');
		expect(halt).toMatchObject({ channel: 0, creative: 0, allowed: 0 });
		const { spend, platformConversions } = run.trace.observables;
		const K = run.market.params.K;
		const perDay = (k: number) => Array.from({ length: 30 }, (_, d) => spend[d * K + k]);
		expect(sum(platformConversions.filter((_, i) => i % K === 0))).toBe(0);
		expect(sum(perDay(0))).toBeCloseTo(500, 6);
		expect(
			perDay(0)
				.slice(halt!.day + 1)
				.every((x) => x === 0)
		).toBe(true);
		expect(sum(perDay(1).slice(halt!.day + 1))).toBeGreaterThan(0);
	});
});

describe('what the guardrails set and replace', () => {
	it('keeps ads off unsafe inventory and existing customers out of audiences on every channel', () => {
		const { view, guard } = setup(twoChannels, {
			excludeBrandUnsafe: true,
			suppressExistingCustomers: true
		});
		const enforced = guard.enforce(emptyDecision(view.layout), view, new Float64Array(2));
		expect(Array.from(enforced.excludeUnsafe)).toEqual([1, 1]);
		expect(Array.from(enforced.suppressExisting)).toEqual([1, 1]);
	});

	it('caps bids at the maximum bid and replaces invalid requests, saying so in clips', () => {
		const { view, guard } = setup(twoChannels, { maxBidCpm: 20 });
		const decision: Decision = {
			...emptyDecision(view.layout),
			spend: Float64Array.from([NaN, -5]),
			bidCap: Float64Array.from([50, NaN]),
			creativeOps: Uint8Array.from([9, CREATIVE_OP.none]),
			segmentTilt: Float64Array.from([-1, 2])
		};
		const enforced = guard.enforce(decision, view, new Float64Array(2));
		expect(Array.from(enforced.spend)).toEqual([0, 0]);
		expect(Array.from(enforced.bidCap)).toEqual([20, 20]);
		expect(Array.from(enforced.creativeOps)).toEqual([0, 0]);
		expect(Array.from(enforced.segmentTilt)).toEqual([1, 2]);
		expect(enforced.clips.map((c) => [c.rule, c.channel, c.creative, c.asked, c.allowed])).toEqual([
			['non-negative', 0, 0, NaN, 0],
			['non-negative', 1, 0, -5, 0],
			['non-negative', 1, -1, NaN, Infinity],
			['invalid-input', 0, 0, 9, 0],
			['invalid-input', 0, -1, -1, 1],
			['max-bid', 0, -1, 50, 20],
			['max-bid', 1, -1, Infinity, 20]
		]);
	});

	it("moves budget off a creative paused today to the channel's live creatives", () => {
		const { view, guard } = setup(fatigue, {});
		const decision = emptyDecision(view.layout);
		decision.spend.set([3000, 1000, 0, 0]);
		decision.creativeOps = Uint8Array.from([CREATIVE_OP.pause, 0, 0, 0]);
		const enforced = guard.enforce(decision, view, new Float64Array(4));
		// Creative 1 asked 1000, creative 2 nothing: the 4000 follow the asks of the live ones.
		expect(Array.from(enforced.spend)).toEqual([0, 4000, 0, 0]);
		expect(enforced.clips).toEqual([
			{ day: 0, rule: 'inactive-creative', channel: 0, creative: 0, asked: 3000, allowed: 0 }
		]);
	});
});

describe('saved state', () => {
	it('resumes from getState as the guardrails it was saved from (the shift limit knows a decision was made)', () => {
		const config = { maxShiftPct: 10, protectionThreshold: 400 };
		const { view, guard } = setup(twoChannels, config);
		const first = emptyDecision(view.layout);
		first.spend.set([3000, 3000]);
		const before = guard.enforce(first, view, new Float64Array(2)).spend;
		const saved = JSON.parse(JSON.stringify(guard.getState()));
		const resumed = createGuardrails(
			{ ...DEFAULT_GUARDRAILS, ...config },
			view.layout,
			twoChannels.dailyBudget
		);
		resumed.setState?.(saved);
		const fresh = createGuardrails(
			{ ...DEFAULT_GUARDRAILS, ...config },
			view.layout,
			twoChannels.dailyBudget
		);
		const second = emptyDecision(view.layout);
		second.spend.set([6000, 0]);
		const expected = guard.enforce(second, view, before);
		expect(resumed.enforce(second, view, before)).toEqual(expected);
		expect(Array.from(expected.spend)).toEqual([3300, 2700]);
		// Without the saved state the second decision would pass as a first one.
		expect(Array.from(fresh.enforce(second, view, before).spend)).toEqual([6000, 0]);
	});
});
