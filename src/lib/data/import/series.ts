/**
 * Read one column into numbers under the rules of its role, with an error per bad cell that
 * names the file row and the column.
 *
 * - media (spend, impressions, clicks, organic): ≥ 0; an empty cell means nothing ran and
 *   reads as 0, with one warning per column so the analyst knows;
 * - KPI: every period needs a value; negative values are allowed (returns) but warned about;
 * - control: every period needs a value, any sign;
 * - revenue per conversion: every period needs a value ≥ 0.
 */
import { explainNumber, isMissing, parseNumber, type DecimalSeparator } from './number';
import { formatCount, quoteName, type ImportIssue, type IssueList } from './issues';

/** How a column's cells are checked. */
export type SeriesRule = 'media' | 'kpi' | 'control' | 'revenuePerConversion';

/** Where read problems go. */
export interface SeriesSink {
	errors: IssueList;
	warnings: IssueList;
}

/**
 * Numbers of a column, in period order.
 * @param cells trimmed cells in period order; `undefined` = no row for this period (long
 *   layout), read as 0 for media without a warning (the pivot warns once)
 * @param rows file row of each cell (1-based, header = 1), for messages
 * @param column header name, for messages
 * @param what what the column holds, for messages ("spend", "the KPI")
 */
export function readSeries(
	cells: readonly (string | undefined)[],
	rows: readonly number[],
	column: string,
	what: string,
	rule: SeriesRule,
	decimal: DecimalSeparator,
	sink: SeriesSink
): Float64Array {
	const out = new Float64Array(cells.length);
	let emptyCount = 0;
	let firstEmptyRow = 0;
	let negativeCount = 0;
	let firstNegativeRow = 0;
	const where = (k: number) => `Row ${rows[k]}, column ${quoteName(column)}`;
	for (let k = 0; k < cells.length; k++) {
		const cell = cells[k];
		if (cell === undefined) continue;
		if (isMissing(cell)) {
			if (rule === 'media') {
				if (emptyCount++ === 0) firstEmptyRow = rows[k];
				continue;
			}
			sink.errors.add({
				code: 'empty-cell',
				row: rows[k],
				column,
				message: `${where(k)}: ${what} is empty; every period needs a value.`
			});
			continue;
		}
		const value = parseNumber(cell, decimal);
		if (Number.isNaN(value)) {
			const { code, message } = explainNumber(cell, decimal);
			sink.errors.add({ code, row: rows[k], column, message: `${where(k)}: ${message}.` });
			continue;
		}
		if (value < 0) {
			if (rule === 'media' || rule === 'revenuePerConversion') {
				sink.errors.add({
					code: 'negative',
					row: rows[k],
					column,
					message: `${where(k)}: ${what} is negative (${cell}); it must be zero or more.`
				});
				continue;
			}
			if (rule === 'kpi' && negativeCount++ === 0) firstNegativeRow = rows[k];
		}
		// `-0` (a rounding artefact of some exports) is stored as 0, so sums and signs stay plain.
		out[k] = value === 0 ? 0 : value;
	}
	if (emptyCount > 0) sink.warnings.add(emptyWarning(column, what, emptyCount, firstEmptyRow));
	if (negativeCount > 0)
		sink.warnings.add({
			code: 'negative-kpi',
			row: firstNegativeRow,
			column,
			message: `Column ${quoteName(column)}: the KPI is negative in ${formatCount(negativeCount)} period${negativeCount === 1 ? '' : 's'} (first at row ${firstNegativeRow}); check for returns or data errors.`
		});
	return out;
}

function emptyWarning(column: string, what: string, count: number, firstRow: number): ImportIssue {
	return {
		code: 'empty-cell',
		row: firstRow,
		column,
		message: `Column ${quoteName(column)}: ${formatCount(count)} empty ${what} cell${count === 1 ? '' : 's'} read as 0 (first at row ${firstRow}).`
	};
}
