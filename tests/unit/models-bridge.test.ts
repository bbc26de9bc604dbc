/**
 * The models bridge with a stand-in worker (the API exposed on a MessageChannel, as through a
 * Worker): progress is forwarded, aborting training rejects with an AbortError and terminates
 * the worker, the next call starts a fresh one, and other calls pass through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ModelsBridge, type RlProgress } from '../../src/lib/workers/models-bridge';
import { isAbortError, type WorkerLike } from '../../src/lib/workers/worker-client';
import { fakeWorker, type FakeWorkerRecord } from '../../src/lib/workers/fake-worker';

function fakeWorkers(hang: boolean) {
	const created: FakeWorkerRecord[] = [];
	const saved: string[] = [];
	const api = {
		async backend() {
			return 'cpu';
		},
		async trainRl(_: unknown, onProgress: (p: RlProgress) => void) {
			for (let i = 1; i <= 2; i++) await onProgress({ report: { iteration: i } } as RlProgress);
			if (hang) await new Promise(() => {});
			return { report: { iteration: 2 } } as RlProgress;
		},
		async saveRl(url: string) {
			saved.push(url);
		}
	};
	const create = (): WorkerLike => {
		return fakeWorker(api, created);
	};
	return { create, created, saved };
}

describe('ModelsBridge', () => {
	let bridge: ModelsBridge | null = null;
	afterEach(() => bridge?.terminate());

	it('forwards training progress and resolves with the last iteration', async () => {
		const workers = fakeWorkers(false);
		bridge = new ModelsBridge(workers.create);
		const seen: number[] = [];
		const last = await bridge.trainRl({} as never, {
			onProgress: (p) => seen.push(p.report.iteration)
		});
		expect(seen).toEqual([1, 2]);
		expect(last?.report.iteration).toBe(2);
		expect(await bridge.backend()).toBe('cpu');
		expect(workers.created).toHaveLength(1);
	});

	it('cancels by terminating the worker; the next call starts a new one', async () => {
		const workers = fakeWorkers(true);
		bridge = new ModelsBridge(workers.create);
		const controller = new AbortController();
		const seen: number[] = [];
		const training = bridge.trainRl({} as never, {
			signal: controller.signal,
			onProgress: (p) => {
				seen.push(p.report.iteration);
				if (seen.length === 2) controller.abort();
			}
		});
		const error = await training.then(
			() => null,
			(e: unknown) => e
		);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created[0].terminated).toBe(true);
		await bridge.saveRl('indexeddb://marginal-x', {} as never);
		expect(workers.saved).toEqual(['indexeddb://marginal-x']);
		expect(workers.created).toHaveLength(2);
	});

	it('rejects at once when the signal is already aborted, without starting a worker', async () => {
		const workers = fakeWorkers(false);
		bridge = new ModelsBridge(workers.create);
		const controller = new AbortController();
		controller.abort();
		await expect(bridge.trainRl({} as never, { signal: controller.signal })).rejects.toSatisfy(
			isAbortError
		);
		expect(workers.created).toHaveLength(0);
	});
});
