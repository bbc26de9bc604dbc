/**
 * Event columns → 0/1 series. A column of 0/1 (or true/false, or empty) is one indicator;
 * anything else is categorical, as in Robyn's `events` ("na", "event1", "event2"): one
 * indicator per level, where "na", "none", "no", "0", "-" and empty mean "no event".
 */
import type { DatasetSeries } from '../dataset';
import { formatCount, quoteName, type IssueList } from './issues';
import { isMissing, parseNumber, type DecimalSeparator } from './number';

/** Most levels an event column may have; more is an id or a free-text column, not events. */
export const MAX_EVENT_LEVELS = 50;

const NONE = /^(?:|na|n\/a|none|null|no|false|0|-|nan)$/i;

/**
 * The indicator series of an event column, in period order.
 * @param cells trimmed cells in period order (`undefined` = no row: no event)
 * @param rows file row of each cell, for messages
 * @param column header name
 * @param decimal decimal separator of the file (for `1,0`)
 */
export function readEvents(
	cells: readonly (string | undefined)[],
	rows: readonly number[],
	column: string,
	decimal: DecimalSeparator,
	errors: IssueList
): DatasetSeries[] {
	const n = cells.length;
	const flags = cells.map((cell) => (cell === undefined ? 0 : flagOf(cell, decimal)));
	if (flags.every((flag) => flag !== undefined)) {
		return [{ name: column, values: Float64Array.from(flags as number[]) }];
	}
	const levels = new Map<string, Float64Array>();
	for (let k = 0; k < n; k++) {
		const cell = cells[k];
		if (cell === undefined || NONE.test(cell) || parseNumber(cell, decimal) === 0) continue;
		let series = levels.get(cell);
		if (!series) {
			if (levels.size >= MAX_EVENT_LEVELS) {
				errors.add({
					code: 'too-many-levels',
					row: rows[k],
					column,
					message: `Column ${quoteName(column)} has more than ${formatCount(MAX_EVENT_LEVELS)} different values, too many for events; map it as a control or ignore it.`
				});
				return [];
			}
			series = new Float64Array(n);
			levels.set(cell, series);
		}
		series[k] = 1;
	}
	return [...levels].map(([level, values]) => ({ name: `${column}: ${level}`, values }));
}

/** 1 or 0 for an indicator cell (`1`, `1.0`, `true`, `yes` / `0`, `false`, `no`, empty), else `undefined`. */
function flagOf(cell: string, decimal: DecimalSeparator): 0 | 1 | undefined {
	if (isMissing(cell)) return 0;
	const value = parseNumber(cell, decimal);
	if (value === 0 || value === 1) return value;
	const word = cell.toLowerCase();
	if (word === 'true' || word === 'yes') return 1;
	if (word === 'false' || word === 'no') return 0;
	return undefined;
}
