/**
 * The report's metrics table: per policy, the business metrics with their 95 % intervals over
 * seeds, the share of the oracle, and the paired difference to the baseline with a verdict on
 * its significance. Pure; the table only formats.
 */
import type { PilotResult } from '../experiment/pilot';
import { excludesZero, type Estimate } from '../experiment/stats';

/** How a policy's LTV-profit compares with the baseline's (paired 95 % interval). */
export type Verdict = 'baseline' | 'better' | 'worse' | 'unclear' | 'too-few-seeds';

/** One row of the table. */
export interface MetricRow {
	id: string;
	name: string;
	isBaseline: boolean;
	isOracle: boolean;
	/** LTV-profit over the pilot, currency units. */
	ltvProfit: Estimate;
	/** Lifetime margin ÷ spend and first-order revenue ÷ spend (true incremental). */
	ltvRoas: Estimate;
	trueRoas: Estimate;
	/** Spend per incremental customer, currency units. */
	cpa: Estimate;
	/** Days until the acquired customers repay their spend (Infinity: not within 3 years). */
	paybackDays: Estimate;
	/** LTV-profit as a share of the oracle's (0 … 1). */
	shareOfOracle: Estimate;
	/** LTV-profit minus the baseline's, paired over seeds, currency units. */
	vsBaseline: Estimate;
	verdict: Verdict;
}

/** Whether an interval is usable (two or more seeds give finite bounds). */
export function hasInterval(estimate: Estimate): boolean {
	return Number.isFinite(estimate.low) && Number.isFinite(estimate.high);
}

/** The verdict of a paired difference to the baseline. */
export function verdictOf(diff: Estimate, isBaseline: boolean): Verdict {
	if (isBaseline) return 'baseline';
	if (!hasInterval(diff)) return 'too-few-seeds';
	if (!excludesZero(diff)) return 'unclear';
	return diff.mean > 0 ? 'better' : 'worse';
}

/** Rows of every policy, in the pilot's order. */
export function metricRows(result: PilotResult): MetricRow[] {
	return result.policies.map((p) => {
		const isBaseline = p.id === result.baseline;
		const vsBaseline = p.metrics.ltvProfit.vsBaseline;
		return {
			id: p.id,
			name: p.name,
			isBaseline,
			isOracle: p.id === 'oracle',
			ltvProfit: p.metrics.ltvProfit.value,
			ltvRoas: p.metrics.ltvRoas.value,
			trueRoas: p.metrics.trueRoas.value,
			cpa: p.metrics.cpa.value,
			paybackDays: p.metrics.paybackDays.value,
			shareOfOracle: p.shareOfOracle,
			vsBaseline,
			verdict: verdictOf(vsBaseline, isBaseline)
		};
	});
}

/**
 * "1,234 (1,100 to 1,368)" with `format` for the numbers; "1,234 (one seed: no interval)" when
 * the interval is unbounded; "—" when the value is not a number; "never" for an infinite mean
 * (a payback that does not happen).
 */
export function intervalText(estimate: Estimate, format: (value: number) => string): string {
	if (Number.isNaN(estimate.mean)) return '—';
	if (!Number.isFinite(estimate.mean)) return 'never';
	if (!hasInterval(estimate)) return `${format(estimate.mean)} (no interval yet)`;
	return `${format(estimate.mean)} (${format(estimate.low)} to ${format(estimate.high)})`;
}

/**
 * The interval alone, "1,100 to 1,368", for a second line under the mean; "no interval yet"
 * with one seed; "" when there is no value.
 */
export function rangeText(estimate: Estimate, format: (value: number) => string): string {
	if (!Number.isFinite(estimate.mean)) return '';
	if (!hasInterval(estimate)) return 'no interval yet';
	return `${format(estimate.low)} to ${format(estimate.high)}`;
}

/** The mean alone: formatted, "—" when not a number, "never" when infinite (payback). */
export function meanText(estimate: Estimate, format: (value: number) => string): string {
	if (Number.isNaN(estimate.mean)) return '—';
	if (!Number.isFinite(estimate.mean)) return 'never';
	return format(estimate.mean);
}
