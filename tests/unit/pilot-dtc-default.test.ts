/**
 * The allocators issue's "must show", on dtc-default with 30 seeds and the LTV-profit objective:
 * the best learning policy reaches ≥ 95 % of the oracle and beats every BAU policy with a 95 %
 * interval excluding zero; last-click BAU over-funds the lower funnel; runs reproduce exactly.
 */
import { describe, expect, it } from 'vitest';
import { pairedCi } from '../../src/lib/experiment/stats';
import {
	pilotSeeds,
	runSeed,
	summarizePilot,
	type PilotConfig,
	type SeedResult
} from '../../src/lib/experiment/pilot';
import { DEFAULT_GUARDRAILS } from '../../src/lib/guardrails/types';
import { loadPreset } from '../../src/lib/sim/presets';

const scenario = loadPreset('dtc-default');
const BAU = ['bau-fixed', 'bau-last-click', 'bau-platform-roas', 'bau-manual-ops'];
const LEARNING = ['ts-curve'];
const config: PilotConfig = {
	policies: [...BAU, ...LEARNING, 'oracle'].map((kind) => ({ kind })),
	seeds: 30,
	firstSeed: 1000,
	objective: 'ltv-profit',
	guardrails: DEFAULT_GUARDRAILS
};
const results: SeedResult[] = pilotSeeds(config).map((seed, i) =>
	runSeed(scenario, config, seed, {}, i === 0)!
);
const pilot = summarizePilot(scenario, config, results);
const profits = (id: string) =>
	results.map((r) => r.runs.find((run) => run.policyId === id)!.ltvProfit);

describe('pilot on dtc-default, 30 seeds, LTV-profit', () => {
	it('has the best learning policy at ≥ 95 % of the oracle', () => {
		const best = pilot.policies
			.filter((p) => LEARNING.includes(p.id))
			.sort((a, b) => b.shareOfOracle.mean - a.shareOfOracle.mean)[0];
		expect(best.shareOfOracle.mean).toBeGreaterThanOrEqual(0.95);
		expect(best.shareOfOracle.mean).toBeLessThanOrEqual(1.0);
	});

	it('has the best learning policy beat every BAU policy, 95 % interval excluding zero', () => {
		for (const learner of LEARNING) {
			for (const bau of BAU) {
				const difference = pairedCi(profits(learner), profits(bau));
				expect(difference.low, `${learner} − ${bau}`).toBeGreaterThan(0);
			}
		}
	});

	it('shows last-click BAU over-funding the lower funnel relative to the oracle', () => {
		const lower = scenario.channels
			.map((c, i) => (c.stage === 'lower' ? i : -1))
			.filter((i) => i >= 0);
		const lowerShare = (id: string) => {
			const spend = pilot.policies.find((p) => p.id === id)!.channels.spend;
			return lower.reduce((a, c) => a + spend[c], 0) / spend.reduce((a, b) => a + b, 0);
		};
		expect(lowerShare('bau-last-click')).toBeGreaterThan(1.5 * lowerShare('oracle'));
	});

	it('reproduces identical results when re-run with the same seeds', () => {
		for (const i of [0, 17]) {
			const again = runSeed(scenario, config, results[i].seed, {}, false)!;
			expect(again.runs).toEqual(results[i].runs);
			expect(again.holdout).toEqual(results[i].holdout);
		}
	});
});
