import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { createView } from '../experiment/view';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { BANDIT_POLICY_KINDS, createBanditPolicy, type BanditPolicyKind } from './bandit-policies';
import type { Decision, Policy, PolicyView } from './policy';

const DAYS = 60;

/**
 * A view onto 14 invented days of 3 channels × 2 creatives × 2 segments: channel 2 returns the
 * most per dollar by last click, channel 0 the least; creative 1 of channel 1 loses CTR over
 * time. Independent of the simulator, so exact-value tests do not move when presets change.
 */
function syntheticView(): PolicyView {
	const days = 14;
	const [C, K, S] = [3, 2, 2];
	const cells = (n: number) => new Float64Array(days * n);
	const observed = {
		spend: cells(C * K * S),
		impressions: cells(C * K * S),
		clicks: cells(C * K),
		platformConversions: cells(C * K),
		platformRevenue: cells(C * K),
		lastClickConversions: cells(C * S),
		lastClickRevenue: cells(C * S),
		reach: cells(C * S),
		directConversions: cells(S),
		newCustomers: cells(S),
		firstOrderRevenue: cells(S),
		repeatRevenue: cells(S),
		earlyRepeatOrders: cells(3 * S),
		unsafeImpressions: cells(C)
	};
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) {
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				for (let s = 0; s < S; s++) {
					observed.spend[(d * C * K + ck) * S + s] = 250 + 10 * c + 5 * s;
					observed.impressions[(d * C * K + ck) * S + s] = 40_000;
				}
				const ctr = c === 1 && k === 1 ? 0.02 * (1 - d / 20) : 0.01 + 0.002 * k;
				observed.clicks[d * C * K + ck] = Math.round(80_000 * ctr);
			}
			for (let s = 0; s < S; s++) {
				observed.lastClickConversions[d * C * S + c * S + s] = 8 + 6 * c + s + ((d * 7 + c) % 3);
			}
		}
	}
	return {
		day: days,
		pilotStart: days,
		slot: 0,
		stepsPerDay: 1,
		days: days + 30,
		weekday: (day: number) => day % 7,
		events: [],
		layout: {
			C,
			K,
			S,
			channelIds: ['a', 'b', 'c'],
			channelNames: ['A', 'B', 'C'],
			stages: ['upper', 'mid', 'lower'],
			creativeIds: ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'],
			creativeExists: new Uint8Array(C * K).fill(1),
			segmentIds: ['x', 'y'],
			segmentNames: ['X', 'Y']
		},
		creativeActive: new Uint8Array(C * K).fill(1),
		dailyBudget: 3000,
		objective: 'revenue',
		economics: {
			orderValue: Float64Array.of(50, 80),
			margin: Float64Array.of(0.4, 0.4),
			ltvMargin: Float64Array.of(60, 120)
		},
		observed
	};
}
const dtc = loadPreset('dtc-default');

/** Run a policy, keeping a copy of every decision it made. */
function pilot(policy: Policy, scenario: Scenario = dtc, days = DAYS, seed = 3) {
	const decisions: Decision[] = [];
	const decide = policy.decide.bind(policy);
	policy.decide = (view) => {
		const d = decide(view);
		decisions.push(structuredClone(d));
		return d;
	};
	const run = runPolicy(scenario, policy, {
		seed,
		days,
		objective: 'revenue',
		guardrails: DEFAULT_GUARDRAILS
	});
	return { run, decisions };
}

/** Channel budgets of a decision [C]. */
function channelBudgets(d: Decision, C: number): number[] {
	const K = d.spend.length / C;
	return Array.from({ length: C }, (_, c) =>
		d.spend.slice(c * K, (c + 1) * K).reduce((a, b) => a + b, 0)
	);
}

