/** Run a one-seed pilot for a lesson and return each policy's metrics by id. */
import { parsePilotConfig } from '../../experiment/pilot-config';
import { runSeed } from '../../experiment/pilot';
import type { RunMetrics } from '../../experiment/metrics';
import type { Scenario } from '../../sim/scenario';

export function pilotOnce(
	scenario: Scenario,
	input: Record<string, unknown>
): Map<string, RunMetrics> {
	const parsed = parsePilotConfig({ seeds: 1, ...input }, scenario);
	if (!parsed.ok)
		throw new Error(
			`lesson pilot: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`
		);
	const result = runSeed(scenario, parsed.value, parsed.value.firstSeed);
	if (!result) throw new Error('lesson pilot: the run did not finish');
	return new Map(result.runs.map((run) => [run.policyId, run]));
}
