/**
 * Per-day detail of one seed of a pilot that `PilotResult` does not keep: each policy's creative
 * click rates (with pauses and refreshes) and its LTV cohorts. The lab draws them for the
 * pilot's first seed.
 *
 * `runSeed` (pilot.ts) hands back only metrics, so this runs the seed's policies again exactly
 * as `runSeed` does (same shared history, same configs: the same runs) and shapes each run
 * before the next one reuses the market. With an `onPolicyRun` hook in `runSeed` the lab could
 * shape these during its first seed instead of running it twice.
 */
import { createPolicy, policyLabel } from '../policies/registry';
import { decisionLogBuffers, type DecisionLog } from './decision-log';
import type { Scenario } from '../sim/scenario';
import { cohortCurves, type CohortCurves } from './cohort-curves';
import { CreativeRecorder, creativeSeries, type CreativeSeries } from './creative-series';
import { pilotPolicies, runSeed, type PilotConfig } from './pilot';
import { runPolicy, sharedStart } from './runner';

/** One policy's detail on the seed. */
export interface PolicyDetails {
	id: string;
	name: string;
	creatives: CreativeSeries;
	cohorts: CohortCurves;
}

/** The detail of every policy of a pilot on one seed. */
export interface PilotDetails {
	/** The market seed the detail comes from. */
	seed: number;
	/** Pilot days. */
	days: number;
	/** Per policy id, in the pilot's order. */
	policies: Record<string, PolicyDetails>;
}

/**
 * What the report draws of one seed beyond the pilot's summary: every policy's decision log and
 * per-day detail. A result holds these for the pilot's first seed; any other seed is run again.
 */
export interface SeedView {
	seed: number;
	/** Decision logs by policy id. */
	logs: Record<string, DecisionLog>;
	details: PilotDetails;
}

/**
 * Run every policy of `config` on `seed` (the oracle included) and shape each run's detail.
 * @param onRun after each policy: (policies done, policies); return false to stop (→ null)
 */
export function seedDetails(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	onRun?: (done: number, total: number) => boolean | void
): PilotDetails | null {
	const days = config.days ?? scenario.days;
	const start = sharedStart(scenario, seed, days);
	const specs = pilotPolicies(config);
	const policies: Record<string, PolicyDetails> = {};
	for (let i = 0; i < specs.length; i++) {
		const policy = createPolicy(specs[i], seed, scenario);
		// The recorder must see the market as the run will start it: restore it first.
		start.market.restore(start.snapshot);
		const recorder = new CreativeRecorder(start.market);
		const liveAtStart = recorder.liveAtStart;
		const run = runPolicy(
			scenario,
			policy,
			{ seed, days, objective: config.objective, guardrails: config.guardrails },
			{ onDay: (done) => recorder.endOfDay(done - 1) },
			start
		);
		const { id, name } = policyLabel(specs[i]);
		policies[id] = {
			id,
			name,
			creatives: creativeSeries(run, scenario, recorder.events, liveAtStart),
			cohorts: cohortCurves(run, scenario)
		};
		if (onRun?.(i + 1, specs.length) === false) return null;
	}
	return { seed, days, policies };
}

/** The buffers of a detail, to transfer (not copy) across a worker boundary. */
export function detailTransferables(details: PilotDetails): ArrayBuffer[] {
	const buffers: ArrayBuffer[] = [];
	for (const policy of Object.values(details.policies)) {
		buffers.push(
			policy.creatives.clickRate.buffer as ArrayBuffer,
			policy.creatives.impressions.buffer as ArrayBuffer,
			policy.cohorts.revenue.buffer as ArrayBuffer
		);
	}
	return buffers;
}

/**
 * Run `seed` of the pilot again for the report: every policy's decision log (as `runSeed` keeps
 * them), then its per-day detail. `onRun` hears (runs done, runs) over both passes; returning
 * false stops it (→ null).
 */
export function seedView(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	onRun?: (done: number, total: number) => boolean | void
): SeedView | null {
	const policies = pilotPolicies(config).length;
	const from = (offset: number) => (done: number) => onRun?.(offset + done, 2 * policies);
	const result = runSeed(scenario, config, seed, { onRun: from(0) }, true);
	if (!result) return null;
	const details = seedDetails(scenario, config, seed, from(policies));
	return details && { seed, logs: result.logs, details };
}

/** The buffers of a seed view, to transfer across a worker boundary. */
export function seedViewTransferables(view: SeedView): ArrayBuffer[] {
	return [
		...new Set([
			...Object.values(view.logs).flatMap(decisionLogBuffers),
			...detailTransferables(view.details)
		])
	];
}
