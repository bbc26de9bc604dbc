/**
 * A small real pilot for the report's data-preparation tests: the two-channel teaching preset,
 * 60 days, 3 seeds, a BAU rule, Thompson sampling and the oracle. Built once per test file.
 */
import { runPilot, type PilotConfig, type PilotResult } from '../../src/lib/experiment/pilot';
import { parsePilotConfig } from '../../src/lib/experiment/pilot-config';
import { loadPreset } from '../../src/lib/sim/presets';
import type { Scenario } from '../../src/lib/sim/scenario';

export function reportFixture(seeds = 3): {
	scenario: Scenario;
	config: PilotConfig;
	result: PilotResult;
} {
	const scenario = loadPreset('two-channels');
	const parsed = parsePilotConfig(
		{ policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }], seeds, days: 60 },
		scenario
	);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const result = runPilot(scenario, parsed.value);
	if (!result) throw new Error('pilot cancelled');
	return { scenario, config: parsed.value, result };
}
