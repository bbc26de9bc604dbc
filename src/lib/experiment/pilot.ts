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
import { createPolicy, policyLabel, type PolicySpec } from '../policies/registry';
import { createStream, normal } from '../sim/random';
import type { Scenario } from '../sim/scenario';
import { trimDecisionLog, type DecisionLog } from './decision-log';
import { runMetrics, type RunMetrics } from './metrics';
import { runPolicy, sharedStart, type PolicyRun } from './runner';
import { meanCi, pairedCi, ratioCi, type Estimate } from './stats';

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

/** Policies of a pilot, with the oracle guaranteed. */
export function pilotPolicies(config: PilotConfig): PolicySpec[] {
	return config.policies.some((p) => p.kind === 'oracle')
		? config.policies
		: [...config.policies, { kind: 'oracle' }];
}

/** Baseline policy id: the configured one, else the first BAU policy, else the first policy. */
export function baselineOf(config: PilotConfig): string {
	const ids = pilotPolicies(config).map((p) => policyLabel(p).id);
	if (config.baseline && ids.includes(config.baseline)) return config.baseline;
	return ids.find((id) => id.startsWith('bau')) ?? ids[0];
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
		if (keepLogs)
			logs[policy.id] = {
				...trimDecisionLog(run.log),
				alerts: logDriftAlerts(run.trace, run.historyDays)
			};
		if (policy.id === baseline) holdout = holdoutEstimates(run, metrics, seed);
		if (hooks.onRun?.(i + 1, specs.length) === false) return null;
	}
	return { seed, runs, logs, holdout };
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

/** A metric with its interval, and the paired difference to the baseline. */
export interface MetricSummary {
	value: Estimate;
	vsBaseline: Estimate;
}

export const SUMMARY_METRICS = [
	'spend',
	'budgetUsed',
	'incConversions',
	'incRevenue',
	'incLtvMargin',
	'ltvProfit',
	'trueRoas',
	'ltvRoas',
	'platformRoas',
	'lastClickRoas',
	'cpa',
	'platformCpa',
	'paybackDays',
	'pacingError',
	'overFrequencyShare',
	'unsafeImpressions',
	'reachDisparity'
] as const satisfies readonly (keyof RunMetrics)[];

export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** The business metric a pilot with each objective is judged on (headlines, reports). */
export const OBJECTIVE_METRIC: Readonly<Record<Objective, SummaryMetric>> = {
	'ltv-profit': 'ltvProfit',
	revenue: 'incRevenue',
	conversions: 'incConversions',
	// Clicks are not a business result: a clicks-optimising pilot is still judged on profit.
	clicks: 'ltvProfit'
};

/** The ROAS measures with intervals per channel: platform-claimed, last-click, true first-order, true lifetime. */
export type ChannelRoasKind = 'platform' | 'lastClick' | 'trueRoas' | 'ltvRoas';

/** Revenue series behind each ROAS measure. */
const ROAS_NUMERATOR: Record<ChannelRoasKind, keyof RunMetrics['channels']> = {
	platform: 'platformRevenue',
	lastClick: 'lastClickRevenue',
	trueRoas: 'incRevenue',
	ltvRoas: 'incLtvMargin'
};

export interface PolicySummary {
	id: string;
	name: string;
	metrics: Record<SummaryMetric, MetricSummary>;
	/** LTV-profit as a share of the oracle's (paired ratio). */
	shareOfOracle: Estimate;
	/** Regret: oracle LTV-profit − this policy's, over the pilot (paired). */
	regret: Estimate;
	/** Mean cumulative regret by pilot day. */
	regretByDay: number[];
	/** Its 95 % interval over seeds by pilot day (paired against the oracle; absent in runs saved before it). */
	regretBandByDay?: { low: number[]; high: number[] };
	/** Cumulative LTV-profit minus the baseline's by pilot day: mean and 95 % interval over seeds. */
	vsBaselineByDay: { mean: number[]; low: number[]; high: number[] };
	/** Mean daily spend per channel [day·C + c]. */
	meanDailySpend: number[];
	/** Per channel means over seeds. */
	channels: Record<keyof RunMetrics['channels'], number[]>;
	/**
	 * Per channel ROAS (revenue, or lifetime margin for `ltv`, ÷ spend over the pilot) as a ratio
	 * of means over seeds with its 95 % interval, by measure (absent in runs saved before it).
	 */
	channelRoas?: Record<ChannelRoasKind, { low: number[]; high: number[] }>;
	/** Per segment mean shares of spend, reach and customers. */
	segments: { spend: number[]; reach: number[]; customers: number[]; population: number[] };
}

export interface PilotResult {
	scenarioName: string;
	objective: Objective;
	seeds: number[];
	days: number;
	historyDays: number;
	dailyBudget: number;
	currency: string;
	channelIds: string[];
	channelNames: string[];
	segmentNames: string[];
	baseline: string;
	policies: PolicySummary[];
	/** Per channel under the baseline: true incremental conversions, a holdout test's estimate, last-click and platform credit. */
	incrementality: {
		channel: string;
		truth: Estimate;
		holdout: Estimate;
		lastClick: Estimate;
		platform: Estimate;
	}[];
	/** Decision logs of the first seed, per policy id. */
	logs: Record<string, DecisionLog>;
}

