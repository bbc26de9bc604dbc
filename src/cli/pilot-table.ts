/**
 * The pilot's report as aligned text for the terminal: one row per policy (LTV-profit, the
 * paired difference to the baseline, share of the oracle, ROAS, CPA, regret, budget used), and
 * the incrementality view (what a holdout test, last click and the platforms would credit each
 * channel with, against the truth).
 */
import type { PilotResult } from '../lib/experiment/pilot';
import { excludesZero } from '../lib/experiment/stats';
import { formatEstimate, formatNumber, formatPercent } from './number-format';
import { textTable } from './text-table';

/** The run's header line: scenario, seeds, horizon, objective, budget. */
function title(result: PilotResult): string {
	const seeds = result.seeds;
	const range =
		seeds.length === 1 ? `seed ${seeds[0]}` : `${seeds.length} seeds (${seeds[0]}–${seeds.at(-1)})`;
	const history = result.historyDays > 0 ? ` after ${result.historyDays} days of history` : '';
	return (
		`${result.scenarioName} — pilot of ${range}, ${result.days} days${history}; ` +
		`objective ${result.objective}; budget ${formatNumber(result.dailyBudget)} ${result.currency}/day`
	);
}

/** One row per policy, with the legend that defines the columns. */
export function formatPolicyTable(result: PilotResult): string {
	const header = [
		'Policy',
		`LTV-profit (${result.currency})`,
		`vs ${result.baseline}`,
		'% of oracle',
		'ROAS',
		'CPA',
		'Regret',
		'Budget used'
	];
	const rows = result.policies.map((p) => {
		const m = p.metrics;
		const diff = m.ltvProfit.vsBaseline;
		return [
			p.id,
			formatEstimate(m.ltvProfit.value),
			p.id === result.baseline
				? 'baseline'
				: `${formatEstimate(diff, { signed: true })}${excludesZero(diff) ? ' *' : '  '}`,
			formatEstimate(p.shareOfOracle, { digits: 1, scale: 100, unit: ' %' }),
			formatNumber(m.trueRoas.value.mean, 2),
			formatNumber(m.cpa.value.mean, 2),
			formatEstimate(p.regret),
			formatPercent(m.budgetUsed.value.mean)
		];
	});
	const n = result.seeds.length;
	const legend = [
		`± half-width of the 95 % interval over ${n} seed${n === 1 ? '' : 's'}; "vs ${result.baseline}" is paired (same seeds and market draws); * = interval excludes zero.`,
		'LTV-profit = true incremental lifetime margin − spend. ROAS = revenue ÷ spend (true incremental first-order revenue; ROI would be ROAS − 1).',
		`CPA = spend ÷ true incremental conversions (${result.currency}). Regret = the oracle's LTV-profit − the policy's. Budget used = spend ÷ (daily budget × days).`
	];
	return [
		textTable(header, rows, [
			'left',
			'right',
			'right',
			'right',
			'right',
			'right',
			'right',
			'right'
		]),
		...legend
	].join('\n');
}

/** Credit as "value (ratio×)" of the truth, to show over- and under-crediting at a glance. */
function credit(value: number, truth: number): string {
	const ratio = truth > 0 ? ` (${formatNumber(value / truth, 1)}×)` : '';
	return `${formatNumber(value)}${ratio}`;
}

/** Per channel under the baseline: true incremental conversions and what each measurement reports. */
export function formatIncrementalityTable(result: PilotResult): string {
	const header = ['Channel', 'True incremental', 'Holdout test', 'Last-click', 'Platform-reported'];
	const rows = result.incrementality.map((row) => [
		row.channel,
		formatNumber(row.truth.mean),
		formatEstimate(row.holdout),
		credit(row.lastClick.mean, row.truth.mean),
		credit(row.platform.mean, row.truth.mean)
	]);
	return [
		`Incremental conversions by channel under ${result.baseline} (mean over seeds; (×) = credit ÷ truth):`,
		textTable(header, rows, ['left', 'right', 'right', 'right', 'right']),
		'A holdout test withholds 10 % of the audience; its ± is its sampling error over seeds.'
	].join('\n');
}

/** The whole report: title, policy table, incrementality view. */
export function formatPilotTable(result: PilotResult): string {
	return [title(result), '', formatPolicyTable(result), '', formatIncrementalityTable(result)].join(
		'\n'
	);
}
