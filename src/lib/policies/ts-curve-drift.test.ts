/**
 * ts-curve's refit on drift: the option is validated, off by default (runs unchanged), and on a
 * planted change of two channels' response it raises its own alert (from residuals of its
 * model on observables) after the shift and tags that decision 'drift'.
 */
import { describe, expect, it } from 'vitest';
import { reasonsOf } from '../experiment/decision-log';
import { runPolicy } from '../experiment/runner';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { parsePolicySpec } from './registry';
import { createTsCurve, type TsCurveConfig } from './ts-curve';

const SHIFT_DAY = 112;

/** dtc-default over 224 pilot days; on day 112 retargeting's response falls to a quarter and video's grows 2.5×. */
function shifted(): Scenario {
	const base = loadPreset('dtc-default');
	const rate = (id: string) => base.channels.find((c) => c.id === id)!.maxConversionRate;
	return {
		...base,
		days: 224,
		history: { ...base.history, days: 365 },
		regimeShifts: [
			{
				day: SHIFT_DAY,
				path: 'channels[social-retargeting].maxConversionRate',
				value: rate('social-retargeting') * 0.25
			},
			{
				day: SHIFT_DAY,
				path: 'channels[online-video].maxConversionRate',
				value: rate('online-video') * 2.5
			}
		]
	};
}

function run(config: Omit<TsCurveConfig, 'kind'>, seed: number) {
	const scenario = shifted();
	return runPolicy(scenario, createTsCurve({ kind: 'ts-curve', seed, ...config }), {
		seed,
		objective: 'ltv-profit',
		guardrails: DEFAULT_GUARDRAILS
	});
}

function driftDays(log: ReturnType<typeof run>['log']): number[] {
	const days: number[] = [];
	for (let i = 0; i < log.length; i++)
		if (reasonsOf(log.reasons[i * log.C]).includes('drift')) days.push(log.day[i]);
	return days;
}

describe('ts-curve refitOnDrift', () => {
	it('is validated in the policy schema', () => {
		const scenario = loadPreset('two-channels');
		expect(parsePolicySpec({ kind: 'ts-curve', refitOnDrift: true }, scenario).ok).toBe(true);
		const bad = parsePolicySpec({ kind: 'ts-curve', refitOnDrift: 'yes' }, scenario);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors[0].path).toBe('refitOnDrift');
	});

	it('is off by default: the run is identical and no decision is tagged drift', () => {
		const plain = run({}, 1);
		const off = run({ refitOnDrift: false }, 1);
		expect(Array.from(plain.log.newSpend)).toEqual(Array.from(off.log.newSpend));
		expect(driftDays(plain.log)).toEqual([]);
	});

	it('alerts within 28 days after a planted response shift, refits and tags the decision', () => {
		for (const seed of [1, 2]) {
			const on = run({ refitOnDrift: true }, seed);
			const days = driftDays(on.log);
			expect(days.length).toBeGreaterThan(0);
			expect(days[0]).toBeGreaterThan(SHIFT_DAY);
			expect(days[0]).toBeLessThanOrEqual(SHIFT_DAY + 28);
			// The refit changed what it did from then on.
			const off = run({}, seed);
			const at = on.log.day.indexOf(days[0]) * on.log.C;
			const after = (log: typeof on.log) => Array.from(log.newSpend.slice(at + on.log.C * 7));
			expect(after(on.log)).not.toEqual(after(off.log));
		}
	});

	it('saves and restores its drift state', () => {
		const policy = createTsCurve({ kind: 'ts-curve', seed: 3, refitOnDrift: true });
		const state = policy.getState();
		expect(state.drift).toEqual({ referenceStart: null, discountBefore: null, pending: false });
		const copy = createTsCurve({ kind: 'ts-curve', seed: 3, refitOnDrift: true });
		copy.setState(state);
		expect(copy.getState()).toEqual(state);
	});
});
