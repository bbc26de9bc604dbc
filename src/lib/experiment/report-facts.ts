/**
 * What a one-page pilot report states, derived from a pilot's result, its config and scenario:
 * the question asked, the scenario in one paragraph, the headline against the baseline with its
 * interval (in numbers and in words), which guardrails clipped and how often, and the main
 * reasons spend moved. Pure (no DOM); the report page only lays these facts out.
 */
import type { Objective } from '../policies/policy';
import type { Scenario } from '../sim/scenario';
import type { PilotConfig, PilotResult, SummaryMetric } from './pilot';
import {
	guardrailFacts,
	named,
	reasonFacts,
	type NamedPolicy,
	type PolicyGuardrails,
	type ReportReasons
} from './report-moves';
import { excludesZero } from './stats';
import { contenders, headlineMetric, headlinePolicy } from './headline-policy';

export * from './report-moves';

/** The question the pilot answers. */
export interface ReportQuestion {
	scenarioName: string;
	baseline: NamedPolicy;
	/** Policies compared with the baseline (the oracle excluded: it is the yardstick). */
	contenders: NamedPolicy[];
	objective: Objective;
	/** The objective in words ("LTV-profit"). */
	objectiveLabel: string;
	/** Seeds run, the first seed, and pilot days. */
	seeds: number;
	firstSeed: number;
	days: number;
}

/** How the recommended policy compares with the baseline. */
export type Verdict = 'better' | 'worse' | 'unclear' | 'single-seed' | 'none';

/** The headline: the recommended policy against the baseline on the objective's metric. */
export interface ReportHeadline {
	/** Metric compared (the objective's business metric; LTV-profit for clicks). */
	metric: SummaryMetric;
	metricLabel: string;
	unit: 'money' | 'count';
	baseline: NamedPolicy & { mean: number };
	/** Best policy other than the baseline and the oracle (null if none ran). */
	recommended: (NamedPolicy & { mean: number }) | null;
	/** Recommended − baseline over the pilot, paired over seeds, with its 95 % interval. */
	difference: { mean: number; low: number; high: number } | null;
	/** difference / |baseline mean| (null when the baseline is 0 or there is no difference). */
	relative: number | null;
	/** Recommended LTV-profit as a share of the oracle's, 0–1, with its interval. */
	shareOfOracle: { mean: number; low: number; high: number } | null;
	verdict: Verdict;
	/** The headline in one or two sentences, numbers included. */
	text: string;
}

/** Everything the report states. */
export interface ReportFacts {
	question: ReportQuestion;
	/** The scenario in one paragraph. */
	scenarioText: string;
	headline: ReportHeadline;
	/** The guardrails configured, in words (empty: none beyond the daily budget). */
	guardrailsConfigured: string[];
	/** Per policy (oracle excluded), its clips on the first seed. */
	guardrails: PolicyGuardrails[];
	reasons: ReportReasons | null;
}

const OBJECTIVE_WORDS: Record<Objective, string> = {
	'ltv-profit': 'LTV-profit',
	revenue: 'incremental revenue',
	conversions: 'incremental conversions',
	clicks: 'clicks'
};

/** Money in whole units ("$12,300"); an unknown currency code is written before the number. */
export function money(value: number, currency: string): string {
	if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'n/a';
	const sign = value < 0 ? '−' : '';
	try {
		const format = new Intl.NumberFormat('en-US', {
			style: 'currency',
			currency,
			maximumFractionDigits: 0
		});
		return sign + format.format(Math.abs(value));
	} catch {
		return `${sign}${currency} ${Math.round(Math.abs(value)).toLocaleString('en-US')}`;
	}
}

const count = (value: number) =>
	(value < 0 ? '−' : '') + Math.round(Math.abs(value)).toLocaleString('en-US');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function headlineOf(result: PilotResult): ReportHeadline {
	const { metric, words: metricLabel, money: isMoney } = headlineMetric(result);
	const unit = isMoney ? 'money' : 'count';
	const base = result.policies.find((p) => p.id === result.baseline) ?? result.policies[0];
	const best = headlinePolicy(result);
	const baseline = { ...named(base), mean: base.metrics[metric].value.mean };
	if (!best) {
		const text = `Only ${base.name} ran: there is nothing to compare it with.`;
		return {
			...{ metric, metricLabel, unit, baseline, recommended: null, difference: null },
			...{ relative: null, shareOfOracle: null, verdict: 'none', text }
		};
	}
	const d = best.metrics[metric].vsBaseline;
	const difference = { mean: d.mean, low: d.low, high: d.high };
	const relative = baseline.mean !== 0 ? d.mean / Math.abs(baseline.mean) : null;
	const seeds = result.seeds.length;
	const verdict: Verdict =
		seeds < 2 || !Number.isFinite(d.low) || !Number.isFinite(d.high)
			? 'single-seed'
			: excludesZero(d)
				? d.mean > 0
					? 'better'
					: 'worse'
				: 'unclear';
	const amount = (v: number) => (unit === 'money' ? money(v, result.currency) : count(v));
	const pct =
		relative !== null
			? ` (${relative >= 0 ? '+' : '−'}${Math.abs(relative * 100).toFixed(1)} %)`
			: '';
	const lead = `${best.name} earned ${amount(Math.abs(d.mean))} ${d.mean >= 0 ? 'more' : 'less'} ${metricLabel} than ${base.name} over ${plural(result.days, 'day')}${pct}`;
	const interval = `95 % interval ${amount(d.low)} to ${amount(d.high)} over ${plural(seeds, 'seed')}`;
	const text = {
		better: `${lead}; ${interval}. The interval is above zero: the gain is not noise.`,
		worse: `${lead}; ${interval}. The interval is below zero: it does worse than ${base.name}.`,
		unclear: `${lead}; ${interval}. The interval includes zero: the pilot cannot tell the two apart — run more seeds or days.`,
		'single-seed': `${lead}, on a single seed: no interval yet — run more seeds before deciding.`,
		none: ''
	}[verdict];
	const share = best.shareOfOracle;
	return {
		...{ metric, metricLabel, unit, baseline, difference, relative, verdict, text },
		recommended: { ...named(best), mean: best.metrics[metric].value.mean },
		shareOfOracle: { mean: share.mean, low: share.low, high: share.high }
	};
}

