/**
 * Drift detection: the KS test's exact p-values against brute-force enumeration, the asymptotic
 * ones against the exact, its false-alarm rate near α on identically distributed samples and on
 * a stationary market, and a planted regime shift caught within three weeks.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { createStream, normal } from '../sim/random';
import { runFixedSplit } from '../sim/run';
import type { Scenario } from '../sim/scenario';
import {
	driftCheck,
	driftFeatures,
	firstDriftAlert,
	ksStatistic,
	ksTwoSample,
	performanceDecay,
	pilotDriftAlerts
} from './drift';
import { runPolicy } from './runner';
import { createBauFixed } from '../policies/bau-fixed';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';

/** P(D ≥ d) by enumerating every way to split the pooled ranks into samples of m and n. */
function bruteForcePValue(a: number[], b: number[]): number {
	const pooled = [...a, ...b];
	const m = a.length;
	const observed = ksStatistic(a, b);
	let hits = 0;
	let total = 0;
	const pick = (start: number, chosen: number[]) => {
		if (chosen.length === m) {
			const x = chosen.map((i) => pooled[i]);
			const y = pooled.filter((_, i) => !chosen.includes(i));
			total++;
			if (ksStatistic(x, y) >= observed - 1e-12) hits++;
			return;
		}
		for (let i = start; i < pooled.length; i++) pick(i + 1, [...chosen, i]);
	};
	pick(0, []);
	return hits / total;
}

const sample = (rng: ReturnType<typeof createStream>, n: number, shift = 0) =>
	Array.from({ length: n }, () => normal(rng) + shift);

describe('two-sample KS test', () => {
	it('computes D as the largest CDF distance', () => {
		expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
		expect(ksStatistic([1, 2, 3, 4], [3.5, 5])).toBeCloseTo(0.75, 12);
		expect(ksStatistic([1, 2], [1, 2])).toBe(0);
	});

	it('gives exact p-values equal to enumeration over all splits', () => {
		const rng = createStream(5, 0);
		for (const [m, n, shift] of [
			[4, 5, 0],
			[5, 5, 1],
			[3, 7, 2],
			[6, 4, 0.5]
		]) {
			const a = sample(rng, m, shift);
			const b = sample(rng, n);
			const result = ksTwoSample(a, b);
			expect(result.method).toBe('exact');
			expect(result.pValue).toBeCloseTo(bruteForcePValue(a, b), 10);
		}
	});

	it('has asymptotic p-values close to the exact ones for samples of 60', () => {
		const rng = createStream(6, 0);
		for (const shift of [0.2, 0.5, 0.8]) {
			const a = sample(rng, 60, shift);
			const b = sample(rng, 60);
			const exact = ksTwoSample(a, b, true).pValue;
			const asymptotic = ksTwoSample(a, b, false).pValue;
			expect(Math.abs(exact - asymptotic)).toBeLessThan(0.02 + 0.1 * exact);
		}
	});

	it('rejects identically distributed samples of 28 days at about α = 5 %', () => {
		const rng = createStream(7, 0);
		let rejections = 0;
		const runs = 1000;
		for (let r = 0; r < runs; r++)
			if (ksTwoSample(sample(rng, 28), sample(rng, 28)).pValue < 0.05) rejections++;
		// Binomial sd ≈ 0.7 %; the exact test is a little conservative for discrete D.
		expect(rejections / runs).toBeGreaterThan(0.025);
		expect(rejections / runs).toBeLessThan(0.065);
	});
});

/** dtc-default made stationary: no seasons, events, trend, creative fatigue or halo build-up. */
function stationary(days: number): Scenario {
	const base = loadPreset('dtc-default');
	return {
		...base,
		days,
		history: { ...base.history, days: 0 },
		seasonality: {
			...base.seasonality,
			weekly: [1, 1, 1, 1, 1, 1, 1],
			yearlyAmplitude: 0,
			trendPerYear: 0
		},
		events: [],
		regimeShifts: [],
		channels: base.channels.map((c) => ({
			...c,
			haloReceptivity: 0,
			creatives: c.creatives.map((k) => ({ ...k, fatigueRate: 0 }))
		}))
	};
}

