import { afterEach, describe, expect, it } from 'vitest';
import { OpeSession, type OpeSource } from '../experiment/ope/ope-session';
import type { TargetSpec } from '../experiment/ope/target-policies';
import { OpeBridge, opeRunner } from './ope-bridge';
import { isAbortError, type WorkerLike } from './worker-client';
import type { OpeEvaluateRequest } from './ope.worker';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * The worker's API on one end of a MessageChannel (the real session behind it, as in
 * ope.worker.ts), the bridge on the other, exactly as through a Worker. A source named "hang"
 * never answers.
 */
function fakeWorkers() {
	const created: FakeWorkerRecord[] = [];
	const create = (): WorkerLike => {
		const session = new OpeSession();
		const api = {
			load: async (source: OpeSource) =>
				source.kind === 'csv' && source.name === 'hang'
					? new Promise<never>(() => {})
					: session.load(source),
			evaluate: async (
				source: OpeSource,
				target: TargetSpec,
				request: OpeEvaluateRequest,
				onProgress?: (share: number) => void
			) => {
				const shares: number[] = [];
				const result = session.evaluate(source, target, {
					...request,
					onProgress: (share) => shares.push(share)
				});
				for (const share of shares) await onProgress?.(share);
				return result;
			},
			csv: async (source: OpeSource) => session.csv(source)
		};
		return fakeWorker(api, created);
	};
	return { create, created };
}

const source: OpeSource = {
	kind: 'simulated',
	preset: 'dtc-default',
	seed: 3,
	days: 20,
	logging: { kind: 'uniform' }
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OpeBridge', () => {
	let bridge: OpeBridge | null = null;
	afterEach(() => bridge?.terminate());

	it('starts the worker on first use, forwards progress and returns plain results', async () => {
		const workers = fakeWorkers();
		bridge = new OpeBridge(workers.create);
		expect(workers.created).toHaveLength(0);
		const runner = opeRunner(bridge);
		const signal = new AbortController().signal;
		const loaded = await runner.load(source, signal);
		expect(loaded.ok && loaded.value.rows).toBe(120);
		const shares: number[] = [];
		const result = await runner.evaluate(
			source,
			{ kind: 'uniform' },
			{ seed: 1, replicates: 100 },
			signal,
			(share) => shares.push(share)
		);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.value.report.estimates).toHaveLength(5);
			expect(result.value.truth).toBeGreaterThan(0);
		}
		expect(shares).toEqual([0.5, 1]);
		expect(workers.created).toHaveLength(1);
	});

	it('cancels by terminating the worker and rejecting with an AbortError', async () => {
		const workers = fakeWorkers();
		bridge = new OpeBridge(workers.create);
		const controller = new AbortController();
		const hanging = opeRunner(bridge).load(
			{ kind: 'csv', name: 'hang', text: '' },
			controller.signal
		);
		controller.abort();
		const error = await hanging.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created[0].terminated).toBe(true);
		// The next request starts a fresh worker.
		const loaded = await opeRunner(bridge).load(source, new AbortController().signal);
		expect(loaded.ok).toBe(true);
		expect(workers.created).toHaveLength(2);
	});

	it('shuts the worker down when idle', async () => {
		const workers = fakeWorkers();
		bridge = new OpeBridge(workers.create, { idleMs: 20 });
		await opeRunner(bridge).load(source, new AbortController().signal);
		expect(bridge.started).toBe(true);
		await sleep(60);
		expect(bridge.started).toBe(false);
		expect(workers.created[0].terminated).toBe(true);
	});
});
