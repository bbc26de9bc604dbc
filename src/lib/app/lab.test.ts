import { describe, expect, it } from 'vitest';
import type { PilotResult, SeedResult } from '../experiment/pilot';
import { PilotInterrupted } from '../workers/pilot-interrupted';
import { loadPreset } from '../sim/presets';
import { labHeadline } from './lab-headline';
import { runHeadline } from '../storage/headline';
import { defaultRunName } from '../storage/run-record';
import { Lab, type PilotRunner, type RunStore, type SaveOutcome } from './lab.svelte';
import type { PilotSnapshot } from './pilot-analyst';
import type { PilotCurves } from './pilot-curves';

/** A summary with `seeds` seeds whose policies have the given mean LTV-profits. */
function resultOf(seeds: number[], means: Record<string, number>, baseline = 'bau-fixed') {
	const estimate = (mean: number) => ({
		mean,
		low: mean - 1,
		high: mean + 1,
		sd: 1,
		n: seeds.length
	});
	return {
		scenarioName: 'DTC brand (default)',
		objective: 'ltv-profit',
		seeds,
		days: 365,
		currency: 'USD',
		baseline,
		logs: {},
		policies: Object.entries(means).map(([id, mean]) => ({
			id,
			name: id,
			metrics: {
				ltvProfit: { value: estimate(mean), vsBaseline: estimate(mean - means[baseline]) }
			},
			shareOfOracle: estimate(mean / means.oracle)
		}))
	} as unknown as PilotResult;
}

const snapshot = (seeds: number[]): PilotSnapshot => ({
	result: resultOf(seeds, { 'bau-fixed': 10, 'ts-curve': 12, oracle: 13 }),
	fingerprint: `fp-${seeds.length}`,
	curves: {} as PilotCurves
});

/** A runner that reports what the test says and finishes when told; aborting rejects. */
function manualRunner() {
	const calls: {
		seeds: number;
		snapshot: (s: PilotSnapshot) => void;
		finish: (s: PilotSnapshot) => void;
		fail: (e: Error) => void;
		signal?: AbortSignal;
		completed?: readonly SeedResult[];
	}[] = [];
	const runner: PilotRunner = {
		run: ({ config }, { signal, onSnapshot, completed }) =>
			new Promise((resolve, reject) => {
				signal?.addEventListener('abort', () =>
					reject(new DOMException('cancelled', 'AbortError'))
				);
				calls.push({
					seeds: config.seeds,
					signal,
					completed,
					snapshot: (s) => onSnapshot?.(s),
					finish: (s) => resolve({ ...s, details: null }),
					fail: reject
				});
			}),
		summarizeSeeds: async (_request, completed) => snapshot(completed.map((r) => r.seed))
	};
	return { runner, calls };
}

