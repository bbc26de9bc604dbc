import { describe, expect, it } from 'vitest';
import { runHeadline } from './headline';
import { cleanName, defaultRunName, joinRun, readRunSummary, runRecords } from './run-record';
import { smallRun } from './test-run';

const run = smallRun();

describe('run records', () => {
	it('splits a run into a summary for the list and the data, under one id', () => {
		const { summary, data } = runRecords(
			{ ...run, name: '  First   try ' },
			'id-1',
			1_700_000_000_000
		);
		expect(summary).toMatchObject({
			id: 'id-1',
			name: 'First try',
			createdAt: 1_700_000_000_000,
			scenarioName: run.result.scenarioName,
			preset: 'two-channels',
			objective: 'ltv-profit',
			seeds: 2,
			firstSeed: run.config.firstSeed,
			days: 21
		});
		expect(summary.policies.map((p) => p.id)).toEqual(['bau-fixed', 'thompson', 'ucb1', 'oracle']);
		expect(data).toEqual({
			id: 'id-1',
			result: run.result,
			config: run.config,
			scenario: run.scenario
		});
		// The list never needs the series: the summary holds none.
		expect(JSON.stringify(summary).length).toBeLessThan(2000);
		expect(joinRun(summary, data)).toEqual({ ...summary, ...data });
	});

	it('names a run after its best policy when no name is given', () => {
		const { summary } = runRecords(run, 'id-2', 0);
		const headline = runHeadline(run.result);
		expect(summary.name).toBe(defaultRunName(run.result));
		expect(summary.name).toBe(
			`${headline.best!.name} vs ${headline.baseline.name} on ${run.result.scenarioName}`
		);
		expect(runRecords({ ...run, name: '   ' }, 'id-3', 0).summary.name).toBe(summary.name);
	});

	it('refuses empty and overlong names', () => {
		expect(cleanName(' a\tb ')).toBe('a b');
		expect(cleanName('')).toBeNull();
		expect(cleanName('x'.repeat(121))).toBeNull();
		expect(cleanName('x'.repeat(120))).toHaveLength(120);
	});

	it('skips stored summaries it cannot read, and incomplete data', () => {
		const { summary, data } = runRecords(run, 'id-4', 5);
		expect(readRunSummary(structuredClone(summary))).toEqual(summary);
		for (const broken of [
			null,
			3,
			[],
			{ ...summary, id: 4 },
			{ ...summary, objective: 'likes' },
			{ ...summary, headline: null }
		]) {
			expect(readRunSummary(broken)).toBeNull();
		}
		expect(joinRun(summary, { ...data, id: 'other' })).toBeNull();
		expect(joinRun(summary, { ...data, result: null })).toBeNull();
		expect(joinRun(summary, undefined)).toBeNull();
	});
});

describe('run headline', () => {
	it('compares the best learner with the baseline on the objective’s metric', () => {
		const h = runHeadline(run.result);
		const policies = run.result.policies;
		const learners = policies.filter((p) => p.id === 'thompson' || p.id === 'ucb1');
		const best = learners.reduce((a, b) =>
			b.metrics.ltvProfit.value.mean > a.metrics.ltvProfit.value.mean ? b : a
		);
		expect(h.metric).toBe('ltvProfit');
		expect(h.metricLabel).toBe('LTV-profit');
		expect(h.baseline).toEqual({
			id: 'bau-fixed',
			name: policies[0].name,
			mean: policies[0].metrics.ltvProfit.value.mean
		});
		expect(h.best).toEqual({
			id: best.id,
			name: best.name,
			mean: best.metrics.ltvProfit.value.mean
		});
		const diff = best.metrics.ltvProfit.vsBaseline;
		expect(h.vsBaseline).toEqual({ mean: diff.mean, low: diff.low, high: diff.high });
		expect(h.shareOfOracle!.mean).toBe(best.shareOfOracle.mean);
		expect(h.currency).toBe('USD');
	});

	it('judges a revenue pilot on incremental revenue and a clicks pilot on profit', () => {
		expect(runHeadline({ ...run.result, objective: 'revenue' })).toMatchObject({
			metric: 'incRevenue',
			unit: 'money'
		});
		expect(runHeadline({ ...run.result, objective: 'conversions' })).toMatchObject({
			metric: 'incConversions',
			unit: 'count'
		});
		expect(runHeadline({ ...run.result, objective: 'clicks' }).metric).toBe('ltvProfit');
	});

	it('has no best policy when only the baseline and the oracle ran', () => {
		const only = {
			...run.result,
			policies: run.result.policies.filter((p) => p.id === 'bau-fixed' || p.id === 'oracle')
		};
		expect(runHeadline(only)).toMatchObject({ best: null, vsBaseline: null, shareOfOracle: null });
	});
});
