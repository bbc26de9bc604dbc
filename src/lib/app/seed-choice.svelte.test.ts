import { describe, expect, it } from 'vitest';
import type { PilotConfig } from '$lib/experiment/pilot';
import { parsePilotConfig } from '$lib/experiment/pilot-config';
import { loadPreset } from '$lib/sim/presets';
import type { SeedView, SeedViewOptions } from '$lib/workers/seed-view-bridge';
import { abortError } from '$lib/workers/worker-client';
import { SeedChoice, seedOptions } from './seed-choice.svelte';

/** A stand-in for the bridge: each request waits until the test settles it. */
function fakeSource() {
	const requests: {
		seed: number;
		options: SeedViewOptions;
		resolve: (view: SeedView) => void;
		reject: (error: Error) => void;
	}[] = [];
	const source = {
		view(_scenario: unknown, _config: unknown, seed: number, options: SeedViewOptions = {}) {
			return new Promise<SeedView>((resolve, reject) => {
				requests.push({ seed, options, resolve, reject });
				options.signal?.addEventListener('abort', () => reject(abortError()));
			});
		}
	};
	return { source, requests };
}

const viewOf = (seed: number) => ({ seed }) as unknown as SeedView;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig({ seeds: 5 }, scenario);
if (!parsed.ok) throw new Error('config');
const config: PilotConfig = parsed.value;
const first = config.firstSeed;

describe('SeedChoice', () => {
	it('shows the first seed from the result without running anything', async () => {
		const { source, requests } = fakeSource();
		const choice = new SeedChoice(source);
		await choice.choose(first, scenario, config, first);
		expect(choice.chosen).toBeNull();
		expect(choice.shown('first', 'again')).toBe('first');
		expect(requests).toHaveLength(0);
	});

	it('re-runs another seed with progress, then remembers it for this pilot', async () => {
		const { source, requests } = fakeSource();
		const choice = new SeedChoice(source);
		const done = choice.choose(first + 2, scenario, config, first);
		expect(choice.chosen).toBe(first + 2);
		expect(choice.running).toBe(true);
		expect(requests[0].seed).toBe(first + 2);
		requests[0].options.onProgress?.(1, 7);
		expect(choice.progress).toEqual({ done: 1, total: 7 });
		requests[0].resolve(viewOf(first + 2));
		await done;
		expect(choice.running).toBe(false);
		expect(choice.progress).toBeNull();
		expect(choice.view).toEqual(viewOf(first + 2));
		expect(choice.shown('first', 'again')).toBe('again');
		expect(choice.busy).toBe(false);
		// Back to the first seed and again to the same one: no second run.
		await choice.choose(first, scenario, config, first);
		expect(choice.chosen).toBeNull();
		await choice.choose(first + 2, scenario, config, first);
		expect(requests).toHaveLength(1);
		expect(choice.view).toEqual(viewOf(first + 2));
		// Another pilot (a new config object) forgets it.
		const other = { ...config };
		choice.follow(scenario, other);
		expect(choice.chosen).toBeNull();
		void choice.choose(first + 2, scenario, other, first);
		expect(requests).toHaveLength(2);
	});

	it('cancels: back to the first seed, and the late answer is ignored', async () => {
		const { source, requests } = fakeSource();
		const choice = new SeedChoice(source);
		const done = choice.choose(first + 1, scenario, config, first);
		choice.cancel();
		await done;
		expect(choice.chosen).toBeNull();
		expect(choice.running).toBe(false);
		expect(requests[0].options.signal?.aborted).toBe(true);
		expect(choice.error).toBeNull();
	});

	it('lets the latest choice win over a re-run still going', async () => {
		const { source, requests } = fakeSource();
		const choice = new SeedChoice(source);
		const stale = choice.choose(first + 1, scenario, config, first);
		const fresh = choice.choose(first + 3, scenario, config, first);
		requests[1].resolve(viewOf(first + 3));
		await Promise.all([stale, fresh]);
		await tick();
		expect(choice.chosen).toBe(first + 3);
		expect(choice.view).toEqual(viewOf(first + 3));
		expect(choice.running).toBe(false);
	});

	it('says why a re-run failed and keeps the seed chosen', async () => {
		const { source, requests } = fakeSource();
		const choice = new SeedChoice(source);
		const done = choice.choose(first + 4, scenario, config, first);
		requests[0].reject(new Error('The seed re-run stopped: out of memory'));
		await done;
		expect(choice.chosen).toBe(first + 4);
		expect(choice.view).toBeNull();
		expect(choice.busy).toBe(true);
		expect(choice.error).toBe(
			`Seed ${first + 4} could not be run again: The seed re-run stopped: out of memory`
		);
	});

	it('offers the first seed (kept with the run) and every finished seed', () => {
		expect(seedOptions([11, 12, 13], 11).map((o) => o.label)).toEqual([
			'11 (kept with the run)',
			'12',
			'13'
		]);
		// While a pilot runs, the first seed may not have finished yet: it is offered all the same.
		expect(seedOptions([13, 14], 11).map((o) => o.value)).toEqual([11, 13, 14]);
	});
});
