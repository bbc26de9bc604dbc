import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { createImportService } from './import';
import { importSimulatedMarket } from './simulated-market';
import { simulatedLiftTest } from './simulated-lift';

async function market(seed: number): Promise<Dataset> {
	const reply = await importSimulatedMarket(createImportService(), seed);
	if (!reply.result.ok) throw new Error('the simulated market did not import');
	return reply.result.dataset;
}

describe('simulatedLiftTest', () => {
	it('measures the true effect over 8 weeks of usual spend, with a 95 % interval of ±1.96 SE', async () => {
		const dataset = await market(5);
		const id = 'display';
		const test = simulatedLiftTest(dataset, id)!;
		const channel = dataset.channels.find((c) => c.id === id)!;
		const truth = dataset.truth!.roas.find((r) => r.channel === id)!;
		const start = dataset.dates.indexOf(test.start);
		expect(dataset.dates.indexOf(test.end) - start).toBe(7);
		// No other 8-week window spends closer to the channel's average week.
		const T = dataset.dates.length;
		const usual = channel.spend.reduce((a, b) => a + b, 0) / T;
		const gap = (t0: number) =>
			Math.abs(channel.spend.slice(t0, t0 + 8).reduce((a, b) => a + b, 0) / 8 - usual);
		for (let t0 = 0; t0 + 8 <= T; t0++) expect(gap(t0)).toBeGreaterThanOrEqual(gap(start));
		expect(gap(start) / usual).toBeLessThan(0.05);
		const trueLift = truth.perPeriod.slice(start, start + 8).reduce((a, b) => a + b, 0);
		const se = 0.1 * trueLift;
		expect(test.high - test.lift).toBeCloseTo(1.959963984540054 * se, 6);
		expect(test.lift - test.low).toBeCloseTo(1.959963984540054 * se, 6);
		// The measurement errs by a plausible amount (well inside 4 SE) and repeats for its seed.
		expect(Math.abs(test.lift - trueLift)).toBeLessThan(4 * se);
		expect(simulatedLiftTest(dataset, id)).toEqual(test);
		expect(simulatedLiftTest(dataset, id, { seed: 2 })!.lift).not.toBe(test.lift);
	});

	it('errs like a measurement: over many seeds the error has mean ≈ 0 and sd ≈ the SE', async () => {
		const dataset = await market(2);
		const exact = simulatedLiftTest(dataset, 'affiliates', { relativeSe: 0 })!.lift;
		const errors = Array.from({ length: 400 }, (_, i) => {
			const t = simulatedLiftTest(dataset, 'affiliates', { seed: i + 1 })!;
			return (t.lift - exact) / (0.1 * exact);
		});
		const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
		const sd = Math.sqrt(errors.reduce((a, b) => a + (b - mean) ** 2, 0) / (errors.length - 1));
		expect(Math.abs(mean)).toBeLessThan(0.2); // 4 standard errors of the mean
		expect(sd).toBeGreaterThan(0.85);
		expect(sd).toBeLessThan(1.15);
	});

	it('runs only where the truth is known', async () => {
		const dataset = await market(1);
		const { truth: _truth, ...plain } = dataset;
		expect(simulatedLiftTest(plain, 'display')).toBeNull();
		expect(simulatedLiftTest(dataset, 'no-such-channel')).toBeNull();
		expect(simulatedLiftTest(dataset, 'display', { periods: 1000 })).toBeNull();
	});
});
