import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { createDecisionLog, appendDecision, type DecisionLog } from './decision-log';
import { runPilot, type PilotConfig, type PilotResult } from './pilot';
import { parsePilotConfig } from './pilot-config';
import {
	configuredGuardrails,
	guardrailFacts,
	money,
	reasonFacts,
	reportFacts,
	scenarioParagraph
} from './report-facts';

let scenario: Scenario;
let config: PilotConfig;
let result: PilotResult;

beforeAll(() => {
	scenario = loadPreset('two-channels');
	const parsed = parsePilotConfig(
		{
			policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }],
			seeds: 3,
			days: 40,
			guardrails: { maxShiftPct: 15, minExplorationShare: 0.05 }
		},
		scenario
	);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	config = parsed.value;
	result = runPilot(scenario, config)!;
});

/** A two-channel log: day 0 sets budgets, day 1 moves 100/day to channel 1 (explore, clipped). */
function handLog(): DecisionLog {
	const log = createDecisionLog(2, 2);
	const row = (day: number, prev: number[], next: number[]) => ({
		day,
		previousSpend: prev,
		askedSpend: next,
		newSpend: next,
		marginalReturn: [NaN, NaN],
		uncertainty: [NaN, NaN]
	});
	appendDecision(log, { ...row(0, [0, 0], [500, 500]), reasons: [['rule'], ['rule']], clips: [] });
	appendDecision(log, {
		...row(1, [500, 500], [400, 600]),
		reasons: [['exploit'], ['explore']],
		clips: [{ day: 1, rule: 'max-shift', channel: 1, creative: -1, asked: 700, allowed: 600 }]
	});
	appendDecision(log, {
		...row(2, [400, 600], [400, 600]),
		reasons: [['hold'], ['hold']],
		clips: [
			{ day: 2, rule: 'max-shift', channel: 1, creative: -1, asked: 650, allowed: 600 },
			{ day: 2, rule: 'max-shift', channel: 0, creative: -1, asked: 350, allowed: 400 },
			{ day: 2, rule: 'channel-max', channel: 1, creative: -1, asked: 900, allowed: 650 }
		]
	});
	return log;
}

describe('reportFacts', () => {
	it('states the question: baseline, contenders without the oracle, objective, seeds and days', () => {
		const { question } = reportFacts(result, config, scenario);
		expect(question.baseline.id).toBe('bau-fixed');
		expect(question.contenders.map((p) => p.id)).toEqual(['thompson']);
		expect(question).toMatchObject({ objectiveLabel: 'LTV-profit', seeds: 3, days: 40 });
		expect(question.firstSeed).toBe(config.firstSeed);
	});

	it('gives the headline difference with the paired interval of the pilot and says it in words', () => {
		const { headline } = reportFacts(result, config, scenario);
		const thompson = result.policies.find((p) => p.id === 'thompson')!;
		const d = thompson.metrics.ltvProfit.vsBaseline;
		expect(headline.recommended?.id).toBe('thompson');
		expect(headline.difference).toEqual({ mean: d.mean, low: d.low, high: d.high });
		const expected = d.low > 0 ? 'better' : d.high < 0 ? 'worse' : 'unclear';
		expect(headline.verdict).toBe(expected);
		expect(headline.text).toContain(money(Math.abs(d.mean), 'USD'));
		expect(headline.text).toContain(
			`95 % interval ${money(d.low, 'USD')} to ${money(d.high, 'USD')}`
		);
		expect(headline.text).toContain('over 3 seeds');
	});

	it('says a single seed gives no interval instead of claiming a result', () => {
		const one = { ...result, seeds: [result.seeds[0]] };
		const { headline } = reportFacts(one, config, scenario);
		expect(headline.verdict).toBe('single-seed');
		expect(headline.text).toContain('no interval yet');
	});

	it('has no recommendation when only the baseline ran', () => {
		const alone = {
			...result,
			policies: result.policies.filter((p) => p.id === 'bau-fixed' || p.id === 'oracle')
		};
		const facts = reportFacts(alone, config, scenario);
		expect(facts.headline).toMatchObject({ verdict: 'none', recommended: null, difference: null });
		expect(facts.reasons?.id).toBe('bau-fixed');
	});

	it('counts every clip of each policy’s first-seed log, oracle left out', () => {
		const facts = reportFacts(result, config, scenario);
		expect(facts.guardrails.map((g) => g.id)).toEqual(['bau-fixed', 'thompson']);
		const thompson = facts.guardrails[1];
		const total = thompson.rules.reduce((sum, r) => sum + r.clips, 0);
		expect(total).toBe(result.logs.thompson.clips.length);
		expect(total).toBeGreaterThan(0);
		expect(thompson.rules.some((r) => r.rule === 'max-shift')).toBe(true);
	});
});

describe('guardrailFacts', () => {
	it('counts clips, distinct decisions and channels per rule, most clips first', () => {
		expect(guardrailFacts(handLog(), ['Search', 'Social'])).toEqual([
			{ rule: 'max-shift', clips: 3, decisions: 2, channels: ['Search', 'Social'] },
			{ rule: 'channel-max', clips: 1, decisions: 1, channels: ['Social'] }
		]);
	});
});

describe('reasonFacts', () => {
	it('weights tags by the budget they moved and skips the first decision and held budgets', () => {
		const facts = reasonFacts(result, result.policies[1], handLog());
		expect(facts.moves).toBe(2);
		expect(facts.moved).toBe(200);
		expect(facts.reasons).toEqual([
			{ tag: 'exploit', moves: 1, moved: 100, share: 0.5 },
			{ tag: 'explore', moves: 1, moved: 100, share: 0.5 },
			{ tag: 'guardrail', moves: 1, moved: 100, share: 0.5 }
		]);
	});

	it('lists channel shifts from the first to the last week, largest first', () => {
		const facts = reportFacts(result, config, scenario).reasons!;
		const C = result.channelNames.length;
		const spend = result.policies.find((p) => p.id === facts.id)!.meanDailySpend;
		const week = (c: number, from: number) =>
			[0, 1, 2, 3, 4, 5, 6].reduce((s, d) => s + spend[(from + d) * C + c], 0) / 7;
		const social = facts.shifts.find((s) => s.channel === 'Social')!;
		expect(social.first).toBeCloseTo(week(1, 0), 6);
		expect(social.last).toBeCloseTo(week(1, result.days - 7), 6);
		expect(Math.abs(facts.shifts[0].change)).toBeGreaterThanOrEqual(
			Math.abs(facts.shifts[1].change)
		);
	});
});

describe('words', () => {
	it('describes the scenario in one paragraph with its channels, audience, budget and days', () => {
		const text = scenarioParagraph(scenario, result);
		expect(text).toContain('2,000,000 people in 1 segment (Shoppers)');
		expect(text).toContain('2 channels (Search and Social)');
		expect(text).toContain('$6,000 a day');
		expect(text).toContain('40 days from 2026-01-05');
		expect(text).not.toContain('\n');
	});

	it('names only the guardrails that are set', () => {
		expect(configuredGuardrails(config, scenario)).toEqual([
			'At most 15 % shift per decision',
			'Exploration floor 5 % per channel'
		]);
	});

	it('writes negative money with a minus sign and survives an unknown currency code', () => {
		expect(money(-1234.4, 'USD')).toBe('−$1,234');
		expect(money(1500, 'EUR')).toBe('€1,500');
		expect(money(-10, 'XX1')).toBe('−XX1 10');
	});
});
