import { describe, expect, it } from 'vitest';
import type { DecisionLog } from '$lib/experiment/decision-log';
import type { PilotConfig } from '$lib/experiment/pilot';
import { parsePilotConfig } from '$lib/experiment/pilot-config';
import { loadPreset } from '$lib/sim/presets';
import type { SeedLogOptions, SeedLogs } from '$lib/workers/seed-log-bridge';
import { abortError } from '$lib/workers/worker-client';
import { SeedLogView } from './seed-log-view.svelte';

/** A stand-in for the bridge: each request waits until the test settles it. */
function fakeSource() {
	const requests: {
		seed: number;
		options: SeedLogOptions;
		resolve: (logs: SeedLogs) => void;
		reject: (error: Error) => void;
	}[] = [];
	const source = {
		logs(_scenario: unknown, _config: unknown, seed: number, options: SeedLogOptions = {}) {
			return new Promise<SeedLogs>((resolve, reject) => {
				requests.push({ seed, options, resolve, reject });
				options.signal?.addEventListener('abort', () => reject(abortError()));
			});
		}
	};
	return { source, requests };
}

const logsOf = (seed: number): SeedLogs => ({ thompson: { C: seed } as unknown as DecisionLog });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig({ seeds: 5 }, scenario);
if (!parsed.ok) throw new Error('config');
const config: PilotConfig = parsed.value;
const first = config.firstSeed;

describe('SeedLogView', () => {
	it('shows the first seed from the result without running anything', async () => {
		const { source, requests } = fakeSource();
		const view = new SeedLogView(source);
		await view.choose(first, scenario, config, first);
		expect(view.chosen).toBeNull();
		expect(requests).toHaveLength(0);
	});

	it('re-runs another seed with progress, then remembers it for this pilot', async () => {
		const { source, requests } = fakeSource();
		const view = new SeedLogView(source);
		const done = view.choose(first + 2, scenario, config, first);
		expect(view.chosen).toBe(first + 2);
		expect(view.running).toBe(true);
		expect(requests[0].seed).toBe(first + 2);
		requests[0].options.onProgress?.(1, 7);
		expect(view.progress).toEqual({ done: 1, total: 7 });
		requests[0].resolve(logsOf(first + 2));
		await done;
		expect(view.running).toBe(false);
		expect(view.progress).toBeNull();
		expect(view.logs).toEqual(logsOf(first + 2));
		// Back to the first seed and again to the same one: no second run.
		await view.choose(first, scenario, config, first);
		expect(view.chosen).toBeNull();
		await view.choose(first + 2, scenario, config, first);
		expect(requests).toHaveLength(1);
		expect(view.logs).toEqual(logsOf(first + 2));
		// Another pilot (a new config object) forgets it.
		const other = { ...config };
		view.follow(scenario, other);
		expect(view.chosen).toBeNull();
		void view.choose(first + 2, scenario, other, first);
		expect(requests).toHaveLength(2);
	});

	it('cancels: back to the first seed, and the late answer is ignored', async () => {
		const { source, requests } = fakeSource();
		const view = new SeedLogView(source);
		const done = view.choose(first + 1, scenario, config, first);
		view.cancel();
		await done;
		expect(view.chosen).toBeNull();
		expect(view.running).toBe(false);
		expect(requests[0].options.signal?.aborted).toBe(true);
		expect(view.error).toBeNull();
	});

	it('lets the latest choice win over a re-run still going', async () => {
		const { source, requests } = fakeSource();
		const view = new SeedLogView(source);
		const stale = view.choose(first + 1, scenario, config, first);
		const fresh = view.choose(first + 3, scenario, config, first);
		requests[1].resolve(logsOf(first + 3));
		await Promise.all([stale, fresh]);
		await tick();
		expect(view.chosen).toBe(first + 3);
		expect(view.logs).toEqual(logsOf(first + 3));
		expect(view.running).toBe(false);
	});

	it('says why a re-run failed and keeps the seed chosen', async () => {
		const { source, requests } = fakeSource();
		const view = new SeedLogView(source);
		const done = view.choose(first + 4, scenario, config, first);
		requests[0].reject(new Error('The seed re-run stopped: out of memory'));
		await done;
		expect(view.chosen).toBe(first + 4);
		expect(view.logs).toBeNull();
		expect(view.error).toBe(
			`Seed ${first + 4} could not be run again: The seed re-run stopped: out of memory`
		);
	});
});
