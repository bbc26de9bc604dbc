import { afterEach, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../../tests/unit/mmm-fixtures';
import type { Dataset } from '../data/dataset';
import { fitMmm, type MmmOptions } from '../data/mmm';
import { MmmBridge, type WorkerLike } from './mmm-bridge';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * The worker's API exposed on one end of a MessageChannel (structured clone, as through a
 * Worker), running the real fit; a dataset named 'hang' never answers.
 */
function fakeWorkers() {
	const created: FakeWorkerRecord[] = [];
	const api = {
		async fit(
			dataset: Dataset,
			options: MmmOptions,
			onProgress?: (done: number, total: number) => void
		) {
			if (dataset.name === 'hang') return new Promise(() => {});
			return fitMmm(dataset, options, {
				onProgress: onProgress ? (d, t) => void onProgress(d, t) : undefined
			});
		}
	};
	const create = (): WorkerLike => {
		return fakeWorker(api, created);
	};
	return { create, created };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { dataset } = syntheticDataset();
const FAST = { effort: 'fast', draws: 10 } as const;

describe('MmmBridge', () => {
	let bridge: MmmBridge | null = null;
	afterEach(() => bridge?.terminate());

	it('starts the worker on the first fit, forwards progress and returns the fit as plain data', async () => {
		const workers = fakeWorkers();
		bridge = new MmmBridge(workers.create);
		expect(workers.created.length).toBe(0);
		const progress: number[] = [];
		const fit = await bridge.fit(dataset, FAST, {
			onProgress: (done, total) => progress.push(done / total)
		});
		expect(fit.channels.map((c) => c.id)).toEqual(['ch0', 'ch1', 'ch2']);
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.every((p) => p >= 0 && p <= 1)).toBe(true);
		expect(workers.created.length).toBe(1);
	});

	it('cancels through the AbortSignal by terminating the worker, then starts afresh', async () => {
		const workers = fakeWorkers();
		bridge = new MmmBridge(workers.create);
		const controller = new AbortController();
		const run = bridge.fit({ ...dataset, name: 'hang' }, FAST, { signal: controller.signal });
		await sleep(5);
		controller.abort();
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
		expect(workers.created[0].terminated).toBe(true);
		const aborted = new AbortController();
		aborted.abort();
		await expect(bridge.fit(dataset, FAST, { signal: aborted.signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
		expect(workers.created.length).toBe(1);
	});

	it('lets the latest fit supersede a stale one', async () => {
		const workers = fakeWorkers();
		bridge = new MmmBridge(workers.create);
		const stale = bridge.fit({ ...dataset, name: 'hang' }, FAST);
		const latest = bridge.fit(dataset, FAST);
		await expect(stale).rejects.toThrow(/Superseded/);
		expect((await latest).channels.length).toBe(3);
		expect(workers.created.map((w) => w.terminated)).toEqual([true, false]);
	});

	it('rejects with the fit’s own message for data it cannot fit', async () => {
		bridge = new MmmBridge(fakeWorkers().create);
		await expect(bridge.fit(dataset, { draws: 1 })).rejects.toThrow(/draws must be a whole number/);
	});
});
