import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { loadPreset } from '../sim/presets';
import { formatFieldError } from '../sim/scenario';
import { createBauLastClick, floorShares, parseBauLastClick } from './bau-last-click';
import { creativeSpend, lastClickValue } from './observe';
import type { PolicyView } from './policy';

const dtc = loadPreset('dtc-default');
const shares = Object.fromEntries(dtc.channels.map((c) => [c.id, c.historicalShare]));
const config = () => {
	const parsed = parseBauLastClick({ kind: 'bau-last-click', shares });
	if (!parsed.ok) throw new Error(parsed.errors.map(formatFieldError).join('; '));
	return parsed.value;
};
const run = (days: number, seed = 1) =>
	runPolicy(dtc, createBauLastClick(config()), {
		seed,
		days,
		objective: 'revenue',
		guardrails: DEFAULT_GUARDRAILS
	});
const C = dtc.channels.length;
const shareOf = (row: Float64Array, i: number, ids: string[]) => {
	let total = 0;
	let part = 0;
	for (let c = 0; c < C; c++) {
		total += row[i * C + c];
		if (ids.includes(dtc.channels[c].id)) part += row[i * C + c];
	}
	return part / total;
};

describe('BAU (b) config', () => {
	it('fills defaults', () => {
		expect(config()).toEqual({
			kind: 'bau-last-click',
			shares,
			rate: 0.3,
			lookbackDays: 30,
			minShare: 0.02
		});
	});

	it.each([
		[{ kind: 'bau-last-click', shares, rate: 2 }, 'rate: must be between 0 and 1'],
		[
			{ kind: 'bau-last-click', shares: { a: 0 } },
			'shares: needs a share > 0 for at least one channel'
		],
		[{ kind: 'bau-last-click', shares: { a: -1 } }, 'shares.a: must be ≥ 0'],
		[
			{ kind: 'bau-last-click', shares, lookbackDays: 2.5 },
			'lookbackDays: must be a whole number of days'
		],
		[
			{ kind: 'bau-last-click', shares, speed: 1 },
			'speed: is not a setting of this policy (misspelt?)'
		],
		[{ kind: 'bau-fixed', shares }, 'kind: must be "bau-last-click"']
	])('rejects %j', (input, message) => {
		const parsed = parseBauLastClick(input);
		expect(parsed.ok ? [] : parsed.errors.map(formatFieldError)).toEqual([message]);
	});
});

describe('BAU (b): monthly shift by last-click ROAS', () => {
	it('starts from the historical split and shifts toward brand search and retargeting month after month', () => {
		const { log } = run(121);
		expect(Array.from(log.day)).toEqual([0, 30, 60, 90, 120]);
		const flattered = ['brand-search', 'social-retargeting'];
		const share = Array.from({ length: 5 }, (_, i) => shareOf(log.newSpend, i, flattered));
		expect(share[0]).toBeCloseTo(0.2, 9);
		for (let i = 1; i < 5; i++) expect(share[i]).toBeGreaterThan(share[i - 1]);
		expect(share[4]).toBeGreaterThan(0.45);
		// Last click credits them the highest return per dollar (reported as the marginal return).
		const roas = Array.from(log.marginalReturn.slice(0, C));
		const best = [...roas].sort((a, b) => b - a).slice(0, 2);
		expect(best.sort()).toEqual([roas[0], roas[3]].sort());
	});

	it('moves exactly as documented: 30 % of the way to share × last-click ROAS over the last 30 days', () => {
		let seen: PolicyView | null = null;
		let decidedOn = 0;
		const policy = createBauLastClick(config());
		const decide = policy.decide.bind(policy);
		policy.decide = (view) => {
			seen = view;
			decidedOn = view.day;
			return decide(view);
		};
		const { log } = runPolicy(dtc, policy, {
			seed: 2,
			days: 31,
			objective: 'revenue',
			guardrails: DEFAULT_GUARDRAILS
		});
		const view = seen as unknown as PolicyView;
		const spend = new Float64Array(C);
		const value = new Float64Array(C);
		const day = new Float64Array(C * 3);
		const dayValue = new Float64Array(C);
		for (let d = decidedOn - 30; d < decidedOn; d++) {
			creativeSpend(view, d, day);
			lastClickValue(view, d, dayValue);
			for (let c = 0; c < C; c++) {
				spend[c] += day[c * 3] + day[c * 3 + 1] + day[c * 3 + 2];
				value[c] += dayValue[c];
			}
		}
		const start = dtc.channels.map((c) => c.historicalShare);
		const total = start.reduce((a, b) => a + b, 0);
		const weights = start.map((s, c) => (s / total) * (value[c] / spend[c]));
		const weightSum = weights.reduce((a, b) => a + b, 0);
		const expected = floorShares(
			Float64Array.from(start, (s, c) => 0.7 * (s / total) + (0.3 * weights[c]) / weightSum),
			0.02,
			() => true
		);
		for (let c = 0; c < C; c++) {
			expect(log.askedSpend[C + c]).toBeCloseTo(expected[c] * dtc.dailyBudget, 6);
			expect(log.marginalReturn[C + c]).toBeCloseTo(value[c] / spend[c], 9);
		}
	});

	it('stays within the daily budget, tags every move as a rule, and is deterministic', () => {
		const a = run(91, 5);
		const b = run(91, 5);
		expect(Array.from(a.log.askedSpend)).toEqual(Array.from(b.log.askedSpend));
		expect(Array.from(a.trace.observables.spend)).toEqual(Array.from(b.trace.observables.spend));
		for (let i = 0; i < a.log.length; i++) {
			let asked = 0;
			for (let c = 0; c < C; c++) asked += a.log.askedSpend[i * C + c];
			expect(asked).toBeLessThanOrEqual(dtc.dailyBudget * (1 + 1e-12));
			expect(asked).toBeGreaterThan(dtc.dailyBudget * (1 - 1e-12));
		}
		expect(Array.from(a.log.reasons).every((mask) => mask & (1 << 5))).toBe(true);
	});

	it('keeps a toe in every channel it runs, and none in channels it never ran', () => {
		const shares = floorShares(Float64Array.from([0.97, 0.03, 0, 0]), 0.05, (c) => c < 3);
		expect(Array.from(shares).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([
			0.9, 0.05, 0.05, 0
		]);
	});

	it('resumes from its saved state with the same decisions', () => {
		const original = createBauLastClick(config());
		runPolicy(dtc, original, {
			seed: 3,
			days: 61,
			objective: 'revenue',
			guardrails: DEFAULT_GUARDRAILS
		});
		const copy = createBauLastClick(config());
		copy.setState(JSON.parse(JSON.stringify(original.getState())));
		expect(copy.getState()).toEqual(original.getState());
		expect(original.getState().shares).toHaveLength(C);
	});
});
