import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../../../tests/unit/mmm-fixtures';
import { fitMmm } from './fit';
import { interval } from './report';

const FAST = { effort: 'fast', draws: 10 } as const;

describe('fitMmm on data drawn from its own model', () => {
	const { dataset, roas } = syntheticDataset();

	it('recovers each channel’s ROAS, explains the KPI and reports every diagnostic', async () => {
		const fit = await fitMmm(dataset, FAST);
		fit.channels.forEach((ch, c) => {
			expect(Math.abs(ch.roas.mean / roas[c] - 1)).toBeLessThan(0.1);
			expect(ch.roas.low).toBeLessThanOrEqual(ch.roas.high);
			expect(ch.mroas.mean).toBeGreaterThan(0);
		});
		expect(fit.diagnostics.r2).toBeGreaterThan(0.95);
		expect(fit.diagnostics.holdout.periods).toBe(6);
		expect(Number.isFinite(fit.diagnostics.holdout.mape)).toBe(true);
		expect(fit.residuals.length).toBe(80);
		// Decomposition adds up to the fitted KPI.
		for (const t of [0, 40, 79]) {
			const sum =
				fit.decomposition.baseline[t] +
				fit.decomposition.channels.reduce((a, ch) => a + ch.values[t], 0);
			expect(sum).toBeCloseTo(fit.fitted[t], 3);
		}
		const parts = fit.decomposition.baselineParts;
		for (const t of [0, 40]) {
			expect(parts.reduce((a, p) => a + p.values[t], 0)).toBeCloseTo(
				fit.decomposition.baseline[t],
				3
			);
		}
		// Carry-over weights sum to about 1; the slow channel's effect lasts longer.
		const [fast, slow] = fit.channels;
		expect(slow.adstockWeights.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.9);
		expect(slow.meanLagDays).toBeGreaterThan(fast.meanLagDays);
		// Plain data: survives JSON.
		expect(JSON.parse(JSON.stringify(fit)).channels[0].roas.mean).toBe(fit.channels[0].roas.mean);
	});

	it('gives the same numbers for the same seed, and reports progress up to the total', async () => {
		const seen: [number, number][] = [];
		const a = await fitMmm(dataset, FAST, {
			onProgress: (done, total) => seen.push([done, total])
		});
		const b = await fitMmm(dataset, FAST);
		expect(b.channels.map((c) => c.roas)).toEqual(a.channels.map((c) => c.roas));
		expect(b.fitted).toEqual(a.fitted);
		const last = seen[seen.length - 1];
		expect(last[0]).toBe(last[1]);
		for (const [done, total] of seen) expect(done).toBeLessThanOrEqual(total);
	});

	it('stops with an AbortError when cancelled', async () => {
		const controller = new AbortController();
		const fit = fitMmm(dataset, FAST, {
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
		await expect(fitMmm(dataset, FAST, { signal: AbortSignal.abort() })).rejects.toMatchObject({
			name: 'AbortError'
		});
	});

	it('follows a lift test: the channel’s contribution over the test moves to the measured lift', async () => {
		const free = await fitMmm(dataset, FAST);
		const from = dataset.dates[20];
		const to = dataset.dates[39];
		const before = free.decomposition.channels[2].values.slice(20, 40).reduce((a, b) => a + b, 0);
		const lift = before * 1.5;
		const fit = await fitMmm(dataset, {
			...FAST,
			lifts: [{ channelId: 'ch2', start: from, end: to, lift, low: lift * 0.95, high: lift * 1.05 }]
		});
		const used = fit.lifts[0];
		expect(used.periods).toEqual([20, 39]);
		expect(Math.abs(used.implied.mean - lift)).toBeLessThan(Math.abs(before - lift) / 2);
	});

	it('reports every ROAS, mROAS and lift interval around its own estimate, with a lift test', async () => {
		// A lift far from what the data say pulls the full fit away from its resamples: the case
		// where a plain percentile interval can exclude the estimate.
		const from = dataset.dates[20];
		const to = dataset.dates[39];
		const free = await fitMmm(dataset, FAST);
		const before = free.decomposition.channels[1].values.slice(20, 40).reduce((a, b) => a + b, 0);
		const lift = before * 2;
		const fit = await fitMmm(dataset, {
			...FAST,
			lifts: [{ channelId: 'ch1', start: from, end: to, lift, low: lift * 0.97, high: lift * 1.03 }]
		});
		const intervals = [
			...fit.channels.flatMap((ch) => [ch.roas, ch.mroas, ch.contribution]),
			...fit.lifts.map((l) => l.implied)
		];
		expect(fit.lifts.length).toBe(1);
		for (const { low, mean, high } of intervals) {
			expect(low).toBeLessThanOrEqual(mean);
			expect(mean).toBeLessThanOrEqual(high);
			expect(low).toBeLessThan(high);
		}
	});

	it('widens a percentile interval only as far as its estimate', () => {
		const draws = Array.from({ length: 21 }, (_, i) => 10 + i);
		expect(interval(15, draws)).toEqual({ mean: 15, low: 11, high: 29 });
		expect(interval(5, draws)).toEqual({ mean: 5, low: 5, high: 29 });
		expect(interval(40, draws)).toEqual({ mean: 40, low: 11, high: 40 });
	});

	it('says what is wrong with data it cannot fit', async () => {
		const short = {
			...dataset,
			dates: dataset.dates.slice(0, 20),
			kpi: { ...dataset.kpi, values: dataset.kpi.values.slice(0, 20) },
			channels: dataset.channels.map((c) => ({ ...c, spend: c.spend.slice(0, 20) }))
		};
		await expect(fitMmm(short, FAST)).rejects.toThrow(/20 periods are too few/);
		const negative = {
			...dataset,
			channels: dataset.channels.map((c, i) =>
				i === 1 ? { ...c, spend: Float64Array.from(c.spend, (x, t) => (t === 3 ? -1 : x)) } : c
			)
		};
		await expect(fitMmm(negative, FAST)).rejects.toThrow(
			new RegExp(`Spend of Channel 1 on ${dataset.dates[3]} is -1`)
		);
		await expect(
			fitMmm(dataset, {
				...FAST,
				lifts: [
					{
						channelId: 'tv',
						start: dataset.dates[0],
						end: dataset.dates[3],
						lift: 1,
						low: 0,
						high: 2
					}
				]
			})
		).rejects.toThrow(/Lift test 1: no channel has the id "tv"/);
		await expect(fitMmm(dataset, { ...FAST, draws: 3 })).rejects.toThrow(
			/draws must be a whole number from 10/
		);
	});
});
