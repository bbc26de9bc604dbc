/**
 * The pilot report as a terminal table and as CSV, on a real tiny pilot (two-channels, 3 seeds,
 * 30 days): every policy and channel is there, the numbers are the result's, columns line up,
 * and the CSV parses back to the same numbers.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatEstimate, formatNumber, formatPercent } from '../../src/cli/number-format';
import { formatPilotCsv, pilotCsvColumns } from '../../src/lib/experiment/pilot-csv';
import { formatIncrementalityTable, formatPolicyTable } from '../../src/cli/pilot-table';
import { textTable } from '../../src/cli/text-table';
import { summarizePilot, type PilotResult } from '../../src/lib/experiment/pilot';
import { tinyPilot, tinySeedResults } from './cli-fixtures';

const { scenario, config } = tinyPilot();
const result = summarizePilot(scenario, config, tinySeedResults());

/** Lines of the table part of a formatted block (header, rule, rows). */
function tableLines(text: string, rows: number): string[] {
	const lines = text.split('\n');
	const rule = lines.findIndex((line) => line.startsWith('─'));
	return lines.slice(rule - 1, rule + 1 + rows);
}

describe('number formats', () => {
	it('writes estimates as mean ± half-width with separators, signs and units', () => {
		const e = { mean: 1234567.4, low: 1230000.1, high: 1239134.7, sd: 1, n: 3 };
		expect(formatEstimate(e)).toBe('1,234,567 ± 4,567');
		expect(formatEstimate({ ...e, mean: -1500, low: -1600, high: -1400 }, { signed: true })).toBe(
			'-1,500 ± 100'
		);
		expect(formatEstimate({ ...e, mean: 1500, low: 1400, high: 1600 }, { signed: true })).toBe(
			'+1,500 ± 100'
		);
		expect(
			formatEstimate(
				{ mean: 0.9712, low: 0.9672, high: 0.9752, sd: 0, n: 3 },
				{
					digits: 1,
					scale: 100,
					unit: ' %'
				}
			)
		).toBe('97.1 % ± 0.4');
		expect(formatEstimate({ mean: 5, low: -Infinity, high: Infinity, sd: NaN, n: 1 })).toBe(
			'5 ± ∞'
		);
		expect(formatNumber(-0.2, 0, true)).toBe('0');
		expect(formatNumber(NaN)).toBe('—');
		expect(formatNumber(Infinity, 2)).toBe('∞');
		expect(formatPercent(0.9984)).toBe('99.8 %');
	});

	it('aligns text left and numbers right under a rule', () => {
		expect(
			textTable(
				['Name', 'Value'],
				[
					['a', '1'],
					['longer', '1,000']
				],
				['left', 'right']
			)
		).toBe(['Name    Value', '──────  ─────', 'a           1', 'longer  1,000'].join('\n'));
	});
});

