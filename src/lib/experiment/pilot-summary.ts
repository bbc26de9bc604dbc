/**
 * A pilot's report from its seeds' plain-data results: every policy's business metrics with 95 %
 * intervals (paired against the baseline and the oracle), its series over the pilot, per channel
 * and per segment, and the incrementality view under the baseline. Pure.
 */
import type { Objective } from '../policies/policy';
import type { Scenario } from '../sim/scenario';
import type { DecisionLog } from './decision-log';
import type { RunMetrics } from './metrics';
import type { PilotConfig, SeedResult } from './pilot';
import { policyLabel } from '../policies/registry';
import { baselineOf, pilotPolicies } from './pilot-policies';
import { meanCi, pairedCi, ratioCi, type Estimate } from './stats';

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
