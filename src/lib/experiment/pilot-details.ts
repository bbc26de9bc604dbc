/**
 * Per-day detail of one seed of a pilot that `PilotResult` does not keep: each policy's creative
 * click rates (with pauses and refreshes) and its LTV cohorts. The lab draws them for the
 * pilot's first seed, and for any other seed the report asks for (`seedView`, with the seed's
 * decision logs).
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
import { keptLog, pilotPolicies, type PilotConfig } from './pilot';
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
	return replaySeed(scenario, config, seed, onRun, false)?.details ?? null;
}

/**
 * Run the seed's policies again exactly as `runSeed` does (same shared history, same configs)
 * and shape each run's detail, and its decision log when `keepLogs`, before the next run reuses
 * the market.
 */
function replaySeed(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	onRun: ((done: number, total: number) => boolean | void) | undefined,
	keepLogs: boolean
): { details: PilotDetails; logs: Record<string, DecisionLog> } | null {
	const days = config.days ?? scenario.days;
	const start = sharedStart(scenario, seed, days);
	const specs = pilotPolicies(config);
	const policies: Record<string, PolicyDetails> = {};
	const logs: Record<string, DecisionLog> = {};
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
		if (keepLogs) logs[policy.id] = keptLog(run);
		if (onRun?.(i + 1, specs.length) === false) return null;
	}
	return { details: { seed, days, policies }, logs };
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
 * Run `seed` of the pilot again for the report, in one pass: every policy's decision log (as
 * `runSeed` keeps them) and per-day detail. `onRun` hears (policies done, policies); returning
 * false stops it (→ null).
 */
export function seedView(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	onRun?: (done: number, total: number) => boolean | void
): SeedView | null {
	const replay = replaySeed(scenario, config, seed, onRun, true);
	return replay && { seed, logs: replay.logs, details: replay.details };
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
