/**
 * The period grid of a dataset: rows put in date order, then checked for duplicate periods,
 * gaps and mixed granularity. The MMM needs an evenly spaced series (adstock carries over
 * from one period to the next), so a gap is an error to fix in the file, not something to
 * paper over silently.
 */
import type { Granularity } from '../dataset';
import { isoDate } from './date';
import { formatCount, quoteName, type ImportIssue } from './issues';

/** Rows in date order and the grid they form. */
export interface PeriodGrid {
	/** Row indices (into the table's rows) sorted by date. */
	order: Int32Array;
	/** Daily or weekly; `undefined` when it could not be decided (errors say why). */
	granularity: Granularity | undefined;
	errors: ImportIssue[];
	warnings: ImportIssue[];
}

/** Consecutive week-apart steps inside daily data that count as weekly rows mixed in. */
const MIXED_RUN = 3;

/**
 * Sort rows by date and check the grid.
 * @param days UTC epoch day per row
 * @param rowNumbers file row per row (1-based, header = 1)
 * @param column the date column's name, for messages
 */
export function checkPeriods(
	days: Int32Array,
	rowNumbers: readonly number[],
	column: string
): PeriodGrid {
	const n = days.length;
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	const order = Int32Array.from({ length: n }, (_, i) => i);
	let sorted = true;
	for (let i = 1; i < n && sorted; i++) if (days[i] < days[i - 1]) sorted = false;
	if (!sorted) {
		// Stable, so duplicate dates keep file order and messages point at the later row.
		order.sort((a, b) => days[a] - days[b] || a - b);
		warnings.push({
			code: 'unsorted',
			column,
			message: `Rows are not in date order; they were sorted by ${quoteName(column)}.`
		});
	}

	const at = (k: number) => ({ day: days[order[k]], row: rowNumbers[order[k]] });
	let ones = 0;
	let sevens = 0;
	let distinct = Math.min(n, 1);
	for (let k = 1; k < n; k++) {
		const gap = at(k).day - at(k - 1).day;
		if (gap !== 0) distinct++;
		if (gap === 0) {
			errors.push({
				code: 'duplicate-period',
				row: at(k).row,
				column,
				message: `Row ${at(k).row}: ${isoDate(at(k).day)} appears again (also row ${at(k - 1).row}); each period needs exactly one row. Sum or remove duplicates (several geos or products? aggregate them first).`
			});
		} else if (gap === 1) ones++;
		else if (gap === 7) sevens++;
	}
	if (distinct < 2 || (ones === 0 && sevens === 0)) {
		// With a single distinct date there is no spacing to judge (duplicates already said so).
		if (distinct >= 2) {
			const span = (at(n - 1).day - at(0).day) / (distinct - 1);
			errors.push({
				code: 'unsupported-granularity',
				column,
				message: `Periods in ${quoteName(column)} are about ${Math.round(span)} days apart; Marginal needs one row per day or per week.`
			});
		}
		return { order, granularity: undefined, errors, warnings };
	}

	const granularity: Granularity = ones >= sevens ? 'day' : 'week';
	const step = granularity === 'day' ? 1 : 7;
	// In daily data, a run of week-apart rows is weekly data mixed in, not a series of gaps.
	const inWeeklyRun = new Uint8Array(n);
	if (granularity === 'day') {
		let runStart = 1;
		for (let k = 1; k <= n; k++) {
			if (k < n && at(k).day - at(k - 1).day === 7) continue;
			if (k - runStart >= MIXED_RUN) {
				inWeeklyRun.fill(1, runStart, k);
				const startRow = at(runStart - 1).row;
				errors.push({
					code: 'mixed-granularity',
					row: startRow,
					column,
					message: `Rows ${startRow}–${at(k - 1).row} are a week apart while most rows are a day apart: daily and weekly rows are mixed. Use one granularity for the whole file.`
				});
			}
			runStart = k + 1;
		}
	}
	for (let k = 1; k < n; k++) {
		const prev = at(k - 1);
		const cur = at(k);
		const gap = cur.day - prev.day;
		if (gap === 0 || inWeeklyRun[k]) continue;
		if (gap % step !== 0) {
			errors.push({
				code: 'mixed-granularity',
				row: cur.row,
				column,
				message: `Row ${cur.row}: ${isoDate(cur.day)} is ${gap} day${gap === 1 ? '' : 's'} after row ${prev.row} (${isoDate(prev.day)}), but the file is weekly: daily and weekly rows are mixed, or weeks start on different weekdays. Each row should start a week on the same weekday.`
			});
			continue;
		}
		if (gap > step) {
			const missing = gap / step - 1;
			const unit = granularity === 'day' ? 'day' : 'week';
			errors.push({
				code: 'missing-period',
				row: cur.row,
				column,
				message: `Row ${cur.row}: ${formatCount(missing)} ${unit}${missing === 1 ? '' : 's'} missing between ${isoDate(prev.day)} (row ${prev.row}) and ${isoDate(cur.day)}; add ${missing === 1 ? 'a row' : 'rows'} (with zero spend if nothing ran).`
			});
		}
	}
	return { order, granularity, errors, warnings };
}
