import { describe, expect, it } from 'vitest';
import type { TargetResult } from '$lib/data/mmm';
import { targetLabel, targetSentence, todayText } from './target-text';

const revenue = { kpi: 'revenue', unit: 'week', conversions: false, today: 40_000 };
const conversions = { kpi: 'conversions', unit: 'week', conversions: true, today: 40_000 };

function result(
	partial: Partial<TargetResult> & Pick<TargetResult, 'target' | 'status'>
): TargetResult {
	return {
		budget: 52_300,
		at: 52_300,
		kpi: 130_000,
		efficiency: 2.5,
		marginal: 1.2,
		ceiling: 120_000,
		...partial
	};
}

describe('budget-for-a-target words', () => {
	it('labels ROAS for revenue and costs for conversions', () => {
		expect(targetLabel('efficiency', revenue)).toBe('ROAS (revenue ÷ spend) of at least');
		expect(targetLabel('efficiency', conversions)).toBe('cost per conversion of at most');
		expect(targetLabel('kpi', conversions)).toBe('conversions per week of at least');
		expect(targetLabel('marginal', conversions)).toBe('cost of the next conversion of at most');
	});

	it('says the budget found for each kind of target', () => {
		expect(
			targetSentence(result({ target: { kind: 'kpi', value: 130_000 }, status: 'met' }), revenue)
		).toBe('To reach 130K revenue per week, spend 52.3K per week (today 40K per week).');
		expect(
			targetSentence(
				result({ target: { kind: 'efficiency', value: 1 / 25 }, status: 'met' }),
				conversions
			)
		).toContain('The most you can spend with a cost per conversion of at most 25: 52.3K per week');
		expect(
			targetSentence(result({ target: { kind: 'marginal', value: 1.2 }, status: 'met' }), revenue)
		).toContain('beyond it the next unit of spend returns less than 1.20');
	});

	it('says when the limits stop the budget, and when nothing reaches the target', () => {
		expect(
			targetSentence(
				result({
					target: { kind: 'efficiency', value: 2 },
					status: 'ceiling',
					budget: 120_000,
					at: 120_000
				}),
				revenue
			)
		).toContain('Even with every channel at its maximum (120K per week) the ROAS is 2.50');
		expect(
			targetSentence(
				result({ target: { kind: 'kpi', value: 1e9 }, status: 'unreachable', budget: null }),
				revenue
			)
		).toBe(
			'Within the channel limits the curves reach at most 130K revenue per week (at 52.3K per week); raise the maximums or lower the target.'
		);
		expect(
			targetSentence(
				result({ target: { kind: 'efficiency', value: 9 }, status: 'unreachable', budget: null }),
				revenue
			)
		).toBe('No budget reaches that: the best ROAS the curves allow is 2.50 (at 52.3K per week).');
		expect(
			targetSentence(
				result({
					target: { kind: 'efficiency', value: 9 },
					status: 'unreachable',
					budget: null,
					at: 120
				}),
				revenue
			)
		).toBe(
			'No budget reaches that: the best ROAS the curves allow is 2.50 (on the first units of spend).'
		);
		expect(
			targetSentence(
				result({
					target: { kind: 'marginal', value: 1 },
					status: 'unreachable',
					budget: null,
					marginal: 0.05
				}),
				conversions
			)
		).toBe('Even the first units of spend cost more than that per extra conversion (20 at best).');
	});

	it("states today's split to pick a target from", () => {
		expect(todayText(100_000, revenue)).toBe(
			'Today’s split: 100K revenue per week from the media, ROAS 2.50.'
		);
		expect(todayText(2_000, conversions)).toBe(
			'Today’s split: 2K conversions per week from the media, cost per conversion 20.'
		);
	});
});
