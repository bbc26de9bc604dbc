import { describe, expect, it } from 'vitest';
import { importCsvText } from './import-csv';
import type { ImportResult } from './result';
import {
	expectFailed as failed,
	expectOk as ok,
	fixtureCsv as fixture,
	toCsv as csv,
	weeklyGrid as grid
} from './test-fixtures';

describe('validation errors name the row and column', () => {
	const only = (result: ImportResult) => failed(result).errors[0];

	it('unparseable date', () => {
		const cells = grid();
		cells[5][0] = '2022-02-31';
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'bad-date',
			row: 6,
			column: 'date'
		});
	});

	it('ambiguous day/month order', () => {
		const cells = [
			['date', 'revenue', 'tv_spend'],
			['03/04/2022', '1', '1'],
			['04/03/2022', '2', '2']
		];
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'ambiguous-date',
			row: 2,
			column: 'date'
		});
	});

	it('duplicate period', () => {
		const cells = grid();
		cells[8][0] = cells[7][0];
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'duplicate-period',
			row: 9,
			column: 'date'
		});
	});

	it('missing period', () => {
		const cells = grid();
		cells.splice(10, 1);
		const error = only(importCsvText(csv(cells)));
		expect(error).toMatchObject({ code: 'missing-period', row: 11, column: 'date' });
		expect(error.message).toContain('1 week missing');
	});

	it('mixed granularity', () => {
		const cells = grid();
		cells[12][0] = '2022-03-22'; // one day after row 12's 2022-03-21
		const result = failed(importCsvText(csv(cells)));
		expect(result.errors[0]).toMatchObject({ code: 'mixed-granularity', row: 13, column: 'date' });
	});

	it('negative spend', () => {
		const cells = grid();
		cells[4][3] = '-20';
		const error = only(importCsvText(csv(cells)));
		expect(error).toMatchObject({ code: 'negative', row: 5, column: 'search_spend' });
		expect(error.message).toBe(
			'Row 5, column “search_spend”: spend is negative (-20); it must be zero or more.'
		);
	});

	it('non-numeric spend', () => {
		const cells = grid();
		cells[3][2] = 'lots';
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'not-a-number',
			row: 4,
			column: 'tv_spend'
		});
	});

	it('formula in a spend cell, never evaluated', () => {
		const cells = grid();
		cells[2][2] = '=1+1';
		const error = only(importCsvText(csv(cells)));
		expect(error).toMatchObject({ code: 'formula', row: 3, column: 'tv_spend' });
	});

	it('empty KPI cell', () => {
		const cells = grid();
		cells[7][1] = '';
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'empty-cell',
			row: 8,
			column: 'revenue'
		});
	});

	it('constant KPI', () => {
		const cells = grid().map((row, i) => (i === 0 ? row : [row[0], '5', ...row.slice(2)]));
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'constant-kpi',
			column: 'revenue'
		});
	});

	it('KPI all zero', () => {
		const cells = grid().map((row, i) => (i === 0 ? row : [row[0], '0', ...row.slice(2)]));
		expect(only(importCsvText(csv(cells)))).toMatchObject({
			code: 'kpi-all-zero',
			column: 'revenue'
		});
	});

	it('KPI missing', () => {
		const cells = grid().map((row) => [row[0], ...row.slice(2)]);
		const error = only(importCsvText(csv(cells)));
		expect(error).toMatchObject({ code: 'mapping' });
		expect(error.message).toContain('KPI');
	});

	it('too few periods for the number of channels', () => {
		const error = only(importCsvText(csv(grid(24, ['tv', 'search', 'radio']))));
		expect(error.code).toBe('too-few-periods');
		expect(error.message).toContain('at least 25 (5 per channel + 10)');
		ok(importCsvText(csv(grid(25, ['tv', 'search', 'radio']))));
	});

	it('empty file', () => {
		expect(only(importCsvText(''))).toMatchObject({ code: 'empty-file' });
	});

	it('header-only file', () => {
		expect(only(importCsvText('date,revenue,tv_spend\r\n'))).toMatchObject({
			code: 'header-only',
			row: 1
		});
	});

	it('ragged row', () => {
		const cells = grid();
		cells[6].pop();
		expect(only(importCsvText(csv(cells)))).toMatchObject({ code: 'ragged-row', row: 7 });
	});

	it('long layout: a per-date value that differs between rows of one date', () => {
		const text = fixture('long_weekly.csv').replace(
			'2022-01-03,Search,454.55,54834,21362.95',
			'2022-01-03,Search,454.55,54834,999'
		);
		expect(only(importCsvText(text))).toMatchObject({
			code: 'conflicting-value',
			row: 3,
			column: 'revenue'
		});
	});

	it('long layout: the same date and channel twice', () => {
		const text = fixture('long_weekly.csv').replace('2022-01-03,Search,', '2022-01-03,TV,');
		const error = only(importCsvText(text));
		expect(error).toMatchObject({ code: 'duplicate-channel-period', row: 3, column: 'channel' });
		expect(error.message).toContain('already has a row for this date (row 2)');
	});

	it('reports cell errors even when dates are bad too', () => {
		const cells = grid();
		cells[2][0] = 'soon';
		cells[9][2] = 'x';
		const codes = failed(importCsvText(csv(cells))).errors.map((e) => [e.code, e.row, e.column]);
		expect(codes).toEqual([
			['bad-date', 3, 'date'],
			['not-a-number', 10, 'tv_spend']
		]);
	});
});

describe('warnings', () => {
	it('drops a constant control and a channel that never spends, and says so', () => {
		const cells = grid(30, ['tv', 'search', 'radio']).map((row, i) =>
			i === 0 ? row : [...row.slice(0, 4), '0', '1.00']
		);
		const { dataset, warnings } = ok(importCsvText(csv(cells)));
		expect(dataset.channels.map((c) => c.id)).toEqual(['tv', 'search']);
		expect(dataset.controls).toEqual([]);
		expect(warnings.map((w) => [w.code, w.column])).toEqual([
			['constant-column', 'radio_spend'],
			['constant-column', 'price']
		]);
	});

	it('reads empty spend cells as 0 with one warning per column', () => {
		const cells = grid();
		cells[3][2] = '';
		cells[5][2] = 'NA';
		const { dataset, warnings } = ok(importCsvText(csv(cells)));
		expect(dataset.channels[0].spend[2]).toBe(0);
		expect(warnings).toEqual([
			{
				code: 'empty-cell',
				row: 4,
				column: 'tv_spend',
				message: 'Column “tv_spend”: 2 empty spend cells read as 0 (first at row 4).'
			}
		]);
	});

	it('sorts rows given out of order', () => {
		const [header, ...rows] = grid();
		const { dataset, warnings } = ok(importCsvText(csv([header, ...rows.reverse()])));
		expect(dataset.dates[0]).toBe('2022-01-03');
		expect(warnings[0].code).toBe('unsorted');
	});
});
