import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressCallback, RunRequest, RunSummary } from '../app/run-summary';
import { SimBridge } from './sim-bridge';
import { isAbortError, type WorkerLike } from './worker-client';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * A stand-in for the worker: the API is exposed on one end of a MessageChannel, the bridge talks
 * to the other, exactly as through a Worker. The preset name picks the behaviour.
 */
function fakeWorkers() {
	const created: FakeWorkerRecord[] = [];
	const api = {
		async run(request: RunRequest, onProgress?: ProgressCallback): Promise<RunSummary> {
			const name = 'preset' in request ? (request.preset ?? '') : '';
			if (name === 'fail') throw new Error('Unknown preset "fail".');
			if (name === 'hang') return new Promise<RunSummary>(() => {});
			await onProgress?.(1, 2);
			await onProgress?.(2, 2);
			return { days: 2, scenario: { name } } as unknown as RunSummary;
		}
	};
	const create = (): WorkerLike => {
		return fakeWorker(api, created);
	};
	return { create, created };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SimBridge', () => {
	let bridge: SimBridge | null = null;
	afterEach(() => bridge?.terminate());

	it('starts its worker only on the first run, forwards progress and returns the result', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create);
		expect(workers.created.length).toBe(0);
		const progress: [number, number][] = [];
		const result = await bridge.run(
			{ preset: 'ok' },
			{ onProgress: (done, days) => progress.push([done, days]) }
		);
		expect(result.scenario.name).toBe('ok');
		expect(progress).toEqual([
			[1, 2],
			[2, 2]
		]);
		expect(workers.created.length).toBe(1);
		expect(bridge.busy).toBe(false);
		await bridge.run({ preset: 'ok' });
		expect(workers.created.length).toBe(1);
	});

	it('shuts the worker down when idle and starts a fresh one for the next run', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create, { idleMs: 20 });
		await bridge.run({ preset: 'ok' });
		expect(bridge.started).toBe(true);
		await sleep(60);
		expect(bridge.started).toBe(false);
		expect(workers.created[0].terminated).toBe(true);
		await bridge.run({ preset: 'ok' });
		expect(workers.created.length).toBe(2);
		expect(workers.created[1].terminated).toBe(false);
	});

	it('cancels a run through its AbortSignal by terminating the worker', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create);
		const controller = new AbortController();
		const run = bridge.run({ preset: 'hang' }, { signal: controller.signal });
		await sleep(5);
		controller.abort();
		const error = await run.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created[0].terminated).toBe(true);
		expect(bridge.busy).toBe(false);
		expect((await bridge.run({ preset: 'ok' })).days).toBe(2);
	});

	it('does not start anything for a signal that is already aborted', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create);
		const controller = new AbortController();
		controller.abort();
		const error = await bridge.run({ preset: 'ok' }, { signal: controller.signal }).catch((e) => e);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created.length).toBe(0);
	});

	it('lets the latest run supersede a stale one', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create);
		const stale = bridge.run({ preset: 'hang' });
		const latest = bridge.run({ preset: 'ok' });
		const error = await stale.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect((error as Error).message).toMatch(/Superseded/);
		expect((await latest).scenario.name).toBe('ok');
		expect(workers.created.map((w) => w.terminated)).toEqual([true, false]);
	});

	it('rejects with the worker’s error message', async () => {
		bridge = new SimBridge(fakeWorkers().create);
		await expect(bridge.run({ preset: 'fail' })).rejects.toThrow('Unknown preset "fail".');
		expect(bridge.busy).toBe(false);
	});

	it('fails the run in progress when the worker itself errors', async () => {
		const workers = fakeWorkers();
		bridge = new SimBridge(workers.create);
		const run = bridge.run({ preset: 'hang' });
		const event = new Event('error') as Event & { message: string };
		event.message = 'SyntaxError in sim.worker.ts';
		workers.created[0].port.dispatchEvent(event);
		await expect(run).rejects.toThrow('The simulator stopped: SyntaxError in sim.worker.ts');
		expect(workers.created[0].terminated).toBe(true);
	});
});