/** The scenario in one paragraph: market, channels, audience, budget, horizon and history. */
export function scenarioParagraph(scenario: Scenario, result: PilotResult): string {
	const channels = scenario.channels.map((c) => c.name);
	const segments = scenario.segments.map((s) => s.name);
	const people = scenario.segments.reduce((sum, s) => sum + s.population, 0);
	const list = (items: string[]) =>
		items.length <= 1
			? items.join('')
			: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
	const history =
		scenario.history.days > 0
			? ` Every policy starts from the same ${plural(scenario.history.days, 'day')} of business-as-usual history.`
			: ' There is no history before the pilot: every policy starts cold.';
	const description = scenario.description.trim();
	return (
		`${scenario.name}: a simulated market of ${count(people)} people in ${plural(segments.length, 'segment')} (${list(segments)}) ` +
		`reached through ${plural(channels.length, 'channel')} (${list(channels)}), ` +
		`with ${money(scenario.dailyBudget, scenario.currency)} a day to spend. ` +
		`The pilot runs ${plural(result.days, 'day')} from ${scenario.startDate}.${history}` +
		(description ? ` ${description}` : '')
	);
}

/** The guardrails a config sets, in words (rules at their defaults are left out). */
export function configuredGuardrails(config: PilotConfig, scenario: Scenario): string[] {
	const g = config.guardrails;
	const out: string[] = [];
	const names = new Map(scenario.channels.map((c) => [c.id, c.name]));
	const m = (v: number) => money(v, scenario.currency);
	for (const [id, range] of Object.entries(g.channelRange)) {
		out.push(`${names.get(id) ?? id}: ${m(range.min)} to ${m(range.max)} a day`);
	}
	if (Number.isFinite(g.maxShiftPct)) out.push(`At most ${g.maxShiftPct} % shift per decision`);
	if (g.minExplorationShare > 0)
		out.push(`Exploration floor ${Math.round(g.minExplorationShare * 1000) / 10} % per channel`);
	if (Number.isFinite(g.maxBidCpm)) out.push(`Bid cap ${m(g.maxBidCpm)} CPM`);
	if (Number.isFinite(g.frequencyCapPerDay))
		out.push(`Frequency cap ${g.frequencyCapPerDay} impressions per person a day`);
	if (Number.isFinite(g.frequencyCapPerWeek))
		out.push(`Frequency cap ${g.frequencyCapPerWeek} impressions per person a week`);
	if (Number.isFinite(g.protectionThreshold))
		out.push(`Halt after ${m(g.protectionThreshold)} spent without a conversion`);
	if (g.maxDailyOverdelivery > 1)
		out.push(
			`A day may spend up to ${g.maxDailyOverdelivery}× the daily budget within 30-day pacing`
		);
	if (g.suppressExistingCustomers) out.push('Existing customers kept out of audiences');
	if (g.excludeBrandUnsafe) out.push('No brand-unsafe inventory');
	return out;
}

/** The facts of a pilot's report. */
export function reportFacts(
	result: PilotResult,
	config: PilotConfig,
	scenario: Scenario
): ReportFacts {
	const headline = headlineOf(result);
	const base = result.policies.find((p) => p.id === result.baseline) ?? result.policies[0];
	const question: ReportQuestion = {
		scenarioName: result.scenarioName,
		baseline: named(base),
		contenders: contenders(result).map(named),
		objective: result.objective,
		objectiveLabel: OBJECTIVE_WORDS[result.objective] ?? result.objective,
		seeds: result.seeds.length,
		firstSeed: result.seeds[0] ?? config.firstSeed,
		days: result.days
	};
	const guardrails = result.policies
		.filter((p) => !p.id.startsWith('oracle') && result.logs[p.id])
		.map((p) => ({
			...named(p),
			decisions: result.logs[p.id].length,
			rules: guardrailFacts(result.logs[p.id], result.channelNames)
		}));
	const focus = result.policies.find((p) => p.id === (headline.recommended?.id ?? base.id))!;
	const log = result.logs[focus.id];
	return {
		question,
		scenarioText: scenarioParagraph(scenario, result),
		headline,
		guardrailsConfigured: configuredGuardrails(config, scenario),
		guardrails,
		reasons: log ? reasonFacts(result, focus, log) : null
	};
}