function store(outcome: SaveOutcome | Error) {
	const saved: unknown[] = [];
	const value: RunStore = {
		save: async (run) => {
			saved.push(run);
			if (outcome instanceof Error) throw outcome;
			return outcome;
		},
		rename: async (id, name) => ({ ok: true, value: { id, name } })
	};
	return { value, saved };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Lab', () => {
	it('shows results as they arrive, then saves the finished pilot', async () => {
		const { runner, calls } = manualRunner();
		const runs = store({ ok: true, value: { id: 'r1', name: 'ts-curve vs bau-fixed' } });
		const lab = new Lab(runner, runs.value);
		lab.form.seeds = 2;
		const done = lab.run();
		expect(lab.status).toBe('running');
		calls[0].snapshot(snapshot([42]));
		expect(lab.shown?.complete).toBe(false);
		expect(lab.shown?.fingerprint).toBe('fp-1');
		calls[0].finish(snapshot([42, 43]));
		await done;
		expect(lab.status).toBe('done');
		expect(lab.shown?.complete).toBe(true);
		expect(lab.save).toEqual({ state: 'saved', id: 'r1', name: 'ts-curve vs bau-fixed' });
		expect(runs.saved).toHaveLength(1);
		expect(runs.saved[0]).toMatchObject({ preset: 'dtc-default' });
		expect(await lab.rename('Spring test')).toBeNull();
		expect(lab.save).toMatchObject({ state: 'saved', name: 'Spring test' });
	});

	it('keeps the results on screen when saving fails, and can save again', async () => {
		const { runner, calls } = manualRunner();
		const lab = new Lab(runner, store(new Error('QuotaExceededError')).value);
		lab.form.seeds = 1;
		const done = lab.run();
		calls[0].finish(snapshot([42]));
		await done;
		expect(lab.status).toBe('done');
		expect(lab.shown?.result.seeds).toEqual([42]);
		expect(lab.save).toEqual({ state: 'error', message: 'QuotaExceededError' });
	});

	it('cancels: the seeds done stay on screen and nothing is saved', async () => {
		const { runner, calls } = manualRunner();
		const runs = store({ ok: true, value: { id: 'x', name: 'x' } });
		const lab = new Lab(runner, runs.value);
		lab.form.seeds = 3;
		const done = lab.run();
		calls[0].snapshot(snapshot([42]));
		lab.cancel();
		await done;
		expect(lab.status).toBe('cancelled');
		expect(lab.shown?.result.seeds).toEqual([42]);
		expect(runs.saved).toHaveLength(0);
	});

	it('says when a worker stopped, saves nothing, and retries only the missing seeds', async () => {
		const { runner, calls } = manualRunner();
		const runs = store({ ok: true, value: { id: 'r1', name: 'x' } });
		const lab = new Lab(runner, runs.value);
		lab.form.seeds = 3;
		const first = lab.run();
		calls[0].snapshot(snapshot([42]));
		const kept = [42, 43].map((seed) => ({ seed }) as SeedResult);
		calls[0].fail(new PilotInterrupted('out of memory', kept));
		await first;
		await flush();
		expect(lab.status).toBe('error');
		expect(lab.error).toBe(
			'A simulation worker stopped unexpectedly: out of memory; no results were lost — the 2 seeds finished are kept.'
		);
		expect(lab.interrupted).toMatchObject({ seedsKept: 2, seeds: 3 });
		expect(lab.shown?.result.seeds).toEqual([42, 43]);
		expect(runs.saved).toHaveLength(0);

		// The form changes meanwhile: the retry still finishes the interrupted pilot.
		lab.form.seeds = 9;
		const second = lab.retry();
		expect(lab.status).toBe('running');
		expect(lab.interrupted).toBeNull();
		expect(calls[1].seeds).toBe(3);
		expect(calls[1].completed).toBe(kept);
		calls[1].finish(snapshot([42, 43, 44]));
		await second;
		expect(lab.status).toBe('done');
		expect(runs.saved).toHaveLength(1);
		expect(lab.save).toMatchObject({ state: 'saved', id: 'r1' });
	});

	it('reports other failures in words, with nothing to retry', async () => {
		const { runner, calls } = manualRunner();
		const lab = new Lab(runner, store({ ok: true, value: { id: 'x', name: 'x' } }).value);
		lab.form.seeds = 1;
		const done = lab.run();
		calls[0].fail(new Error('The scenario is invalid.'));
		await done;
		expect(lab.status).toBe('error');
		expect(lab.error).toBe('The scenario is invalid.');
		expect(lab.interrupted).toBeNull();
		await lab.retry();
		expect(calls).toHaveLength(1);
	});

	it('lets a new pilot supersede one in progress (latest wins)', async () => {
		const { runner, calls } = manualRunner();
		const lab = new Lab(runner, store({ ok: true, value: { id: 'x', name: 'x' } }).value);
		lab.form.seeds = 3;
		const first = lab.run();
		lab.form.seeds = 1;
		const second = lab.run();
		expect(calls[0].signal?.aborted).toBe(true);
		calls[0].snapshot(snapshot([1, 2, 3]));
		calls[1].finish(snapshot([42]));
		await Promise.all([first, second]);
		expect(lab.status).toBe('done');
		expect(lab.shown?.result.seeds).toEqual([42]);
		expect(lab.shown?.config.seeds).toBe(1);
	});

	it('does not run an invalid form, and says which field is wrong', async () => {
		const { runner, calls } = manualRunner();
		const lab = new Lab(runner, store({ ok: true, value: { id: 'x', name: 'x' } }).value);
		lab.form.seeds = null;
		expect(lab.valid).toBe(false);
		expect(lab.errors.seeds?.length).toBe(1);
		lab.form.seeds = 2;
		lab.budget = 0;
		expect(lab.budgetError).toMatch(/above 0/);
		await lab.run();
		await flush();
		expect(calls).toHaveLength(0);
		expect(lab.status).toBe('idle');
	});

	it('runs the chosen scenario with the form’s daily budget', () => {
		const lab = new Lab(
			manualRunner().runner,
			store({ ok: true, value: { id: 'x', name: 'x' } }).value
		);
		lab.choosePreset('two-channels');
		expect(lab.scenario).toBe(lab.base);
		expect(Object.keys(lab.form.channelRange)).toEqual(lab.base.channels.map((c) => c.id));
		lab.budget = 1234;
		expect(lab.scenario.dailyBudget).toBe(1234);
		expect(lab.scenario.name).toBe(loadPreset('two-channels').name);
		expect(lab.source).toEqual({ kind: 'preset', name: 'two-channels', preset: 'two-channels' });
	});
});

describe('labHeadline', () => {
	it('compares the best learning policy with the baseline, not a better BAU rule', () => {
		const result = resultOf([1, 2], {
			'bau-fixed': 10,
			'bau-manual-ops': 15,
			thompson: 11,
			'ts-curve': 12,
			oracle: 20
		});
		const headline = labHeadline(result);
		expect(headline.best?.id).toBe('ts-curve');
		expect(headline.baseline.id).toBe('bau-fixed');
		expect(headline.vsBaseline?.mean).toBe(2);
		expect(headline.shareOfOracle?.mean).toBeCloseTo(0.6);
		expect(headline.metricLabel).toBe('LTV-profit');
	});
	it('names the best learning policy even when a rule did better, in the Lab and the run name', () => {
		const result = {
			...resultOf([1, 2], { 'bau-fixed': 10, 'bau-manual-ops': 14, 'ts-curve': 13, oracle: 20 }),
			scenarioName: 'Test market'
		};
		expect(labHeadline(result).best?.id).toBe('ts-curve');
		expect(runHeadline(result).best?.id).toBe('ts-curve');
		expect(defaultRunName(result)).toBe('ts-curve vs bau-fixed on Test market');
		// Without a learning policy the saved run still names the best rule.
		const rules = resultOf([1], { 'bau-fixed': 10, 'bau-last-click': 12, oracle: 20 });
		expect(runHeadline(rules).best?.id).toBe('bau-last-click');
	});

	it('has no best policy when only rules ran', () => {
		const headline = labHeadline(
			resultOf([1], { 'bau-fixed': 10, 'bau-last-click': 9, oracle: 20 })
		);
		expect(headline.best).toBeNull();
		expect(headline.vsBaseline).toBeNull();
	});
});
