import { afterEach, describe, expect, it } from 'vitest';
import { parsePilotConfig } from '../experiment/pilot-config';
import {
	pilotSeeds,
	runPilot,
	runSeed,
	type PilotConfig,
	type SeedResult
} from '../experiment/pilot';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { SeedLogBridge } from './seed-log-bridge';
import { isAbortError, type WorkerLike } from './worker-client';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * Stand-ins for the pilot worker: its `runSeeds` on one end of a MessageChannel, running the
 * real engine (a seed named in `hang` never ends).
 */
function fakeWorkers(hang: number[] = []) {
	const created: FakeWorkerRecord[] = [];
	const calls: { seeds: number[]; logsFor: number | null }[] = [];
	const create = (): WorkerLike => {
		const api = {
			async runSeeds(
				scenario: Scenario,
				config: PilotConfig,
				seeds: number[],
				logsFor: number | null,
				onProgress?: (seed: number, done: number, total: number) => void
			): Promise<SeedResult[] | null> {
				calls.push({ seeds, logsFor });
				if (seeds.some((s) => hang.includes(s))) await new Promise(() => {});
				return seeds.map((seed) =>
					runSeed(
						scenario,
						config,
						seed,
						{
							onRun: (done, total) => void onProgress?.(seed, done, total)
						},
						seed === logsFor
					)!
				);
			}
		};
		return fakeWorker(api, created);
	};
	return { create, created, calls };
}

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig(
	{
		policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }, { kind: 'oracle' }],
		seeds: 3,
		days: 40
	},
	scenario
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.value;

describe('SeedLogBridge', () => {
	let bridge: SeedLogBridge | null = null;
	afterEach(() => bridge?.terminate());

	it("re-runs one seed and returns every policy's log, the same as a pilot that kept that seed's logs", async () => {
		const workers = fakeWorkers();
		bridge = new SeedLogBridge(workers.create);
		const [, second] = pilotSeeds(config);
		const progress: [number, number][] = [];
		const logs = await bridge.logs(scenario, config, second, {
			onProgress: (done, total) => progress.push([done, total])
		});
		expect(workers.calls).toEqual([{ seeds: [second], logsFor: second }]);
		expect(Object.keys(logs).sort()).toEqual(['bau-fixed', 'oracle', 'thompson']);
		expect(progress).toEqual([
			[1, 3],
			[2, 3],
			[3, 3]
		]);
		// A pilot whose first seed is that seed keeps the very same logs (seeds reproduce exactly).
		const pilot = runPilot(scenario, { ...config, firstSeed: second, seeds: 1 })!;
		expect(pilot.logs.thompson.newSpend).toEqual(logs.thompson.newSpend);
		expect(pilot.logs.oracle.day).toEqual(logs.oracle.day);
		// …and another seed's logs differ: the seed is really the one asked for.
		const first = await bridge.logs(scenario, config, pilotSeeds(config)[0]);
		expect(first.thompson.newSpend).not.toEqual(logs.thompson.newSpend);
	});

	it('cancels a re-run: the promise rejects with an AbortError and the worker is stopped', async () => {
		const workers = fakeWorkers([9]);
		bridge = new SeedLogBridge(workers.create);
		const abort = new AbortController();
		const pending = bridge.logs(scenario, config, 9, { signal: abort.signal });
		await new Promise((resolve) => setTimeout(resolve, 10));
		abort.abort();
		const error = await pending.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created[0].terminated).toBe(true);
		expect(bridge.started).toBe(false);
	});

	it('lets a newer request supersede one still running', async () => {
		const workers = fakeWorkers([9]);
		bridge = new SeedLogBridge(workers.create);
		const stale = bridge.logs(scenario, config, 9);
		await new Promise((resolve) => setTimeout(resolve, 10));
		const fresh = bridge.logs(scenario, config, pilotSeeds(config)[1]);
		expect(isAbortError(await stale.catch((e: unknown) => e))).toBe(true);
		expect(Object.keys(await fresh)).toHaveLength(3);
		expect(workers.created).toHaveLength(2);
	});
});
