import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/dataset';
import type { MmmFit } from '$lib/data/mmm';
import { createImportService } from '$lib/data/import';
import { importSimulatedMarket } from '$lib/data/simulated-market';
import {
	DataFit,
	defaultHoldout,
	fitOptions,
	liftCandidate,
	storedFit,
	type LiftForm
} from './data-fit.svelte';

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
		const parsed = fitOptions(dataset, 4, 'delayed', [lift()]);
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
		expect(fitOptions(dataset, 0, 'geometric', [])).toEqual({
			ok: true,
			options: { holdout: 0, maxDelayStages: 0 }
		});
	});

	it('names each wrong field', () => {
		const parsed = fitOptions(dataset, 7, 'geometric', [
			lift({ channelId: 'radio', start: '2023-01-01', lift: 'many', low: '5', high: '1' })
		]);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual([
			'Holdout periods: enter a whole number from 0 to 6 (a third of the 20 periods).',
			'Lift test channel: choose one of the dataset’s channels.',
			`Lift test start: enter a date from ${first} to ${last}.`,
			'Incremental KPI: enter the lift the test measured (a number, KPI units).',
			'Interval: enter a low and a high end with low ≤ incremental KPI ≤ high.'
		]);
		const backwards = fitOptions(dataset, 2, 'geometric', [lift({ end: first })]);
		expect(backwards.ok ? [] : backwards.errors).toEqual([
			`Lift test end: enter a date from the start to ${last}.`
		]);
		// With several tests, each problem says which test it is in; all tests reach the fit.
		const two = fitOptions(dataset, 2, 'geometric', [
			lift(),
			lift({ channelId: 'search', low: '' })
		]);
		expect(two.ok ? [] : two.errors).toEqual([
			'Lift test 2: Interval: enter a low and a high end with low ≤ incremental KPI ≤ high.'
		]);
		const both = fitOptions(dataset, 2, 'geometric', [lift(), lift({ channelId: 'search' })]);
		expect(both.ok && both.options.lifts?.map((t) => t.channelId)).toEqual(['tv', 'search']);
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

	it('fills the lift test with one run on a simulated market, for the channel a test helps most', async () => {
		const reply = await importSimulatedMarket(createImportService(), 3);
		if (!reply.result.ok) throw new Error('no market');
		const market = reply.result.dataset;
		const r = (mean: number, low: number, high: number) => ({ mean, low, high });
		const fitted = {
			channels: [
				// Same spend, but display's ROAS is far less certain (0.8 vs 0.3 of its value).
				{ id: 'connected_tv', roasIdentified: false, spendShare: 0.12, roas: r(0.6, 0.5, 0.68) },
				{ id: 'display', roasIdentified: false, spendShare: 0.12, roas: r(0.3, 0.2, 0.44) },
				{ id: 'brand_search', roasIdentified: false, spendShare: 0.01, roas: r(1, 0.5, 2) },
				{ id: 'affiliates', roasIdentified: true, spendShare: 0.3, roas: r(1, 0.1, 3) }
			]
		} as unknown as MmmFit;
		expect(liftCandidate(fitted)).toBe('display');
		const state = new DataFit(async () => fitted);
		state.reset(market);
		await state.run(market);
		expect(state.lifts.map((l) => l.channelId)).toEqual(['display']);
		expect(state.simulateLift(market, 0)).toBe(true);
		expect(state.calibrate).toBe(true);
		// A second test goes to the next most uncertain untested channel, then to the rest.
		state.addLift();
		state.addLift();
		expect(state.lifts.map((l) => l.channelId)).toEqual([
			'display',
			'connected_tv',
			'brand_search'
		]);
		expect(state.simulateLift(market, 1)).toBe(true);
		state.removeLift(2);
		const parsed = fitOptions(market, 4, 'geometric', state.lifts);
		if (!parsed.ok) throw new Error(parsed.errors.join(' '));
		expect(parsed.options.lifts!.map((t) => t.channelId)).toEqual(['display', 'connected_tv']);
		for (const test of parsed.options.lifts!) {
			expect(test.low).toBeLessThan(test.lift);
			expect(test.high).toBeGreaterThan(test.lift);
		}
		// No truth, no simulated test: the form stays as it was.
		const before = JSON.stringify(state.lifts);
		expect(state.simulateLift(dataset, 0)).toBe(false);
		expect(JSON.stringify(state.lifts)).toBe(before);
		// The last row is cleared rather than removed.
		state.removeLift(1);
		state.removeLift(0);
		expect(state.lifts).toHaveLength(1);
		expect(state.lifts[0].lift).toBe('');
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
