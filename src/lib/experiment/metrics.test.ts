import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { createBauFixed } from '../policies/bau-fixed';
import { cumulativeMargin, retentionClasses } from '../sim/cohort';
import { loadPreset } from '../sim/presets';
import { runMetrics } from './metrics';
import { runPolicy } from './runner';

const scenario = { ...loadPreset('dtc-default'), days: 60, history: { days: 14, flighting: 0.3 } };
const shares = Object.fromEntries(scenario.channels.map((c) => [c.id, c.historicalShare]));
const run = runPolicy(scenario, createBauFixed({ kind: 'bau-fixed', shares }), {
	seed: 3,
	objective: 'ltv-profit',
	guardrails: DEFAULT_GUARDRAILS
});
const metrics = runMetrics(run, scenario.dailyBudget);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('run metrics', () => {
	it('count the pilot only, and add up across channels, segments and days', () => {
		const { C, K, S } = run.trace;
		const pilotSpend = sum(run.trace.observables.spend.subarray(14 * C * K * S, 74 * C * K * S));
		expect(metrics.spend).toBeCloseTo(pilotSpend, 6);
		expect(sum(metrics.channels.spend)).toBeCloseTo(metrics.spend, 6);
		expect(sum(metrics.segments.spend)).toBeCloseTo(metrics.spend, 6);
		expect(sum(metrics.dailySpend)).toBeCloseTo(metrics.spend, 6);
		expect(sum(metrics.dailyLtvProfit)).toBeCloseTo(metrics.ltvProfit, 4);
		expect(metrics.ltvProfit).toBeCloseTo(metrics.incLtvMargin - metrics.spend, 6);
		expect(metrics.budgetUsed).toBeCloseTo(metrics.spend / (scenario.dailyBudget * 60), 12);
	});

	it('report ROAS as revenue ÷ spend and CPA as spend ÷ conversions, true and claimed', () => {
		expect(metrics.trueRoas).toBeCloseTo(metrics.incRevenue / metrics.spend, 12);
		expect(metrics.cpa).toBeCloseTo(metrics.spend / metrics.incConversions, 12);
		expect(metrics.platformRoas).toBeGreaterThan(metrics.trueRoas); // platforms over-claim
	});

	it('find the payback day where the customers’ cumulative margin first covers the spend', () => {
		const p = run.market.params;
		const margin = (age: number) =>
			metrics.segments.customers.reduce((acc, n, s) => {
				const seg = scenario.segments[s];
				const params = {
					retentionAlpha: seg.retention.alpha,
					retentionBeta: seg.retention.beta,
					repeatOrdersPerMonth: seg.repeatOrdersPerMonth,
					orderValue: seg.orderValue,
					margin: seg.margin
				};
				return acc + n * cumulativeMargin(params, retentionClasses(params, 1), age, p.stepsPerDay);
			}, 0);
		const day = metrics.paybackDays;
		if (day > 0) expect(margin(day - 1)).toBeLessThan(metrics.spend);
		expect(margin(day)).toBeGreaterThanOrEqual(metrics.spend);
	});

	it('see no pacing error when a fixed split is delivered as planned, and a bounded frequency share', () => {
		expect(metrics.pacingError).toBeLessThan(0.02);
		expect(metrics.overFrequencyShare).toBeGreaterThan(0);
		expect(metrics.overFrequencyShare).toBeLessThan(1);
		expect(metrics.reachDisparity).toBeGreaterThanOrEqual(0);
		expect(metrics.reachDisparity).toBeLessThanOrEqual(1);
	});
});