/** Combine per-seed results into the pilot's report. */
export function summarizePilot(
	scenario: Scenario,
	config: PilotConfig,
	results: SeedResult[]
): PilotResult {
	const sorted = [...results].sort((a, b) => a.seed - b.seed);
	const specs = pilotPolicies(config);
	const baseline = baselineOf(config);
	const byPolicy = (id: string) => sorted.map((r) => r.runs.find((run) => run.policyId === id)!);
	const base = byPolicy(baseline);
	const oracle = byPolicy('oracle');
	const days = base[0]?.days ?? 0;
	const policies = specs.map((spec): PolicySummary => {
		const { id, name } = policyLabel(spec);
		const runs = byPolicy(id);
		const metric = (key: SummaryMetric): MetricSummary => {
			const values = runs.map((r) => r[key]);
			const finite = values.every(Number.isFinite);
			return {
				value: finite
					? meanCi(values)
					: { mean: Infinity, low: Infinity, high: Infinity, sd: NaN, n: values.length },
				vsBaseline: finite
					? pairedCi(
							values,
							base.map((r) => r[key])
						)
					: { mean: NaN, low: NaN, high: NaN, sd: NaN, n: 0 }
			};
		};
		const metrics = Object.fromEntries(SUMMARY_METRICS.map((key) => [key, metric(key)])) as Record<
			SummaryMetric,
			MetricSummary
		>;
		const cumulative = (r: RunMetrics) => {
			let acc = 0;
			return r.dailyLtvProfit.map((x) => (acc += x));
		};
		const own = runs.map(cumulative);
		const baseCum = base.map(cumulative);
		const oracleCum = oracle.map(cumulative);
		const vsBaselineByDay = { mean: [] as number[], low: [] as number[], high: [] as number[] };
		const regretByDay: number[] = [];
		const regretBand = { low: [] as number[], high: [] as number[] };
		for (let d = 0; d < days; d++) {
			const diff = pairedCi(
				own.map((series) => series[d]),
				baseCum.map((series) => series[d])
			);
			vsBaselineByDay.mean.push(diff.mean);
			vsBaselineByDay.low.push(Number.isFinite(diff.low) ? diff.low : diff.mean);
			vsBaselineByDay.high.push(Number.isFinite(diff.high) ? diff.high : diff.mean);
			const gap = meanCi(oracleCum.map((series, i) => series[d] - own[i][d]));
			regretByDay.push(gap.mean);
			regretBand.low.push(Number.isFinite(gap.low) ? gap.low : gap.mean);
			regretBand.high.push(Number.isFinite(gap.high) ? gap.high : gap.mean);
		}
		const meanOf = (pick: (r: RunMetrics) => number[]) => {
			const first = pick(runs[0]);
			return first.map((_, i) => runs.reduce((acc, r) => acc + pick(r)[i], 0) / runs.length);
		};
		const shareOf = (pick: (r: RunMetrics) => number[]) =>
			meanOf((r) => {
				const values = pick(r);
				const total = values.reduce((a, b) => a + b, 0);
				return values.map((x) => (total > 0 ? x / total : 0));
			});
		return {
			id,
			name,
			metrics,
			shareOfOracle: ratioCi(
				runs.map((r) => r.ltvProfit),
				oracle.map((r) => r.ltvProfit)
			),
			regret: pairedCi(
				oracle.map((r) => r.ltvProfit),
				runs.map((r) => r.ltvProfit)
			),
			regretByDay,
			regretBandByDay: regretBand,
			vsBaselineByDay,
			meanDailySpend: meanOf((r) => r.dailySpend),
			channels: Object.fromEntries(
				(Object.keys(runs[0].channels) as (keyof RunMetrics['channels'])[]).map((key) => [
					key,
					meanOf((r) => r.channels[key])
				])
			) as PolicySummary['channels'],
			channelRoas: Object.fromEntries(
				(Object.keys(ROAS_NUMERATOR) as ChannelRoasKind[]).map((kind) => {
					const band = { low: [] as number[], high: [] as number[] };
					runs[0].channels.spend.forEach((_, c) => {
						const e = ratioCi(
							runs.map((r) => r.channels[ROAS_NUMERATOR[kind]][c]),
							runs.map((r) => r.channels.spend[c])
						);
						band.low.push(Number.isFinite(e.low) ? e.low : e.mean);
						band.high.push(Number.isFinite(e.high) ? e.high : e.mean);
					});
					return [kind, band];
				})
			) as PolicySummary['channelRoas'],
			segments: {
				spend: shareOf((r) => r.segments.spend),
				reach: shareOf((r) => r.segments.reach),
				customers: shareOf((r) => r.segments.customers),
				population: shareOf((r) => r.segments.population)
			}
		};
	});
	const incrementality = scenario.channels.map((channel, c) => ({
		channel: channel.name,
		truth: meanCi(base.map((r) => r.channels.incConversions[c])),
		holdout: meanCi(sorted.map((r) => r.holdout[c] ?? NaN)),
		lastClick: meanCi(base.map((r) => r.channels.lastClickConversions[c])),
		platform: meanCi(base.map((r) => r.channels.platformConversions[c]))
	}));
	return {
		scenarioName: scenario.name,
		objective: config.objective,
		seeds: sorted.map((r) => r.seed),
		days,
		historyDays: scenario.history.days,
		dailyBudget: scenario.dailyBudget,
		currency: scenario.currency,
		channelIds: scenario.channels.map((c) => c.id),
		channelNames: scenario.channels.map((c) => c.name),
		segmentNames: scenario.segments.map((s) => s.name),
		baseline,
		policies,
		incrementality,
		logs: sorted[0]?.logs ?? {}
	};
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
