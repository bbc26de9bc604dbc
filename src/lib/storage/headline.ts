/**
 * A pilot's headline, kept with every saved run so the Runs list can show it without loading
 * the series: the headline policy (best learning policy) against business as usual on the objective's business metric,
 * with the paired 95 % interval of the difference, and its share of the oracle.
 */
import { headlineMetric, headlinePolicy } from '../experiment/headline-policy';
import { OBJECTIVE_METRIC, type PilotResult, type SummaryMetric } from '../experiment/pilot';

/** A mean with its 95 % interval (Infinity bounds when a single seed gives no interval). */
export interface Interval {
	mean: number;
	low: number;
	high: number;
}

/** The headline numbers of a run. */
export interface RunHeadline {
	/** The metric compared: the objective's business metric (LTV-profit for clicks). */
	metric: SummaryMetric;
	/** Its label ("LTV-profit"). */
	metricLabel: string;
	/** Whether the metric is money (in `currency`) or a count. */
	unit: 'money' | 'count';
	/** ISO 4217 code of money metrics. */
	currency: string;
	/** The business-as-usual policy compared with, and its mean over seeds. */
	baseline: { id: string; name: string; mean: number };
	/** The headline policy (experiment/headline-policy.ts): the best learning policy, else the best other (null if none). */
	best: { id: string; name: string; mean: number } | null;
	/** Best − baseline over the pilot, paired over seeds. */
	vsBaseline: Interval | null;
	/** The best policy's LTV-profit as a share of the oracle's (0–1). */
	shareOfOracle: Interval | null;
}

export { OBJECTIVE_METRIC };

const interval = ({ mean, low, high }: Interval): Interval => ({ mean, low, high });

/** The headline of a pilot result. */
export function runHeadline(result: PilotResult): RunHeadline {
	const { metric, words, money } = headlineMetric(result);
	// A label starts a line: "Incremental revenue", but "LTV-profit" stays as written.
	const label = words.charAt(0).toUpperCase() + words.slice(1);
	const unit = money ? ('money' as const) : ('count' as const);
	const base = result.policies.find((p) => p.id === result.baseline) ?? result.policies[0];
	const best = headlinePolicy(result);
	return {
		metric,
		metricLabel: label,
		unit,
		currency: result.currency,
		baseline: { id: base.id, name: base.name, mean: base.metrics[metric].value.mean },
		best: best ? { id: best.id, name: best.name, mean: best.metrics[metric].value.mean } : null,
		vsBaseline: best ? interval(best.metrics[metric].vsBaseline) : null,
		shareOfOracle: best ? interval(best.shareOfOracle) : null
	};
}
