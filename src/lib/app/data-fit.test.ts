import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/dataset';
import type { MmmFit } from '$lib/data/mmm';
import { DataFit, defaultHoldout, fitOptions, storedFit, type LiftForm } from './data-fit.svelte';

/** A 20-week dataset with two channels (only what the form reads). */
const dataset = {
	dates: Array.from(
		{ length: 20 },
		(_, i) => `2024-${String(1 + Math.floor(i / 4)).padStart(2, '0')}-0${1 + (i % 4)}`
	),
	channels: [
		{ id: 'tv', name: 'TV' },
		{ id: 'search', name: 'Search' }
	]
} as unknown as Dataset;
const first = dataset.dates[0];
const last = dataset.dates[19];

const lift = (over: Partial<LiftForm> = {}): LiftForm => ({
	enabled: true,
	channelId: 'tv',
	start: dataset.dates[4],
	end: dataset.dates[7],
	lift: '1200',
	low: '800',
	high: '1600',
	...over
});

describe('fitOptions', () => {
	it('turns a valid form into MMM options with the lift test', () => {
		const parsed = fitOptions(dataset, 4, 'delayed', lift());
		expect(parsed).toEqual({
			ok: true,
			options: {
				holdout: 4,
				maxDelayStages: 2,
				lifts: [
					{
						channelId: 'tv',
						start: dataset.dates[4],
						end: dataset.dates[7],
						lift: 1200,
						low: 800,
						high: 1600
					}
				]
			}
		});
		expect(fitOptions(dataset, 0, 'geometric', lift({ enabled: false }))).toEqual({
			ok: true,
			options: { holdout: 0, maxDelayStages: 0 }
		});
	});

	it('names each wrong field', () => {
		const parsed = fitOptions(
			dataset,
			7,
			'geometric',
			lift({ channelId: 'radio', start: '2023-01-01', lift: 'many', low: '5', high: '1' })
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual([
			'Holdout periods: enter a whole number from 0 to 6 (a third of the 20 periods).',
			'Lift test channel: choose one of the dataset’s channels.',
			`Lift test start: enter a date from ${first} to ${last}.`,
			'Incremental KPI: enter the lift the test measured (a number, KPI units).',
			'Interval: enter a low and a high end with low ≤ incremental KPI ≤ high.'
		]);
		const backwards = fitOptions(dataset, 2, 'geometric', lift({ end: first }));
		expect(backwards.ok ? [] : backwards.errors).toEqual([
			`Lift test end: enter a date from the start to ${last}.`
		]);
	});

	it('holds out about a tenth of the periods, at least four, at most a quarter', () => {
		expect(defaultHoldout(104)).toBe(10);
		expect(defaultHoldout(30)).toBe(4);
		expect(defaultHoldout(12)).toBe(3);
	});
});

const fakeFit = { version: 1, channels: [], dates: [], diagnostics: {} } as unknown as MmmFit;

describe('DataFit', () => {
	it('runs the fitter with the form’s options and follows its progress', async () => {
		const seen: unknown[] = [];
		const state = new DataFit(async (_d, options, hooks) => {
			seen.push(options);
			hooks.onProgress?.(3, 4);
			expect(state.progress).toBe(0.75);
			return fakeFit;
		});
		state.reset(dataset);
		expect(state.holdout).toBe(4);
		expect(await state.run(dataset)).toBe(fakeFit);
		expect(state.status).toBe('done');
		expect(seen).toEqual([{ holdout: 4, maxDelayStages: 0 }]);
	});

	it('estimates the time left from the work done so far', async () => {
		let clock = 1000;
		const state = new DataFit(
			async (_d, _options, hooks) => {
				hooks.onProgress?.(1, 20);
				// Too early to guess (5 %).
				expect(state.secondsLeft).toBeNull();
				clock += 2000;
				hooks.onProgress?.(5, 20);
				// 2 s for a quarter of the work: about 6 s for the rest.
				expect(state.secondsLeft).toBeCloseTo(6, 9);
				return fakeFit;
			},
			() => clock
		);
		state.reset(dataset);
		await state.run(dataset);
		expect(state.secondsLeft).toBeNull();
	});

	it('does not call the fitter when the form is wrong', async () => {
		let calls = 0;
		const state = new DataFit(async () => {
			calls++;
			return fakeFit;
		});
		state.reset(dataset);
		state.holdout = -1;
		expect(await state.run(dataset)).toBeNull();
		expect(calls).toBe(0);
		expect(state.errors[0]).toMatch(/^Holdout periods/);
	});

	it('cancels through the signal and reports failures in words', async () => {
		const state = new DataFit(
			(_d, _o, { signal }) =>
				new Promise((_resolve, reject) =>
					signal?.addEventListener('abort', () => reject(new DOMException('x', 'AbortError')))
				)
		);
		state.reset(dataset);
		const pending = state.run(dataset);
		expect(state.status).toBe('running');
		state.cancel();
		expect(await pending).toBeNull();
		expect(state.status).toBe('cancelled');

		const failing = new DataFit(async () => {
			throw new Error('The MMM worker stopped: out of memory');
		});
		failing.reset(dataset);
		await failing.run(dataset);
		expect(failing.status).toBe('error');
		expect(failing.errors).toEqual(['The MMM worker stopped: out of memory']);
	});

	it('restores a stored fit only when it looks like one', () => {
		expect(storedFit(fakeFit)).toBe(fakeFit);
		expect(storedFit({ version: 2, channels: [] })).toBeNull();
		expect(storedFit(null)).toBeNull();
		expect(storedFit('fit')).toBeNull();
	});
});
