import { describe, expect, it } from 'vitest';
import { joinRun, runRecords } from '$lib/storage/run-record';
import { smallRun } from '$lib/storage/test-run';
import type { SavedRun } from '$lib/storage';
import { compareRuns } from './run-compare';

function saved(objective: string, id: string, guardrails?: object): SavedRun {
	const run = smallRun(objective);
	if (guardrails)
		run.config = { ...run.config, guardrails: { ...run.config.guardrails, ...guardrails } };
	const { summary, data } = runRecords(run, id, 0);
	return joinRun(summary, data)!;
}

const profit = saved('ltv-profit', 'a');
const revenue = saved('revenue', 'b', { maxShiftPct: 7 });

describe('comparing two runs', () => {
	it('marks the settings that differ, guardrails field by field', () => {
		const { settings } = compareRuns(profit, revenue);
		const byLabel = Object.fromEntries(settings.map((s) => [s.label, s]));
		expect(byLabel.Objective).toEqual({
			label: 'Objective',
			a: 'ltv-profit',
			b: 'revenue',
			differs: true
		});
		expect(byLabel.Scenario.differs).toBe(false);
		expect(byLabel['Guardrail maxShiftPct']).toMatchObject({ b: '7', differs: true });
		expect(settings.filter((s) => s.label.startsWith('Guardrail'))).toHaveLength(1);
		expect(compareRuns(profit, profit).settings.every((s) => !s.differs)).toBe(true);
		expect(compareRuns(profit, profit).settings.at(-1)).toMatchObject({ label: 'Guardrails' });
	});

	it('matches policies by id and takes the second run’s mean minus the first’s', () => {
		const { policies, sameCurrency } = compareRuns(profit, revenue);
		expect(sameCurrency).toBe(true);
		expect(policies.map((p) => p.id)).toEqual(profit.result.policies.map((p) => p.id));
		const oracle = policies.find((p) => p.id === 'oracle')!;
		const mean = (run: SavedRun) =>
			run.result.policies.find((p) => p.id === 'oracle')!.metrics.ltvProfit.value.mean;
		expect(oracle.change).toBe(mean(revenue) - mean(profit));
		expect(oracle.ltvProfit[1]!.mean).toBe(mean(revenue));
	});

	it('shows a policy that ran in one run only, with no change', () => {
		const fewer: SavedRun = {
			...revenue,
			result: {
				...revenue.result,
				policies: revenue.result.policies.filter((p) => p.id !== 'ucb1')
			}
		};
		const ucb = compareRuns(profit, fewer).policies.find((p) => p.id === 'ucb1')!;
		expect(ucb.ltvProfit[1]).toBeNull();
		expect(ucb.ltvProfit[0]).not.toBeNull();
		expect(ucb.change).toBeNull();
	});

	it('takes no differences across currencies', () => {
		const euros: SavedRun = { ...revenue, result: { ...revenue.result, currency: 'EUR' } };
		const compared = compareRuns(profit, euros);
		expect(compared.sameCurrency).toBe(false);
		expect(compared.policies.every((p) => p.change === null)).toBe(true);
	});
});
