/**
 * The pilot: a set of policies over many seeds of a scenario, compared in business terms.
 *
 * Each seed's history is simulated once and cloned for every policy, and every policy faces
 * the same market draws (common random numbers), so comparisons are paired: the interval of
 * "policy − baseline" is much tighter than the two intervals apart. The oracle always runs: it
 * is the upper bound for regret and "% of oracle". Seeds are independent units of work
 * (`runSeed`) so a worker pool or the CLI's worker threads can share them out; `summarizePilot`
 * combines their plain-data results.
 */
import type { GuardrailConfig } from '../guardrails/types';
import type { Objective } from '../policies/policy';
import { logDriftAlerts } from './drift-log';
import { createPolicy, type PolicySpec } from '../policies/registry';
import { createStream, normal } from '../sim/random';
import type { Scenario } from '../sim/scenario';
import { trimDecisionLog, type DecisionLog } from './decision-log';
import { runMetrics, type RunMetrics } from './metrics';
import { runPolicy, sharedStart, type PolicyRun } from './runner';
import { baselineOf, pilotPolicies } from './pilot-policies';
import { summarizePilot, type PilotResult } from './pilot-summary';

export * from './pilot-policies';
export * from './pilot-summary';

export interface PilotConfig {
	/** The policies to compare (the oracle is added if missing). */
	policies: PolicySpec[];
	/** Number of seeds, and the first (seeds are firstSeed, firstSeed + 1, …). */
	seeds: number;
	firstSeed: number;
	/** Pilot days (defaults to the scenario's horizon). */
	days?: number;
	objective: Objective;
	guardrails: GuardrailConfig;
	/** Id of the business-as-usual policy to compare with (default: the first BAU policy). */
	baseline?: string;
	/** Impressions per user per day counted as too many (customer experience). */
	frequencyThreshold?: number;
}

/** One seed's results: every policy's metrics, and the decision logs. */
export interface SeedResult {
	seed: number;
	runs: RunMetrics[];
	/** Decision logs per policy id (kept for the first seed only, to explain moves). */
	logs: Record<string, DecisionLog>;
	/** Holdout-test estimates of each channel's incremental conversions under the baseline. */
	holdout: number[];
}

export interface RunHooksForPilot {
	/** Progress: policies done for this seed, out of all. Return false to cancel. */
	onRun?(done: number, total: number): boolean | void;
}

/** Share of its audience a simulated holdout test withholds from ads. */
const HOLDOUT_SHARE = 0.1;

/** Run every policy of the pilot on one seed (history simulated once, cloned per policy). */
export function runSeed(
	scenario: Scenario,
	config: PilotConfig,
	seed: number,
	hooks: RunHooksForPilot = {},
	keepLogs = false
): SeedResult | null {
	const days = config.days ?? scenario.days;
	const start = sharedStart(scenario, seed, days);
	const specs = pilotPolicies(config);
	const baseline = baselineOf(config);
	const runs: RunMetrics[] = [];
	const logs: Record<string, DecisionLog> = {};
	let holdout: number[] = [];
	for (let i = 0; i < specs.length; i++) {
		const policy = createPolicy(specs[i], seed, scenario);
		const run = runPolicy(
			scenario,
			policy,
			{ seed, days, objective: config.objective, guardrails: config.guardrails },
			{},
			start
		);
		const metrics = runMetrics(run, scenario.dailyBudget, config.frequencyThreshold ?? 3);
		runs.push(metrics);
		if (keepLogs) logs[policy.id] = keptLog(run);
		if (policy.id === baseline) holdout = holdoutEstimates(run, metrics, seed);
		if (hooks.onRun?.(i + 1, specs.length) === false) return null;
	}
	return { seed, runs, logs, holdout };
}

/** A run's decision log as a pilot keeps it: trimmed, with the drift alerts of its trace. */
export function keptLog(run: PolicyRun): DecisionLog {
	return { ...trimDecisionLog(run.log), alerts: logDriftAlerts(run.trace, run.historyDays) };
}

/**
 * What a holdout test (HOLDOUT_SHARE of each channel's audience withheld over the pilot) would
 * report as the channel's incremental conversions: the truth plus its sampling error, which
 * grows with the converters in the channel's audience (the lift is a difference of two counts).
 */
function holdoutEstimates(run: PolicyRun, metrics: RunMetrics, seed: number): number[] {
	const { trace, historyDays, days } = run;
	const { C, S } = trace;
	const population = run.market.params.population;
	const rng = createStream(seed, 6);
	const out: number[] = [];
	for (let c = 0; c < C; c++) {
		let exposedConverters = 0;
		for (let d = historyDays; d < historyDays + days; d++) {
			for (let s = 0; s < S; s++) {
				const reachShare =
					trace.observables.reach[d * C * S + c * S + s] / Math.max(population[s], 1);
				exposedConverters += reachShare * trace.observables.newCustomers[d * S + s];
			}
		}
		const sd = Math.sqrt(exposedConverters * (1 / HOLDOUT_SHARE + 1 / (1 - HOLDOUT_SHARE)));
		out.push(metrics.channels.incConversions[c] + sd * normal(rng));
	}
	return out;
}

/** The seeds of a pilot. */
export function pilotSeeds(config: PilotConfig): number[] {
	return Array.from({ length: config.seeds }, (_, i) => (config.firstSeed + i) >>> 0);
}

/** Run a whole pilot in this thread (the CLI and tests; the lab shares seeds out to workers). */
export function runPilot(
	scenario: Scenario,
	config: PilotConfig,
	onSeed?: (done: number, total: number) => boolean | void
): PilotResult | null {
	const seeds = pilotSeeds(config);
	const results: SeedResult[] = [];
	for (let i = 0; i < seeds.length; i++) {
		const result = runSeed(scenario, config, seeds[i], {}, i === 0);
		if (!result) return null;
		results.push(result);
		if (onSeed?.(i + 1, seeds.length) === false) return null;
	}
	return summarizePilot(scenario, config, results);
}
