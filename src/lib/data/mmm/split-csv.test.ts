import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { handFit } from '../../../../tests/unit/mmm-fixtures';
import { optimalSplit } from './split';
import { SPLIT_CSV_COLUMNS, splitCsv } from './split-csv';

describe('splitCsv', () => {
	it('writes one row per channel that reads back to the split', () => {
		const fit = handFit();
		const split = optimalSplit(fit, {
			total: 500,
			objective: 'kpi',
			min: { b: 120 },
			max: { a: 260 }
		});
		const parsed = Papa.parse<Record<string, string>>(splitCsv(split), { header: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.meta.fields).toEqual([...SPLIT_CSV_COLUMNS]);
		expect(parsed.data).toHaveLength(3);
		parsed.data.forEach((row, i) => {
			const ch = split.channels[i];
			expect(row.channel).toBe(ch.name);
			expect(Number(row.spend_recommended)).toBe(ch.recommended);
			expect(Number(row.change)).toBeCloseTo(ch.recommended - ch.current, 9);
			expect(row.binding).toBe(ch.binding ?? '');
			expect(Number(row.marginal_return_recommended)).toBe(ch.mroasRecommended);
		});
		// The recommended spends add up to the budget.
		const total = parsed.data.reduce((a, row) => a + Number(row.spend_recommended), 0);
		expect(total).toBeCloseTo(500, 6);
	});

	it('quotes a channel name with a comma', () => {
		const fit = handFit();
		fit.channels[0] = { ...fit.channels[0], name: 'TV, national' };
		const csv = splitCsv(optimalSplit(fit, { total: 500, objective: 'kpi' }));
		expect(csv.split('\r\n')[1]).toMatch(/^"TV, national",/);
	});
});
