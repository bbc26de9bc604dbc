import { afterEach, describe, expect, it } from 'vitest';
import { parsePilotConfig } from '../experiment/pilot-config';
import { pilotSeeds, runPilot, type PilotConfig } from '../experiment/pilot';
import { seedDetails, seedView, type SeedView } from '../experiment/pilot-details';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { SeedViewBridge } from './seed-view-bridge';
import { isAbortError, type WorkerLike } from './worker-client';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * Stand-ins for the pilot worker: its `seedView` on one end of a MessageChannel, running the
 * real engine (a seed named in `hang` never ends).
 */
function fakeWorkers(hang: number[] = []) {
	const created: FakeWorkerRecord[] = [];
	const calls: number[] = [];
	const create = (): WorkerLike => {
		const api = {
			async seedView(
				scenario: Scenario,
				config: PilotConfig,
				seed: number,
				onProgress?: (done: number, total: number) => void
			): Promise<SeedView | null> {
				calls.push(seed);
				if (hang.includes(seed)) await new Promise(() => {});
				return seedView(scenario, config, seed, (done, total) => void onProgress?.(done, total));
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

describe('SeedViewBridge', () => {
	let bridge: SeedViewBridge | null = null;
	afterEach(() => bridge?.terminate());

	it("runs one seed again: every policy's log and detail, the same as a pilot that kept that seed", async () => {
		const workers = fakeWorkers();
		bridge = new SeedViewBridge(workers.create);
		const [first, second] = pilotSeeds(config);
		const progress: [number, number][] = [];
		const view = await bridge.view(scenario, config, second, {
			onProgress: (done, total) => progress.push([done, total])
		});
		expect(workers.calls).toEqual([second]);
		expect(view.seed).toBe(second);
		expect(Object.keys(view.logs).sort()).toEqual(['bau-fixed', 'oracle', 'thompson']);
		expect(Object.keys(view.details.policies).sort()).toEqual(['bau-fixed', 'oracle', 'thompson']);
		// One pass: each policy's log and detail together.
		expect(progress).toEqual([1, 2, 3].map((done) => [done, 3]));
		// A pilot whose first seed is that seed keeps the very same logs and detail (seeds
		// reproduce exactly)…
		const pilot = runPilot(scenario, { ...config, firstSeed: second, seeds: 1 })!;
		expect(view.logs.thompson.newSpend).toEqual(pilot.logs.thompson.newSpend);
		expect(view.logs.oracle.day).toEqual(pilot.logs.oracle.day);
		const details = seedDetails(scenario, config, second)!;
		expect(view.details.policies.thompson.creatives.clickRate).toEqual(
			details.policies.thompson.creatives.clickRate
		);
		expect(view.details.policies.oracle.cohorts.revenue).toEqual(
			details.policies.oracle.cohorts.revenue
		);
		// …and another seed's differ: the seed is really the one asked for.
		const other = await bridge.view(scenario, config, first);
		expect(other.logs.thompson.newSpend).not.toEqual(view.logs.thompson.newSpend);
		expect(other.details.policies.thompson.cohorts.revenue).not.toEqual(
			view.details.policies.thompson.cohorts.revenue
		);
	});

	it('cancels a re-run: the promise rejects with an AbortError and the worker is stopped', async () => {
		const workers = fakeWorkers([9]);
		bridge = new SeedViewBridge(workers.create);
		const abort = new AbortController();
		const pending = bridge.view(scenario, config, 9, { signal: abort.signal });
		await new Promise((resolve) => setTimeout(resolve, 10));
		abort.abort();
		const error = await pending.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(workers.created[0].terminated).toBe(true);
		expect(bridge.started).toBe(false);
	});

	it('lets a newer request supersede one still running', async () => {
		const workers = fakeWorkers([9]);
		bridge = new SeedViewBridge(workers.create);
		const stale = bridge.view(scenario, config, 9);
		await new Promise((resolve) => setTimeout(resolve, 10));
		const fresh = bridge.view(scenario, config, pilotSeeds(config)[1]);
		expect(isAbortError(await stale.catch((e: unknown) => e))).toBe(true);
		expect(Object.keys((await fresh).logs)).toHaveLength(3);
		expect(workers.created).toHaveLength(2);
	});
});