describe('drift checks on simulated markets', () => {
	/** Reference: days 56–111 (after eight weeks of warm-up), as a model's training window. */
	const reference: [number, number] = [56, 112];
	const seeds = Array.from({ length: 20 }, (_, i) => 300 + i);

	it('rarely fires on a stationary market: per-test rate near α, family-wise at most about α', () => {
		const scenario = stationary(196);
		let tests = 0;
		let rejections = 0;
		let alarms = 0;
		const many = Array.from({ length: 40 }, (_, i) => 500 + i);
		for (const seed of many) {
			const check = driftCheck(
				driftFeatures(runFixedSplit(scenario, { seed }).trace),
				reference,
				[168, 196]
			);
			tests += check.tests.length;
			rejections += check.tests.filter((t) => t.pValue < 0.05).length;
			if (check.drifted.length > 0) alarms++;
		}
		// 520 correlated tests: the rate is noisy; the exact test is conservative on discrete days.
		expect(rejections / tests).toBeGreaterThan(0.005);
		expect(rejections / tests).toBeLessThan(0.1);
		expect(alarms / many.length).toBeLessThanOrEqual(0.15);
	});

	it('detects a 30 % rise of a channel’s CPM within 21 days of the shift in ≥ 90 % of seeds', () => {
		const base = stationary(280);
		const cpm = base.channels.find((c) => c.id === 'social-prospecting')!.auction.medianCpm;
		const shiftDay = 168;
		const scenario: Scenario = {
			...base,
			regimeShifts: [
				{ day: shiftDay, path: 'channels[social-prospecting].auction.medianCpm', value: cpm * 1.3 }
			]
		};
		let detected = 0;
		for (const seed of seeds) {
			const features = driftFeatures(runFixedSplit(scenario, { seed }).trace);
			const alert = firstDriftAlert(features, reference, shiftDay + 7, shiftDay + 21);
			if (alert?.drifted.includes('social-prospecting.cpm')) detected++;
		}
		expect(detected / seeds.length).toBeGreaterThanOrEqual(0.9);
	});
});

describe('drift alerts in a pilot', () => {
	it('raises its first alert on the shifted channel within 21 pilot days after a planted CPM shift', () => {
		const base = stationary(112);
		const cpm = base.channels.find((c) => c.id === 'display')!.auction.medianCpm;
		const scenario: Scenario = {
			...base,
			history: { days: 112, flighting: 0 },
			regimeShifts: [{ day: 56, path: 'channels[display].auction.medianCpm', value: cpm * 1.4 }]
		};
		const shares = Object.fromEntries(scenario.channels.map((c) => [c.id, c.historicalShare]));
		const run = runPolicy(scenario, createBauFixed({ kind: 'bau-fixed', shares }), {
			seed: 11,
			objective: 'ltv-profit',
			guardrails: DEFAULT_GUARDRAILS
		});
		const alerts = pilotDriftAlerts(run.trace, run.historyDays);
		const onDisplay = alerts.filter((a) => a.tests.some((t) => t.feature === 'display.cpm'));
		expect(onDisplay.length).toBeGreaterThan(0);
		expect(onDisplay[0].day).toBeGreaterThanOrEqual(56);
		expect(onDisplay[0].day).toBeLessThanOrEqual(56 + 21);
	});
});

describe('performance decay', () => {
	it('alerts on a 20 % drop and not on noise around the same level', () => {
		const rng = createStream(8, 0);
		const level = (mean: number) =>
			Array.from({ length: 28 }, () => mean * (1 + 0.1 * normal(rng)));
		expect(performanceDecay(level(2), level(1.6)).alert).toBe(true);
		expect(performanceDecay(level(2), level(2)).alert).toBe(false);
		expect(performanceDecay(level(2), level(2.5)).alert).toBe(false);
	});
});
