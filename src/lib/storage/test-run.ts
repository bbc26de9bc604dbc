/** A small real pilot for storage tests (two channels, two seeds, three weeks: ~0.1 s). */
import { runPilot, type PilotResult } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { loadPreset } from '../sim/presets';
import type { NewRun } from './run-record';

/** Run the small pilot; `objective` as in a pilot config. */
export function smallRun(objective = 'ltv-profit'): NewRun & { result: PilotResult } {
	const scenario = loadPreset('two-channels');
	const config = parsePilotConfig(
		{
			policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }, { kind: 'ucb1' }],
			seeds: 2,
			days: 21,
			objective
		},
		scenario
	);
	if (!config.ok) throw new Error(JSON.stringify(config.errors));
	const result = runPilot(scenario, config.value);
	if (!result) throw new Error('pilot cancelled');
	return { preset: 'two-channels', scenario, config: config.value, result };
}
