/**
 * The lab's headline, as a pure function of a pilot result: the best learning policy (neither
 * business as usual nor the oracle) against the baseline on the objective's business metric.
 * (The same rule as a saved run's headline and the report: experiment/headline-policy.ts.)
 */
import type { PilotResult, PolicySummary } from '../experiment/pilot';
import type { Estimate } from '../experiment/stats';
import { headlineMetric, headlinePolicy } from '../experiment/headline-policy';

/** The lab's headline: the best learning policy against the baseline on the objective's metric. */
export interface LabHeadline {
	/** Label of the metric compared ("LTV-profit"). */
	metricLabel: string;
	/** Whether the metric is money (in the result's currency) or a count. */
	money: boolean;
	baseline: PolicySummary;
	/** The learning policy (not BAU, not the oracle) with the highest mean; null if none ran. */
	best: PolicySummary | null;
	/** Best − baseline over the pilot, paired over seeds, with its 95 % interval. */
	vsBaseline: Estimate | null;
	/** The best policy's LTV-profit as a share of the oracle's (0–1), with its interval. */
	shareOfOracle: Estimate | null;
}

/** The headline of a pilot result (policy ids starting with "bau" are business as usual). */
export function labHeadline(result: PilotResult): LabHeadline {
	const { metric, words, money } = headlineMetric(result);
	const baseline = result.policies.find((p) => p.id === result.baseline) ?? result.policies[0];
	// The lab says so when no learning policy ran, rather than pitting one rule against another.
	const best = headlinePolicy(result, false);
	return {
		metricLabel: words,
		money,
		baseline,
		best,
		vsBaseline: best ? best.metrics[metric].vsBaseline : null,
		shareOfOracle: best ? best.shareOfOracle : null
	};
}