describe.each(BANDIT_POLICY_KINDS)('the %s allocator on dtc-default', (kind: BanditPolicyKind) => {
	const first = pilot(createBanditPolicy({ kind, seed: 11 }));
	const C = dtc.channels.length;

	it('spends within the daily budget: never negative, NaN or above it', () => {
		expect(first.decisions).toHaveLength(DAYS);
		for (const d of first.decisions) {
			let total = 0;
			for (const x of d.spend) {
				expect(Number.isFinite(x) && x >= 0).toBe(true);
				total += x;
			}
			expect(total).toBeLessThanOrEqual(dtc.dailyBudget);
			expect(total).toBeGreaterThan(0.5 * dtc.dailyBudget);
			expect(d.reasons.every((r) => r.length > 0)).toBe(true);
			expect(d.marginalReturn.every((x) => Number.isFinite(x))).toBe(true);
		}
	});

	it('is deterministic for a seed', () => {
		const again = pilot(createBanditPolicy({ kind, seed: 11 }));
		expect(again.decisions.map((d) => Array.from(d.spend))).toEqual(
			first.decisions.map((d) => Array.from(d.spend))
		);
		expect(Array.from(again.run.trace.observables.spend)).toEqual(
			Array.from(first.run.trace.observables.spend)
		);
	});

	it('moves budget between channels: not a constant split', () => {
		const budgets = first.decisions.map((d) => channelBudgets(d, C));
		// Away from business as usual, and not the same every day.
		const totalShare = dtc.channels.reduce((a, ch) => a + ch.historicalShare, 0);
		const fromBau = budgets[DAYS - 1].reduce(
			(gap, b, c) =>
				gap + Math.abs(b / dtc.dailyBudget - dtc.channels[c].historicalShare / totalShare),
			0
		);
		expect(fromBau).toBeGreaterThan(0.2);
		let moved = 0;
		for (let c = 0; c < C; c++) {
			const series = budgets.map((b) => b[c]);
			moved = Math.max(moved, (Math.max(...series) - Math.min(...series)) / dtc.dailyBudget);
		}
		expect(moved).toBeGreaterThan(0.02);
	});

	it('resumes from its JSON state with identical decisions', () => {
		const policy = createBanditPolicy({ kind, seed: 11 });
		const { run } = pilot(policy, dtc, 20);
		const view = createView(run.market, 'revenue');
		view.day = run.historyDays + run.days;
		const restored = createBanditPolicy({ kind, seed: 11 });
		restored.setState(JSON.parse(JSON.stringify(policy.getState())));
		policy.observe(view);
		restored.observe(view);
		expect(restored.decide(view)).toEqual(policy.decide(view));
		expect(JSON.stringify(restored.getState())).toBe(JSON.stringify(policy.getState()));
	});
});

describe('bandit allocators, specifics', () => {
	it('Thompson makes exactly these decisions for a seed (a hand-made market record)', () => {
		const view = syntheticView();
		const policy = createBanditPolicy({ kind: 'thompson', seed: 5, chunks: 20 });
		policy.observe(view);
		const d = policy.decide(view);
		// Channel c returns the most per dollar (≈ 2.7 by last click) and takes most of the budget;
		// creative b2 has worn from 2% to 1.35% CTR: fatigued, yet still ahead of b1.
		expect(Array.from(d.spend, (x) => +x.toFixed(2))).toEqual([
			10, 90, 139.5, 635.5, 212.5, 1912.5
		]);
		expect(Array.from(d.marginalReturn, (x) => +x.toFixed(4))).toEqual([1.5553, 2.1727, 2.7273]);
		expect(d.reasons).toEqual([['explore'], ['explore', 'fatigue'], ['exploit']]);
	});

	it('split evenly while it has fewer than warmupDays days of data (no history)', () => {
		const fresh = { ...dtc, history: { days: 0, flighting: 0 } };
		const { decisions } = pilot(createBanditPolicy({ kind: 'thompson', warmupDays: 5 }), fresh, 8);
		const C = fresh.channels.length;
		for (const d of decisions.slice(0, 5)) {
			for (const b of channelBudgets(d, C)) expect(b).toBeCloseTo(fresh.dailyBudget / C, 6);
			expect(d.reasons.every((r) => r[0] === 'explore')).toBe(true);
		}
		const after = channelBudgets(decisions[6], C);
		expect(Math.max(...after) - Math.min(...after)).toBeGreaterThan(0.05 * fresh.dailyBudget);
	});

	it('contextual allocators tilt targeting by segment from last click, not from platform claims', () => {
		const lastClick = pilot(createBanditPolicy({ kind: 'linucb' }), dtc, 3).decisions[2];
		const platform = pilot(createBanditPolicy({ kind: 'linucb', signal: 'platform' }), dtc, 3)
			.decisions[2];
		expect(lastClick.segmentTilt).toBeDefined();
		for (const t of lastClick.segmentTilt!) {
			expect(t).toBeGreaterThanOrEqual(0.5);
			expect(t).toBeLessThanOrEqual(2);
		}
		expect(lastClick.segmentTilt!.some((t) => Math.abs(t - 1) > 0.05)).toBe(true);
		expect(platform.segmentTilt).toBeUndefined();
	});
});
