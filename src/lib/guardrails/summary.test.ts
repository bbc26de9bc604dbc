import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { createBauFixed } from '../policies/bau-fixed';
import { loadPreset } from '../sim/presets';
import { bindingConstraints, budgetUse, summarizeDecision } from './summary';
import { DEFAULT_GUARDRAILS, type GuardrailClip } from './types';

const clip = (over: Partial<GuardrailClip>): GuardrailClip => ({
	day: 0,
	rule: 'channel-max',
	channel: 0,
	creative: -1,
	asked: 100,
	allowed: 60,
	...over
});

describe('binding constraints', () => {
	it('groups clips by rule and channel, in precedence order, with how much they lowered or raised', () => {
		const clips = [
			clip({ day: 3, rule: 'exploration-floor', channel: 1, asked: 0, allowed: 50 }),
			clip({ day: 1 }),
			clip({ day: 2, asked: 90, allowed: 60 }),
			clip({ day: 2, rule: 'max-bid', asked: Infinity, allowed: 20 }),
			clip({ day: 2, rule: 'total-budget', channel: 1, asked: 80, allowed: 70 })
		];
		expect(bindingConstraints(clips)).toEqual([
			{
				rule: 'total-budget',
				channel: 1,
				count: 1,
				firstDay: 2,
				lastDay: 2,
				lowered: 10,
				raised: 0
			},
			{
				rule: 'channel-max',
				channel: 0,
				count: 2,
				firstDay: 1,
				lastDay: 2,
				lowered: 70,
				raised: 0
			},
			{
				rule: 'exploration-floor',
				channel: 1,
				count: 1,
				firstDay: 3,
				lastDay: 3,
				lowered: 0,
				raised: 50
			},
			// No cap asked, a cap allowed: binding, without a finite amount.
			{ rule: 'max-bid', channel: 0, count: 1, firstDay: 2, lastDay: 2, lowered: 0, raised: 0 }
		]);
		expect(bindingConstraints(clips, 3, 3).map((b) => b.rule)).toEqual(['exploration-floor']);
	});
});

describe('one decision, summarised', () => {
	it('says whether the budget is fully allocated and why each channel did not get more', () => {
		const summary = summarizeDecision(
			[800, 0, 300],
			[500, 100, 300],
			[
				clip({ channel: 0, asked: 800, allowed: 600 }),
				clip({ rule: 'total-budget', channel: 0, asked: 600, allowed: 500 }),
				clip({ rule: 'exploration-floor', channel: 1, asked: 0, allowed: 100 }),
				clip({ rule: 'max-bid', channel: 2, asked: 50, allowed: 20 })
			],
			1000
		);
		expect(summary.fullyAllocated).toBe(false);
		expect(summary.asked).toBe(1100);
		expect(summary.allowed).toBe(900);
		expect(summary.channels.map((c) => [c.loweredBy, c.raisedBy])).toEqual([
			[['channel-max', 'total-budget'], []],
			[[], ['exploration-floor']],
			[[], []]
		]);
		expect(summary.binding).toEqual([
			'total-budget',
			'channel-max',
			'exploration-floor',
			'max-bid'
		]);
	});
});

describe('budget use', () => {
	it('reports a run that spends its budget as fully spent, and one capped by a channel maximum as not', () => {
		const scenario = { ...loadPreset('two-channels'), days: 20 };
		// Search saturates early: keep it small enough to spend its share.
		const shares = { search: 0.1, social: 0.9 };
		const use = (guardrails = DEFAULT_GUARDRAILS) => {
			const run = runPolicy(scenario, createBauFixed({ kind: 'bau-fixed', shares }), {
				seed: 1,
				objective: 'conversions',
				guardrails
			});
			return budgetUse(run.trace.observables, run.trace, scenario.dailyBudget, 0, 20);
		};
		const free = use();
		expect(free.fullySpent).toBe(true);
		expect(free.spent).toBeCloseTo(20 * scenario.dailyBudget, 3);
		const capped = use({ ...DEFAULT_GUARDRAILS, channelRange: { search: { min: 0, max: 300 } } });
		expect(capped.fullySpent).toBe(false);
		expect(capped.byChannel[0]).toBeCloseTo(20 * 300, 3);
		expect(capped.share).toBeCloseTo((300 + 0.9 * scenario.dailyBudget) / scenario.dailyBudget, 6);
	});
});
