import { describe, expect, it } from 'vitest';
import type { RunRequest, RunSummary } from './run-summary';
import { SimulationRun, type SimulationRunner } from './simulation-run.svelte';

interface Call {
	request: RunRequest;
	signal?: AbortSignal;
	progress: (done: number, days: number) => void;
	resolve: (summary: RunSummary) => void;
	reject: (error: Error) => void;
}

/** A runner whose runs finish when the test says so. Aborting rejects, like the bridge. */
function manualRunner() {
	const calls: Call[] = [];
	const runner: SimulationRunner = {
		run: (request, { signal, onProgress }) =>
			new Promise<RunSummary>((resolve, reject) => {
				signal?.addEventListener('abort', () =>
					reject(new DOMException('The simulation was cancelled.', 'AbortError'))
				);
				calls.push({ request, signal, progress: onProgress ?? (() => {}), resolve, reject });
			})
	};
	return { runner, calls };
}

const summaryOf = (name: string, days: number) =>
	({ days, scenario: { name } }) as unknown as RunSummary;

describe('SimulationRun', () => {
	it('goes from running with progress to done with the summary', async () => {
		const { runner, calls } = manualRunner();
		const run = new SimulationRun(runner);
		expect(run.status).toBe('idle');
		const started = run.start({ preset: 'dtc-default' });
		expect(run.status).toBe('running');
		calls[0].progress(73, 365);
		expect(run.daysDone).toBe(73);
		expect(run.days).toBe(365);
		expect(run.progress).toBeCloseTo(0.2, 10);
		calls[0].resolve(summaryOf('dtc', 365));
		await started;
		expect(run.status).toBe('done');
		expect(run.summary?.scenario.name).toBe('dtc');
		expect(run.progress).toBe(1);
	});

	it('keeps only the latest run: a superseded run’s progress and result are ignored', async () => {
		const { runner, calls } = manualRunner();
		const run = new SimulationRun(runner);
		const first = run.start({ preset: 'a' });
		const second = run.start({ preset: 'b' });
		expect(calls[0].signal?.aborted).toBe(true);
		calls[0].progress(300, 365);
		expect(run.daysDone).toBe(0);
		await first;
		expect(run.status).toBe('running');
		calls[1].resolve(summaryOf('b', 30));
		await second;
		expect(run.status).toBe('done');
		expect(run.summary?.scenario.name).toBe('b');
	});

	it('reports a failure in words and keeps the previous result', async () => {
		const { runner, calls } = manualRunner();
		const run = new SimulationRun(runner);
		const ok = run.start({ preset: 'a' });
		calls[0].resolve(summaryOf('a', 10));
		await ok;
		const failed = run.start({ preset: 'broken' });
		calls[1].reject(new Error('The scenario is invalid: dailyBudget: must be > 0'));
		await failed;
		expect(run.status).toBe('error');
		expect(run.error).toBe('The scenario is invalid: dailyBudget: must be > 0');
		expect(run.summary?.scenario.name).toBe('a');
	});

	it('can be cancelled', async () => {
		const { runner, calls } = manualRunner();
		const run = new SimulationRun(runner);
		const started = run.start({ preset: 'a' });
		run.cancel();
		await started;
		expect(calls[0].signal?.aborted).toBe(true);
		expect(run.status).toBe('cancelled');
		expect(run.error).toBeNull();
	});
});
