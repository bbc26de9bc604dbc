import { afterEach, describe, expect, it } from 'vitest';
import type { PilotConfig, PilotResult, SeedResult } from '../experiment/pilot';
import type { Scenario } from '../sim/scenario';
import type { PilotSnapshot } from '../app/pilot-analyst';
import type { PilotProgress } from '../app/run-progress';
import { PilotPool, poolSize } from './pilot-pool';
import { isAbortError, type WorkerLike } from './worker-client';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stand-ins for the pilot worker: the same API on one end of a MessageChannel. Seeds take
 * `seedMs` (a seed named in `hang` never ends), two policies per seed; the analyst's summary
 * lists the seeds it was given.
 */
function fakeWorkers(seedMs = 5, hang: number[] = []) {
	const created: FakeWorkerRecord[] = [];
	const create = (): WorkerLike => {
		const got: number[] = [];
		const api = {
			async runSeeds(
				_scenario: Scenario,
				_config: PilotConfig,
				seeds: number[],
				_logsFor: number | null,
				onProgress?: (seed: number, done: number, total: number) => void
			): Promise<SeedResult[]> {
				const out: SeedResult[] = [];
				for (const seed of seeds) {
					if (hang.includes(seed)) await new Promise(() => {});
					await sleep(seedMs);
					await onProgress?.(seed, 1, 2);
					await onProgress?.(seed, 2, 2);
					out.push({ seed, runs: [], logs: {}, holdout: [] });
				}
				return out;
			},
			cancel() {},
			begin() {
				got.length = 0;
			},
			addSeed(_id: number, result: SeedResult) {
				got.push(result.seed);
			},
			summarize(): PilotSnapshot {
				const seeds = [...got].sort((a, b) => a - b);
				return {
					result: { seeds } as unknown as PilotResult,
					fingerprint: seeds.join('-'),
					curves: { seed: seeds[0], curves: [], points: {} }
				};
			},
			details() {
				return null;
			}
		};
		return fakeWorker(api, created);
	};
	return { create, created };
}

const request = (seeds: number) => ({
	scenario: {} as Scenario,
	config: { policies: [{ kind: 'bau-fixed' }], seeds, firstSeed: 10 } as PilotConfig
});

describe('PilotPool', () => {
	let pool: PilotPool | null = null;
	afterEach(() => pool?.terminate());

	it('shares the seeds out to its runners and resolves with the summary of all of them', async () => {
		const workers = fakeWorkers();
		pool = new PilotPool(workers.create, { size: 2 });
		const snapshots: number[][] = [];
		const progress: PilotProgress[] = [];
		const outcome = await pool.run(request(5), {
			onSnapshot: (s) => snapshots.push(s.result.seeds),
			onProgress: (p) => progress.push(p)
		});
		expect(outcome.result.seeds).toEqual([10, 11, 12, 13, 14]);
		expect(outcome.fingerprint).toBe('10-11-12-13-14');
		expect(outcome.details).toBeNull();
		expect(snapshots.at(-1)).toEqual([10, 11, 12, 13, 14]);
		// Two runners and the analyst.
		expect(workers.created).toHaveLength(3);
		// Policies × seeds: the bau policy and the oracle, 5 seeds.
		expect(progress.at(-1)).toMatchObject({ runsDone: 10, runs: 10, seedsDone: 5 });
	});

	it('spaces partial summaries by the snapshot gap but never holds back the last one', async () => {
		const workers = fakeWorkers(1);
		pool = new PilotPool(workers.create, { size: 1, snapshotGapMs: 10_000 });
		const snapshots: number[][] = [];
		const outcome = await pool.run(request(4), {
			onSnapshot: (s) => snapshots.push(s.result.seeds)
		});
		expect(snapshots).toEqual([[10], [10, 11, 12, 13]]);
		expect(outcome.result.seeds).toHaveLength(4);
	});

	it('cancels at once: the promise rejects with an AbortError and busy workers are stopped', async () => {
		const workers = fakeWorkers(5, [10]);
		pool = new PilotPool(workers.create, { size: 1, cancelGraceMs: 20 });
		const controller = new AbortController();
		const running = pool.run(request(3), { signal: controller.signal });
		await sleep(20);
		controller.abort();
		const error = await running.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		await sleep(60);
		expect(workers.created[1].terminated).toBe(true);
		// The next pilot starts a fresh runner and completes.
		const outcome = await pool.run({
			...request(1),
			config: { ...request(1).config, firstSeed: 50 }
		});
		expect(outcome.result.seeds).toEqual([50]);
	});

	it('lets a new pilot supersede one in progress', async () => {
		const workers = fakeWorkers(5, [10]);
		pool = new PilotPool(workers.create, { size: 1, cancelGraceMs: 10 });
		const first = pool.run(request(2));
		await sleep(10);
		const second = pool.run({ ...request(1), config: { ...request(1).config, firstSeed: 50 } });
		expect(isAbortError(await first.catch((e: unknown) => e))).toBe(true);
		expect((await second).result.seeds).toEqual([50]);
	});

	it('keeps one core for the page', () => {
		expect(poolSize(8)).toBe(7);
		expect(poolSize(2)).toBe(1);
		expect(poolSize(1)).toBe(1);
		expect(poolSize(undefined)).toBe(1);
	});
});
