import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/unit/report-fixture';
import { intervalText, meanText, metricRows, rangeText, verdictOf } from './metric-rows';

const est = (mean: number, low: number, high: number) => ({ mean, low, high, sd: 1, n: 3 });
const fmt = (v: number) => v.toFixed(0);

describe('verdictOf', () => {
	it('calls a difference whose interval excludes zero better or worse', () => {
		expect(verdictOf(est(5, 1, 9), false)).toBe('better');
		expect(verdictOf(est(-5, -9, -1), false)).toBe('worse');
		expect(verdictOf(est(5, -1, 9), false)).toBe('unclear');
	});

	it('says when one seed gives no interval, and marks the baseline', () => {
		expect(verdictOf(est(5, -Infinity, Infinity), false)).toBe('too-few-seeds');
		expect(verdictOf(est(0, 0, 0), true)).toBe('baseline');
	});
});

describe('intervalText', () => {
	it('writes the mean and its interval', () => {
		expect(intervalText(est(10, 8, 12), fmt)).toBe('10 (8 to 12)');
	});
	it('says when there is no interval yet, no value, or a payback that never comes', () => {
		expect(intervalText(est(10, -Infinity, Infinity), fmt)).toBe('10 (no interval yet)');
		expect(intervalText(est(NaN, NaN, NaN), fmt)).toBe('—');
		expect(intervalText(est(Infinity, Infinity, Infinity), fmt)).toBe('never');
	});
});

describe('meanText and rangeText', () => {
	it('split the estimate into the mean and a range line', () => {
		expect(meanText(est(10, 8, 12), fmt)).toBe('10');
		expect(rangeText(est(10, 8, 12), fmt)).toBe('8 to 12');
		expect(rangeText(est(10, -Infinity, Infinity), fmt)).toBe('no interval yet');
		expect(meanText(est(Infinity, Infinity, Infinity), fmt)).toBe('never');
		expect(rangeText(est(Infinity, Infinity, Infinity), fmt)).toBe('');
	});
});

describe('metricRows', () => {
	const { result } = reportFixture(3);
	const rows = metricRows(result);

	it('has one row per policy in the pilot order, baseline and oracle marked', () => {
		expect(rows.map((r) => r.id)).toEqual(['bau-fixed', 'thompson', 'oracle']);
		expect(rows[0]).toMatchObject({ isBaseline: true, verdict: 'baseline' });
		expect(rows[2].isOracle).toBe(true);
	});

	it('takes the values from the summary and the oracle has all of itself', () => {
		const thompson = result.policies[1];
		expect(rows[1].ltvProfit).toEqual(thompson.metrics.ltvProfit.value);
		expect(rows[1].vsBaseline).toEqual(thompson.metrics.ltvProfit.vsBaseline);
		expect(rows[2].shareOfOracle.mean).toBeCloseTo(1, 12);
	});

	it('with one seed there are no intervals and no verdicts', () => {
		const one = metricRows(reportFixture(1).result);
		expect(one[1].verdict).toBe('too-few-seeds');
	});
});
