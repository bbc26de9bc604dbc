/**
 * A tiny pilot shared by the CLI tests: two-channels, 3 seeds, 30 days, two BAU rules, a bandit
 * and the response-curve learner (the oracle is added by the pilot). Runs in a fraction of a second.
 */
import { parsePilotConfig } from '../../src/lib/experiment/pilot-config';
import {
	pilotSeeds,
	runSeed,
	type PilotConfig,
	type SeedResult
} from '../../src/lib/experiment/pilot';
import { loadPreset } from '../../src/lib/sim/presets';
import type { Scenario } from '../../src/lib/sim/scenario';

export const TINY_ARGS = [
	'--scenario',
	'two-channels',
	'--policies',
	'bau-fixed,bau-last-click,thompson,ts-curve',
	'--seeds',
	'3',
	'--days',
	'30'
];

/** The tiny pilot's scenario and validated config. */
export function tinyPilot(): { scenario: Scenario; config: PilotConfig } {
	const scenario = loadPreset('two-channels');
	const parsed = parsePilotConfig(
		{
			policies: ['bau-fixed', 'bau-last-click', 'thompson', 'ts-curve'].map((kind) => ({ kind })),
			seeds: 3,
			days: 30
		},
		scenario
	);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return { scenario, config: parsed.value };
}

/** Its per-seed results, run in this thread (decision logs kept for the first seed, as the CLI does). */
export function tinySeedResults(): SeedResult[] {
	const { scenario, config } = tinyPilot();
	const seeds = pilotSeeds(config);
	return seeds.map((seed) => runSeed(scenario, config, seed, {}, seed === seeds[0])!);
}
