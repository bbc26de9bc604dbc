/**
 * The pilot's report as CSV: one row per policy, every summary metric with its 95 % interval and
 * its paired difference to the baseline, then share of the oracle and regret. Numbers are
 * written in full precision; non-finite values as NaN, Infinity or -Infinity (what R, pandas and
 * spreadsheets read).
 */
import { SUMMARY_METRICS, type PilotResult } from './pilot';
import type { Estimate } from './stats';

/** snake_case column stem of a metric key: ltvProfit → ltv_profit. */
function snake(key: string): string {
	return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A cell: numbers as JavaScript writes them, text quoted when it holds a comma, quote or newline. */
function cell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const bounds = (stem: string) => [stem, `${stem}_low`, `${stem}_high`];
const values = (e: Estimate) => [e.mean, e.low, e.high];

/** The header row's columns, in order. */
export function pilotCsvColumns(): string[] {
	return [
		'policy',
		'name',
		'baseline',
		...SUMMARY_METRICS.flatMap((key) => [
			...bounds(snake(key)),
			...bounds(`${snake(key)}_vs_baseline`)
		]),
		...bounds('share_of_oracle'),
		...bounds('regret'),
		'seeds'
	];
}

/** CSV text with a header row and one row per policy. */
export function formatPilotCsv(result: PilotResult): string {
	const rows = result.policies.map((p) => [
		p.id,
		p.name,
		result.baseline,
		...SUMMARY_METRICS.flatMap((key) => [
			...values(p.metrics[key].value),
			...values(p.metrics[key].vsBaseline)
		]),
		...values(p.shareOfOracle),
		...values(p.regret),
		result.seeds.length
	]);
	return [pilotCsvColumns(), ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
