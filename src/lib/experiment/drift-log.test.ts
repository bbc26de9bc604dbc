/**
 * Drift alerts in a run's decision log: weekly checks against the pilot's own first eight weeks
 * catch a planted CPM shift within three weeks, rarely fire on a stationary market although the
 * history before the pilot is flighted, and reach the pilot's kept logs (onsets only).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { createBauFixed } from '../policies/bau-fixed';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { logDriftAlerts } from './drift-log';
import { parsePilotConfig } from './pilot-config';
import { runSeed } from './pilot';
import { runPolicy } from './runner';

/** dtc-default without seasons, events, trend, fatigue or halo; 112 days of flighted history. */
function stationary(days: number): Scenario {
	const base = loadPreset('dtc-default');
	return {
		...base,
		days,
		history: { days: 112, flighting: 0.5 },
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

const SHIFT_DAY = 112;

function shifted(days: number): Scenario {
	const base = stationary(days);
	const cpm = base.channels.find((c) => c.id === 'display')!.auction.medianCpm;
	return {
		...base,
		regimeShifts: [
			{ day: SHIFT_DAY, path: 'channels[display].auction.medianCpm', value: cpm * 1.4 }
		]
	};
}

function alertsOf(scenario: Scenario, seed: number) {
	const shares = Object.fromEntries(scenario.channels.map((c) => [c.id, c.historicalShare]));
	const run = runPolicy(scenario, createBauFixed({ kind: 'bau-fixed', shares }), {
		seed,
		objective: 'ltv-profit',
		guardrails: DEFAULT_GUARDRAILS
	});
	return logDriftAlerts(run.trace, run.historyDays);
}

const seeds = [21, 22, 23, 24, 25, 26];

describe('drift alerts in the decision log', () => {
	it('flags the shifted channel within 21 days of a planted 40 % CPM rise', () => {
		let detected = 0;
		for (const seed of seeds) {
			const alerts = alertsOf(shifted(168), seed);
			// Nothing is flagged on display before the shift can be in the recent window.
			expect(alerts.some((a) => a.day <= SHIFT_DAY && a.features.includes('display.cpm'))).toBe(
				false
			);
			const first = alerts.find((a) => a.features.includes('display.cpm'));
			if (first && first.day <= SHIFT_DAY + 21) {
				detected++;
				expect(first.pValue).toBeLessThan(0.05 / 13);
			}
		}
		expect(detected).toBeGreaterThanOrEqual(seeds.length - 1);
	});

	it('rarely fires on a stationary market after flighted history', () => {
		let alerts = 0;
		let checks = 0;
		for (let seed = 21; seed < 33; seed++) {
			alerts += alertsOf(stationary(168), seed).length;
			// Checks on pilot days 84, 91, …, 168.
			checks += 13;
		}
		// Each check is at family-wise α = 5 %, but daily new customers are autocorrelated (slow
		// demand noise), which the KS test does not allow for; only onsets are logged, so
		// alarms that persist for weeks count once.
		expect(alerts / checks).toBeLessThanOrEqual(0.15);
	});

	it('keeps the alerts in the logs of a pilot’s first seed', () => {
		const scenario = shifted(140);
		const config = parsePilotConfig({ policies: [{ kind: 'bau-fixed' }], seeds: 1 }, scenario);
		if (!config.ok) throw new Error('config');
		const seed = runSeed(scenario, config.value, 21, {}, true);
		const log = seed!.logs['bau-fixed'];
		expect(log.alerts?.some((a) => a.features.includes('display.cpm'))).toBe(true);
	});
});

describe('performance-decay alerts', () => {
	/** The stationary market where every segment's propensity halves on SHIFT_DAY. */
	function weaker(days: number): Scenario {
		const base = stationary(days);
		return {
			...base,
			regimeShifts: base.segments.map((s, i) => ({
				day: SHIFT_DAY,
				path: `segments[${i}].propensity`,
				value: s.propensity * 0.5
			}))
		};
	}

	it('fire within four weeks when revenue per ad dollar falls', () => {
		for (const seed of [1, 2, 3]) {
			const decay = alertsOf(weaker(224), seed).filter((a) =>
				a.features.includes('revenuePerDollar')
			);
			expect(decay.length, `seed ${seed}`).toBeGreaterThan(0);
			expect(decay[0].day, `seed ${seed}`).toBeGreaterThan(SHIFT_DAY);
			expect(decay[0].day - SHIFT_DAY, `seed ${seed}`).toBeLessThanOrEqual(28);
			expect(decay[0].decay!, `seed ${seed}`).toBeLessThan(-0.2);
		}
	});

	it('stay quiet on the stationary market', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const decay = alertsOf(stationary(224), seed).filter((a) =>
				a.features.includes('revenuePerDollar')
			);
			expect(decay, `seed ${seed}`).toEqual([]);
		}
	});
});
