/**
 * Calendar dates in a date column: ISO `YYYY-MM-DD` (also with `/` or `.`, and with a time
 * part that is ignored), and `DD/MM/YYYY` or `MM/DD/YYYY`. Which of the last two a column uses
 * is decided over the whole column, never cell by cell: a first number above 12 means
 * day-first, a second number above 12 means month-first. When every cell fits both, the order
 * that gives evenly spaced days or weeks wins (with a warning); if both or neither do, it is
 * an error that says so.
 *
 * Dates are handled as UTC epoch days (integers), so time zones and DST never shift a period.
 */
import { quoteCell, quoteName, type ImportIssue } from './issues';

/** Order of day and month in slash dates. */
export type DateOrder = 'dmy' | 'mdy';

/** Dates of a column, as UTC days since 1970-01-01, or the problems found. */
export interface DateColumn {
	/** Epoch day per row (meaningless where `errors` name the row). */
	days: Int32Array;
	/** Order used for slash dates, when the column has any. */
	order?: DateOrder;
	errors: ImportIssue[];
	warnings: ImportIssue[];
}

const ISO =
	/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** Earliest and latest years accepted; outside them a "date" is almost surely something else. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** UTC epoch day of a calendar date, or `NaN` if there is no such date (31 February). */
export function epochDay(year: number, month: number, day: number): number {
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return NaN;
	if (day > daysInMonth(year, month)) return NaN;
	return Date.UTC(year, month - 1, day) / 86_400_000;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO `YYYY-MM-DD` of a UTC epoch day. */
export function isoDate(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO date `days` days after the ISO date `date` (UTC). */
export function addDays(date: string, days: number): string {
	return isoDate(Date.parse(`${date}T00:00:00Z`) / 86_400_000 + days);
}

/** Whether a single cell reads as a date in any accepted format (used to guess the date column). */
export function looksLikeDate(cell: string): boolean {
	const iso = ISO.exec(cell);
	if (iso) return !Number.isNaN(epochDay(+iso[1], +iso[2], +iso[3]));
	const slash = SLASH.exec(cell);
	if (!slash) return false;
	const [a, b, y] = [+slash[1], +slash[2], +slash[3]];
	return !Number.isNaN(epochDay(y, b, a)) || !Number.isNaN(epochDay(y, a, b));
}

/**
 * Parse a whole date column.
 * @param cells trimmed cells, one per data row
 * @param rowNumbers file row of each cell (1-based, header = 1)
 * @param column header name, for messages
 */
export function parseDateColumn(
	cells: readonly string[],
	rowNumbers: readonly number[],
	column: string
): DateColumn {
	const n = cells.length;
	const days = new Int32Array(n);
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	const bad = (i: number): void => {
		errors.push({
			code: 'bad-date',
			row: rowNumbers[i],
			column,
			message: `Row ${rowNumbers[i]}, column ${quoteName(column)}: ${quoteCell(cells[i])} is not a date; write dates as YYYY-MM-DD (DD/MM/YYYY and MM/DD/YYYY also work).`
		});
	};

	// Slash dates wait for the whole column to decide their order.
	const slashRows: number[] = [];
	const first: number[] = [];
	const second: number[] = [];
	const years: number[] = [];
	for (let i = 0; i < n; i++) {
		const cell = cells[i];
		const iso = ISO.exec(cell);
		if (iso) {
			const day = epochDay(+iso[1], +iso[2], +iso[3]);
			if (Number.isNaN(day)) bad(i);
			else days[i] = day;
			continue;
		}
		const slash = SLASH.exec(cell);
		if (!slash) {
			bad(i);
			continue;
		}
		if (+slash[1] > 12 && +slash[2] > 12) {
			bad(i);
			continue;
		}
		slashRows.push(i);
		first.push(+slash[1]);
		second.push(+slash[2]);
		years.push(+slash[3]);
	}
	if (slashRows.length === 0) return { days, errors, warnings };

	const dayFirstAt = first.findIndex((a) => a > 12);
	const monthFirstAt = second.findIndex((b) => b > 12);
	if (dayFirstAt >= 0 && monthFirstAt >= 0) {
		const r1 = rowNumbers[slashRows[dayFirstAt]];
		const r2 = rowNumbers[slashRows[monthFirstAt]];
		errors.push({
			code: 'ambiguous-date',
			row: r2,
			column,
			message: `Column ${quoteName(column)} mixes date orders: row ${r1} puts the day first (${quoteCell(cells[slashRows[dayFirstAt]])}) but row ${r2} puts the month first (${quoteCell(cells[slashRows[monthFirstAt]])}); write dates as YYYY-MM-DD.`
		});
		return { days, errors, warnings };
	}

	const fill = (order: DateOrder): { days: Int32Array; badAt: number[] } => {
		const out = days.slice();
		const badAt: number[] = [];
		slashRows.forEach((i, k) => {
			const day =
				order === 'dmy'
					? epochDay(years[k], second[k], first[k])
					: epochDay(years[k], first[k], second[k]);
			if (Number.isNaN(day)) badAt.push(i);
			else out[i] = day;
		});
		return { days: out, badAt };
	};
	const finish = (order: DateOrder): DateColumn => {
		const filled = fill(order);
		for (const i of filled.badAt) bad(i);
		return { days: filled.days, order, errors, warnings };
	};

	if (dayFirstAt >= 0) return finish('dmy');
	if (monthFirstAt >= 0) return finish('mdy');
	const swappedAt = first.findIndex((a, k) => a !== second[k]);
	// 01/01/2020, 02/02/2020…: both orders read the same.
	if (swappedAt < 0) return finish('dmy');

	// Every cell fits both orders: let the spacing of the periods decide.
	const example = slashRows[swappedAt];
	const dmy = fill('dmy');
	const mdy = fill('mdy');
	const dmyRegular = errors.length === 0 && dmy.badAt.length === 0 && isRegular(dmy.days);
	const mdyRegular = errors.length === 0 && mdy.badAt.length === 0 && isRegular(mdy.days);
	if (dmyRegular !== mdyRegular) {
		const order: DateOrder = dmyRegular ? 'dmy' : 'mdy';
		warnings.push({
			code: 'ambiguous-date',
			row: rowNumbers[example],
			column,
			message: `Dates in column ${quoteName(column)} such as ${quoteCell(cells[example])} fit both day/month and month/day; read as ${order === 'dmy' ? 'day/month' : 'month/day'} because that gives evenly spaced periods. Write YYYY-MM-DD to be sure.`
		});
		return finish(order);
	}
	errors.push({
		code: 'ambiguous-date',
		row: rowNumbers[example],
		column,
		message: `Dates in column ${quoteName(column)} such as ${quoteCell(cells[example])} (row ${rowNumbers[example]}) could be day/month or month/day, and the whole column fits both; write dates as YYYY-MM-DD.`
	});
	return { days, errors, warnings };
}

/** Whether distinct sorted days are evenly spaced by 1 or 7 days. */
function isRegular(days: Int32Array): boolean {
	const sorted = Array.from(new Set(days)).sort((a, b) => a - b);
	if (sorted.length < 3) return false;
	const step = sorted[1] - sorted[0];
	if (step !== 1 && step !== 7) return false;
	for (let i = 2; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] !== step) return false;
	return true;
}
