/**
 * The LTV-aware policy's must-show (issue 6): a TF.js LTV model trained on a simulated history
 * of cohorts, read out into plain numbers, predicts each segment's value from the newest
 * customers' first four weeks of orders; "ts-curve-ltv" plans with those predictions instead of
 * the pre-pilot plan. On `ltv-shift` (enthusiasts' value falls by half and deal seekers' doubles
 * on the pilot's second day) it beats ts-curve, which keeps the stale plan, over 30 paired seeds;
 * without a shift its estimates stay near the plan.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pilotSeeds, runSeed, type PilotConfig } from '../../src/lib/experiment/pilot';
import { parsePilotConfig } from '../../src/lib/experiment/pilot-config';
import { runPolicy, sharedStart } from '../../src/lib/experiment/runner';
import { pairedCi } from '../../src/lib/experiment/stats';
import { ltvData } from '../../src/lib/models/ltv-data';
import { ltvFeatures } from '../../src/lib/models/ltv-features';
import { trainLtvOnRecords, type LtvModel } from '../../src/lib/models/ltv-model';
import type { TsCurveLtvState } from '../../src/lib/policies/ts-curve-ltv';
import { earlyLtvMismatch } from '../../src/lib/policies/early-ltv';
import { layoutOf } from '../../src/lib/experiment/view';
import { reasonMask, type DecisionLog } from '../../src/lib/experiment/decision-log';
import {
	ltvPredict,
	ltvWeightsFromJson,
	type LtvWeightsJson
} from '../../src/lib/policies/ltv-network';
import { createPolicy } from '../../src/lib/policies/registry';
import { compile } from '../../src/lib/sim/compile';
import { loadPreset } from '../../src/lib/sim/presets';
import { applyShift, type Scenario } from '../../src/lib/sim/scenario';

let model: LtvModel;
let weights: LtvWeightsJson;
const shiftScenario = loadPreset('ltv-shift');

/** The layout policies see on ltv-shift. */
const createPolicyLayout = () => layoutOf(shiftScenario, 3);

function config(scenario: Scenario, policies: unknown[], seeds: number): PilotConfig {
	const parsed = parsePilotConfig({ policies, seeds, firstSeed: 1 }, scenario);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
}

/** The decision log of the last `estimateAfter` run. */
let lastLog: DecisionLog | null = null;

/** Pilot days of decisions tagged 'value' (the LTV it plans with moved) in a log. */
function valueDays(log: DecisionLog): number[] {
	const mask = reasonMask(['value']);
	const days: number[] = [];
	for (let i = 0; i < log.length; i++) if (log.reasons[i * log.C] & mask) days.push(log.day[i]);
	return days;
}

/** The policy's LTV per segment after `days` pilot days on `scenario`, seed 1. */
function estimateAfter(scenario: Scenario, days: number): number[] {
	const cfg = config(scenario, [{ kind: 'ts-curve-ltv', ltvModel: weights }], 1);
	const policy = createPolicy(cfg.policies[0], 1, scenario);
	const run = runPolicy(
		scenario,
		policy,
		{ seed: 1, days, objective: 'ltv-profit', guardrails: cfg.guardrails },
		{},
		sharedStart(scenario, 1, days)
	);
	lastLog = run.log;
	const ratio = (policy.getState() as TsCurveLtvState).ltv.ratio!;
	const planned = compile(scenario).ltvMargin;
	return ratio.map((r, s) => r * planned[s]);
}

beforeAll(async () => {
	await tf.setBackend('cpu');
	// The history before the pilot is the same with or without the shift (it starts on day 1).
	const data = ltvData(loadPreset('dtc-default'), 1);
	model = await trainLtvOnRecords(data.records, data.layout, { epochs: 30 });
	weights = model.weightsJson();
}, 120_000);

describe('LTV network read out of TF.js', () => {
	it('predicts what the TF.js model predicts', () => {
		const w = ltvWeightsFromJson(weights);
		const data = ltvData(loadPreset('dtc-default'), 2);
		const rows = ltvFeatures(data.records.slice(0, 50), data.layout);
		const expected = model.predict(rows, 50);
		for (let i = 0; i < 50; i++) {
			const got = ltvPredict(w, rows.subarray(i * w.columns, (i + 1) * w.columns));
			expect(Math.abs(got - expected[i])).toBeLessThan(1e-3 * Math.max(1, Math.abs(expected[i])));
		}
	});

	it('refuses malformed weights with the field named', () => {
		const bad = { ...weights, mean: weights.mean.slice(1) };
		expect(() => ltvWeightsFromJson(bad)).toThrow(/ltvModel\.mean/);
		const parsed = parsePilotConfig(
			{ policies: [{ kind: 'ts-curve-ltv', ltvModel: { ...weights, layers: [] } }] },
			shiftScenario
		);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[0].path).toContain('ltvModel');
		const renamed = {
			layout: { ...createPolicyLayout(), segmentNames: ['A', 'B', 'C'] }
		};
		expect(earlyLtvMismatch(ltvWeightsFromJson(weights), renamed)).toMatch(/trained for segments/);
	});
});

describe('early LTV estimates', () => {
	it('follow a value shift within six weeks: at least half way from the plan to the truth', () => {
		let shifted = shiftScenario;
		for (const r of shiftScenario.regimeShifts) shifted = applyShift(shifted, r.path, r.value);
		const planned = compile(shiftScenario).ltvMargin;
		const truth = compile(shifted).ltvMargin;
		const estimate = estimateAfter(shiftScenario, 42);
		for (let s = 0; s < planned.length; s++) {
			if (Math.abs(truth[s] - planned[s]) < 1e-9) {
				expect(Math.abs(estimate[s] / planned[s] - 1), `segment ${s}`).toBeLessThan(0.1);
			} else {
				const moved = (estimate[s] - planned[s]) / (truth[s] - planned[s]);
				expect(moved, `segment ${s}`).toBeGreaterThan(0.5);
				expect(moved, `segment ${s}`).toBeLessThan(1.5);
			}
		}
		// The log says why spend moved: the value was re-estimated, within the first six weeks.
		const days = valueDays(lastLog!);
		expect(days.length).toBeGreaterThan(0);
		expect(days[0]).toBeLessThanOrEqual(42);
	}, 60_000);

	it('stay near the plan when nothing changed', () => {
		const scenario = loadPreset('dtc-default');
		const planned = compile(scenario).ltvMargin;
		const estimate = estimateAfter(scenario, 120);
		estimate.forEach((e, s) =>
			expect(Math.abs(e / planned[s] - 1), `segment ${s}`).toBeLessThan(0.15)
		);
	}, 60_000);
});

describe('pilot on ltv-shift, 30 seeds, LTV-profit', () => {
	it('gains LTV-profit over ts-curve with the stale plan, paired 95 % interval above zero', () => {
		const cfg = config(
			shiftScenario,
			[{ kind: 'ts-curve' }, { kind: 'ts-curve-ltv', ltvModel: weights }],
			30
		);
		const results = pilotSeeds(cfg).map((seed) => runSeed(shiftScenario, cfg, seed)!);
		const profit = (id: string) =>
			results.map((r) => r.runs.find((run) => run.policyId === id)!.ltvProfit);
		const gain = pairedCi(profit('ts-curve-ltv'), profit('ts-curve'));
		expect(gain.low).toBeGreaterThan(0);
	}, 240_000);
});
