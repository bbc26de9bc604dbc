import { describe, expect, it } from 'vitest';
import { epochDay, isoDate, looksLikeDate, parseDateColumn } from './date';

const rowsFor = (cells: readonly string[]) => cells.map((_, i) => i + 2);
const parse = (cells: string[]) => parseDateColumn(cells, rowsFor(cells), 'date');
const isoOf = (cells: string[]) => Array.from(parse(cells).days, isoDate);

/** Weekly dates from a start day, written by `format`. */
const weekly = (
	start: string,
	count: number,
	format: (y: number, m: number, d: number) => string
) =>
	Array.from({ length: count }, (_, i) => {
		const date = new Date(Date.parse(`${start}T00:00:00Z`) + i * 7 * 86_400_000);
		return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
	});
const pad = (n: number) => String(n).padStart(2, '0');

describe('epochDay and isoDate', () => {
	it('round-trip calendar dates and reject impossible ones', () => {
		expect(isoDate(epochDay(2024, 2, 29))).toBe('2024-02-29');
		expect(epochDay(1970, 1, 1)).toBe(0);
		expect(epochDay(2023, 2, 29)).toBeNaN();
		expect(epochDay(2023, 13, 1)).toBeNaN();
		expect(epochDay(1066, 10, 14)).toBeNaN();
	});
});

describe('parseDateColumn', () => {
	it('reads ISO dates with -, / or . and ignores a time part', () => {
		expect(
			isoOf([
				'2024-01-01',
				'2024/01/08',
				'2024.01.15',
				'2024-01-22 00:00:00',
				'2024-01-29T00:00:00Z'
			])
		).toEqual(['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29']);
	});

	it('reads day-first dates when a first number is above 12', () => {
		const cells = weekly('2024-01-01', 6, (y, m, d) => `${pad(d)}/${pad(m)}/${y}`);
		const result = parse(cells);
		expect(result.order).toBe('dmy');
		expect(Array.from(result.days, isoDate)[5]).toBe('2024-02-05');
	});

	it('reads month-first dates when a second number is above 12', () => {
		const cells = weekly('2024-01-01', 6, (y, m, d) => `${m}/${d}/${y}`);
		const result = parse(cells);
		expect(result.order).toBe('mdy');
		expect(result.errors).toEqual([]);
		expect(Array.from(result.days, isoDate)[2]).toBe('2024-01-15');
	});

	it('says when a column mixes day-first and month-first dates', () => {
		const result = parse(['25/01/2024', '01/26/2024']);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({ code: 'ambiguous-date', row: 3, column: 'date' });
		expect(result.errors[0].message).toContain('row 2 puts the day first');
	});

	it('resolves all-ambiguous dates by even spacing, with a warning', () => {
		// Daily data from 1 to 12 January written day-first: 01/01, 02/01 … 12/01. Read
		// month-first it would be the 1st of each month, which is not an even daily/weekly grid.
		const cells = Array.from({ length: 12 }, (_, i) => `${pad(i + 1)}/01/2024`);
		const result = parse(cells);
		expect(result.errors).toEqual([]);
		expect(result.order).toBe('dmy');
		expect(result.warnings[0]).toMatchObject({ code: 'ambiguous-date', column: 'date' });
		expect(isoDate(result.days[11])).toBe('2024-01-12');
	});

	it('fails when nothing decides the order, naming an example row', () => {
		// Two dates are too few to show a grid either way, so nothing decides the order.
		const result = parse(['03/04/2024', '04/04/2024']);
		expect(result.errors[0]).toMatchObject({ code: 'ambiguous-date', row: 2, column: 'date' });
		expect(result.errors[0].message).toContain('YYYY-MM-DD');
	});

	it('names the row and column of unparseable dates', () => {
		const result = parse(['2024-01-01', 'next week', '2024-02-30', '31/31/2024']);
		expect(result.errors.map((e) => [e.code, e.row])).toEqual([
			['bad-date', 3],
			['bad-date', 4],
			['bad-date', 5]
		]);
		expect(result.errors[0].message).toContain('Row 3, column “date”: “next week” is not a date');
	});

	it('treats dates where day equals month as unambiguous', () => {
		expect(parse(['01/01/2024', '02/02/2024']).errors).toEqual([]);
	});
});

describe('looksLikeDate', () => {
	it('accepts the supported formats only', () => {
		expect(looksLikeDate('2024-01-01')).toBe(true);
		expect(looksLikeDate('31.12.2024')).toBe(true);
		expect(looksLikeDate('12/31/2024')).toBe(true);
		expect(looksLikeDate('20240101')).toBe(false);
		expect(looksLikeDate('1.5')).toBe(false);
	});
});
