import { describe, expect, it } from 'vitest';
import { handFit } from '../../../../tests/unit/mmm-fixtures';
import { budgetScenarios, optimalSplit } from './split';
import { responseAt } from './transform';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('optimalSplit', () => {
	const fit = handFit();
	const total = 500;

	it('spends exactly the total and stays within every bound', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi', min: { b: 120 }, max: { a: 260 } });
		expect(sum(split.channels.map((c) => c.recommended))).toBeCloseTo(total, 6);
		for (const ch of split.channels) {
			expect(ch.recommended).toBeGreaterThanOrEqual(ch.min - 1e-9);
			expect(ch.recommended).toBeLessThanOrEqual(ch.max + 1e-9);
		}
		expect(split.channels.find((c) => c.id === 'a')?.binding).toBe('max');
		expect(split.channels.find((c) => c.id === 'a')?.recommended).toBeCloseTo(260, 6);
		expect(split.channels.find((c) => c.id === 'b')?.recommended).toBeGreaterThanOrEqual(120);
		// The S-shaped channel pays only past its threshold, which this budget cannot reach.
		expect(split.channels.find((c) => c.id === 'c')?.binding).toBe('min');
		expect(split.fullySpent).toBe(true);
	});

	it('beats the current split on the fitted curves, with the change interval above zero', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi' });
		const current = sum(fit.channels.map((c) => responseAt(c.curve, c.currentSpend)));
		const recommended = sum(
			split.channels.map((c, i) => responseAt(fit.channels[i].curve, c.recommended))
		);
		expect(recommended).toBeGreaterThan(current * 1.05);
		expect(split.kpiChange.mean).toBeCloseTo(recommended - current, 6);
		expect(split.kpiChange.low).toBeGreaterThan(0);
		expect(split.kpiChange.low).toBeLessThanOrEqual(split.kpiChange.high);
	});

	it('brings the channels off their bounds to the same marginal return', () => {
		const wide = { a: 1000, b: 1000, c: 1000 };
		const split = optimalSplit(fit, { total, objective: 'kpi', max: wide });
		const free = split.channels.filter((c) => c.binding === null);
		expect(free.length).toBeGreaterThanOrEqual(2);
		for (const ch of free) expect(ch.mroasRecommended).toBeCloseTo(split.marginalReturn, 2);
	});

	it('moves budget away from the saturated channel and says why', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi' });
		const b = split.channels.find((c) => c.id === 'b')!;
		expect(b.recommended).toBeLessThan(b.current);
		expect(
			split.explanation.some((line) => line.startsWith('B loses') && line.includes('ceiling'))
		).toBe(true);
		expect(split.explanation.some((line) => line.startsWith('A gains'))).toBe(true);
	});

	it('stops spending for profit where an extra unit returns less than it costs', () => {
		const split = optimalSplit(fit, { total: 5000, objective: 'profit' });
		expect(split.fullySpent).toBe(false);
		for (const ch of split.channels.filter((c) => c.binding === null)) {
			expect(ch.mroasRecommended).toBeCloseTo(1, 1);
		}
		expect(split.explanation.some((line) => line.includes('less than it costs'))).toBe(true);
	});

	it('says when all channels are at their maximum and the budget cannot be placed', () => {
		const split = optimalSplit(fit, {
			total: 10_000,
			objective: 'kpi',
			max: { a: 100, b: 100, c: 100 }
		});
		expect(split.fullySpent).toBe(false);
		expect(split.explanation.some((line) => line.includes('Raise the maximums'))).toBe(true);
	});

	it('rejects impossible budgets and unknown channels with a clear message', () => {
		expect(() => optimalSplit(fit, { total, objective: 'kpi', min: { a: 250, b: 300 } })).toThrow(
			/minimums add up/
		);
		expect(() => optimalSplit(fit, { total, objective: 'kpi', max: { zzz: 1 } })).toThrow(
			/no channel has the id "zzz"/
		);
		expect(() => optimalSplit(fit, { total: -1, objective: 'kpi' })).toThrow(/budget/);
		expect(() =>
			optimalSplit({ ...fit, valuePerKpi: null }, { total, objective: 'profit' })
		).toThrow(/valuePerKpi/);
	});
});

describe('budgetScenarios', () => {
	it('gives −20 %, same and +20 % budgets, each fully spent, with rising KPI', () => {
		const scenarios = budgetScenarios(handFit(), 500);
		expect(scenarios.map((s) => s.factor)).toEqual([0.8, 1, 1.2]);
		expect(scenarios.map((s) => s.split.total)).toEqual([400, 500, 600]);
		const kpi = scenarios.map((s) => s.split.kpiRecommended.mean);
		expect(kpi[0]).toBeLessThan(kpi[1]);
		expect(kpi[1]).toBeLessThan(kpi[2]);
	});
});