describe('the pilot table', () => {
	const text = formatPolicyTable(result);
	const lines = tableLines(text, result.policies.length);

	it('has one row per policy, the oracle included, with aligned columns', () => {
		expect(lines[0]).toMatch(
			/^Policy +LTV-profit \(USD\) +vs bau-fixed +% of oracle +ROAS +CPA +Regret +Budget used$/
		);
		expect(lines.slice(2).map((line) => line.split(' ')[0])).toEqual([
			'bau-fixed',
			'bau-last-click',
			'thompson',
			'ts-curve',
			'oracle'
		]);
		// Every column after the first is right-aligned, so every line ends at the same width.
		const widths = new Set(lines.map((line) => [...line].length));
		expect(widths.size).toBe(1);
	});

	it('shows each policy’s own numbers: LTV-profit, paired difference, % of oracle, ROAS, CPA, regret, budget', () => {
		for (const policy of result.policies) {
			const row = lines.find((line) => line.startsWith(`${policy.id} `))!;
			const m = policy.metrics;
			expect(row).toContain(formatEstimate(m.ltvProfit.value));
			if (policy.id !== 'bau-fixed') {
				expect(row).toContain(formatEstimate(m.ltvProfit.vsBaseline, { signed: true }));
			}
			expect(row).toContain(
				formatEstimate(policy.shareOfOracle, { digits: 1, scale: 100, unit: ' %' })
			);
			expect(row).toContain(` ${formatNumber(m.trueRoas.value.mean, 2)} `);
			expect(row).toContain(` ${formatNumber(m.cpa.value.mean, 2)} `);
			expect(row).toContain(formatEstimate(policy.regret));
			expect(row).toMatch(new RegExp(`${formatPercent(m.budgetUsed.value.mean)}$`));
		}
		expect(lines.find((line) => line.startsWith('bau-fixed '))).toContain(' baseline ');
		expect(lines.find((line) => line.startsWith('oracle '))).toContain('100.0 % ± 0.0');
	});

	it('marks differences whose interval excludes zero, and says what the columns mean', () => {
		for (const policy of result.policies.filter((p) => p.id !== result.baseline)) {
			const diff = policy.metrics.ltvProfit.vsBaseline;
			const significant = diff.low > 0 || diff.high < 0;
			const row = lines.find((line) => line.startsWith(`${policy.id} `))!;
			expect(row.includes(' *'), policy.id).toBe(significant);
		}
		expect(text).toContain('ROAS = revenue ÷ spend');
		expect(text).toContain('95 % interval over 3 seeds');
	});

	it('shows the incrementality view: truth, holdout, last-click and platform per channel', () => {
		const view = formatIncrementalityTable(result);
		const rows = tableLines(view, 2);
		expect(rows[0]).toMatch(
			/^Channel +True incremental +Holdout test +Last-click +Platform-reported$/
		);
		result.incrementality.forEach((channel, c) => {
			const row = rows[2 + c];
			expect(row.startsWith(channel.channel)).toBe(true);
			expect(row).toContain(formatNumber(channel.truth.mean));
			expect(row).toContain(formatEstimate(channel.holdout));
			expect(row).toContain(
				`${formatNumber(channel.lastClick.mean)} (${formatNumber(channel.lastClick.mean / channel.truth.mean, 1)}×)`
			);
		});
	});
});

describe('the pilot CSV', () => {
	it('has a header and one row per policy whose numbers parse back exactly', () => {
		const parsed = Papa.parse<Record<string, string>>(formatPilotCsv(result), {
			header: true,
			skipEmptyLines: true
		});
		expect(parsed.errors).toEqual([]);
		expect(parsed.meta.fields).toEqual(pilotCsvColumns());
		expect(parsed.data.map((row) => row.policy)).toEqual(result.policies.map((p) => p.id));
		for (const [i, row] of parsed.data.entries()) {
			const policy = result.policies[i];
			expect(Number(row.ltv_profit)).toBe(policy.metrics.ltvProfit.value.mean);
			expect(Number(row.ltv_profit_low)).toBe(policy.metrics.ltvProfit.value.low);
			expect(Number(row.ltv_profit_vs_baseline_high)).toBe(
				policy.metrics.ltvProfit.vsBaseline.high
			);
			expect(Number(row.true_roas)).toBe(policy.metrics.trueRoas.value.mean);
			expect(Number(row.share_of_oracle)).toBe(policy.shareOfOracle.mean);
			expect(Number(row.regret_high)).toBe(policy.regret.high);
			expect(row.seeds).toBe('3');
		}
	});

	it('quotes names with commas or quotes, and writes non-finite numbers by name', () => {
		const odd: PilotResult = structuredClone(result);
		odd.policies[0].name = 'BAU, "fixed"';
		odd.policies[0].metrics.paybackDays.value.mean = Infinity;
		const parsed = Papa.parse<Record<string, string>>(formatPilotCsv(odd), {
			header: true,
			skipEmptyLines: true
		});
		expect(parsed.data[0].name).toBe('BAU, "fixed"');
		expect(parsed.data[0].payback_days).toBe('Infinity');
		expect(parsed.data).toHaveLength(result.policies.length);
	});
});
