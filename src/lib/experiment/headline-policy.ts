/**
 * Which policy a pilot's headline is about: the best learning policy (neither business as usual
 * nor the oracle) on the objective's business metric — the pilot asks whether learning beats
 * BAU — or, when no learning policy ran, the best other non-baseline policy. The Lab's headline,
 * a saved run's name and headline, and the report all use this one rule.
 */
import {
	OBJECTIVE_METRIC,
	type PilotResult,
	type PolicySummary,
	type SummaryMetric
} from './pilot';

/** A headline metric in words (lower case, for sentences) and whether it is money or a count. */
export interface HeadlineMetric {
	metric: SummaryMetric;
	words: string;
	money: boolean;
}

const METRIC_WORDS: Partial<Record<SummaryMetric, { words: string; money: boolean }>> = {
	ltvProfit: { words: 'LTV-profit', money: true },
	incRevenue: { words: 'incremental revenue', money: true },
	incConversions: { words: 'incremental conversions', money: false }
};

/** The business metric a result's headline is about (its objective's), in words. */
export function headlineMetric(result: Pick<PilotResult, 'objective'>): HeadlineMetric {
	const metric = OBJECTIVE_METRIC[result.objective] ?? 'ltvProfit';
	return { metric, ...(METRIC_WORDS[metric] ?? { words: metric, money: true }) };
}

/** The policies compared with the baseline: every one but the baseline and the oracles. */
export function contenders(result: PilotResult): PolicySummary[] {
	return result.policies.filter((p) => p.id !== result.baseline && !p.id.startsWith('oracle'));
}

/**
 * The headline policy of a result, or null when only the baseline (and the oracle) ran — or,
 * with `fallback` false, when no learning policy ran.
 */
export function headlinePolicy(result: PilotResult, fallback = true): PolicySummary | null {
	const metric = OBJECTIVE_METRIC[result.objective] ?? 'ltvProfit';
	const others = contenders(result);
	const learners = others.filter((p) => !p.id.startsWith('bau'));
	const pool = learners.length || !fallback ? learners : others;
	return pool.reduce<PolicySummary | null>(
		(top, p) =>
			top === null || p.metrics[metric].value.mean > top.metrics[metric].value.mean ? p : top,
		null
	);
}
