import { describe, expect, it } from 'vitest';
import { GUARDRAIL_RULES } from '../guardrails/types';
import { clipText, RULE_TEXT } from './clip-text';

const money = (v: number) => `$${v.toFixed(0)}`;
const clip = { day: 3, channel: 0, creative: -1, asked: 90, allowed: 70 } as const;

describe('clipText', () => {
	it('says which rule changed what, in money per day for budgets', () => {
		expect(clipText({ ...clip, rule: 'max-shift' }, money)).toBe(
			'Max shift per decision: asked $90/day, allowed $70/day'
		);
	});

	it('uses the units of bids and frequency caps, and names the creative', () => {
		expect(clipText({ ...clip, rule: 'max-bid', creative: 1, asked: 12, allowed: 8 }, money)).toBe(
			'Bid cap (creative 2): asked $12 CPM, allowed $8 CPM'
		);
		expect(clipText({ ...clip, rule: 'frequency-cap', asked: 4, allowed: 2.5 }, money)).toBe(
			'Frequency cap: asked 4.0 per person/day, allowed 2.5 per person/day'
		);
	});

	it('has words for every guardrail rule', () => {
		for (const rule of GUARDRAIL_RULES) expect(RULE_TEXT[rule]).toBeTruthy();
	});
});
