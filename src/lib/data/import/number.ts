/**
 * Numbers as spreadsheets write them: plain (`1234.5`, `-3e4`), with thousands separators
 * (`1,234.5`, `1 234,5`, `1'234.5`), with a decimal comma in semicolon/tab files (`1.234,5`),
 * with a percent sign (`12%` = 0.12) or a currency symbol (`$1,200`).
 *
 * Anything else is text and never evaluated: `=SUM(A1:A3)`, `+A1`, `@foo`, `NaN`, `Infinity`
 * fail as "not a number" where a number is needed, and `1e400` fails as not finite.
 */
import type { Delimiter } from './delimiter';
import { quoteCell, type IssueCode } from './issues';

/** Decimal separator of a file's numbers. */
export type DecimalSeparator = '.' | ',';

/** Longest cell read as a number, in characters (a grouped 10^15 with decimals needs ~30). */
export const MAX_NUMBER_CHARS = 1_000;

/** Largest magnitude accepted, in the column's own unit: beyond it sums lose meaning (and it is almost always a unit or parsing mistake). */
export const MAX_ABS_VALUE = 1e15;

// Written so no two quantifiers compete for the same digits: a failing 100k-digit cell must
// fail in linear time, not quadratic (`\d+\.?\d*` backtracks over every split of the digits).
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// One thousands separator, used consistently (the backreference), then an optional fraction.
const GROUPED_POINT = /^[+-]?\d{1,3}([,' \u00a0\u202f])\d{3}(?:\1\d{3})*(?:\.\d+)?$/;
const GROUPED_COMMA = /^[+-]?\d{1,3}([.' \u00a0\u202f])\d{3}(?:\1\d{3})*(?:,\d+)?$/;
const DOT_GROUPED = /^[+-]?\d{1,3}(?:\.\d{3})+$/;
const DECIMAL_COMMA = /^[+-]?(?:\d+,\d*|,\d+)$/;
// Only a leading symbol is matched by a regex; a trailing one is sliced off (an unanchored
// `\s*[$€£¥]$` is quadratic on long runs of spaces).
const LEADING_CURRENCY = /^([+-]?)\s*[$€£¥]\s*/;
const CURRENCY_SYMBOLS = '$€£¥';
const MISSING = /^(?:|na|n\/a|null|#n\/a)$/i;

/** Whether a cell is empty or an explicit missing marker (`NA` from R, `N/A`, `null`, `#N/A`). */
export function isMissing(cell: string): boolean {
	return cell.length <= 4 && MISSING.test(cell);
}

/**
 * The number in a trimmed cell, or `NaN` when it is not a finite number within
 * ±`MAX_ABS_VALUE` (use `explainNumber` for why). Missing cells give `NaN` too.
 */
export function parseNumber(cell: string, decimal: DecimalSeparator): number {
	return checked(rawNumber(cell, decimal));
}

/** The number a cell spells, before the finiteness and range checks. */
function rawNumber(cell: string, decimal: DecimalSeparator): number {
	// No number is written with this many characters; longer cells are text, and bounding them
	// bounds the work of every pattern below.
	if (cell.length > MAX_NUMBER_CHARS) return NaN;
	// With a decimal comma, `1.500` is fifteen hundred, not one and a half.
	if (decimal === ',' && DOT_GROUPED.test(cell)) return Number(cell.replace(/\./g, ''));
	if (PLAIN.test(cell)) return Number(cell);
	return parseFormatted(cell, decimal);
}

function checked(value: number): number {
	return Number.isFinite(value) && Math.abs(value) <= MAX_ABS_VALUE ? value : NaN;
}

function parseFormatted(cell: string, decimal: DecimalSeparator): number {
	let text = cell;
	let scale = 1;
	if (text.endsWith('%')) {
		text = text.slice(0, -1).trimEnd();
		scale = 0.01;
	}
	text = text.replace(LEADING_CURRENCY, '$1');
	if (CURRENCY_SYMBOLS.includes(text.slice(-1))) text = text.slice(0, -1).trimEnd();
	if (text === '' || text === '+' || text === '-') return NaN;
	if (decimal === ',' && DOT_GROUPED.test(text)) return Number(text.replace(/\./g, '')) * scale;
	if (PLAIN.test(text)) return Number(text) * scale;
	if (decimal === '.') {
		if (GROUPED_POINT.test(text)) return Number(text.replace(/[,' \u00a0\u202f]/g, '')) * scale;
		return NaN;
	}
	if (GROUPED_COMMA.test(text))
		return Number(text.replace(/[.' \u00a0\u202f]/g, '').replace(',', '.')) * scale;
	if (DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.')) * scale;
	return NaN;
}

/** Why a cell is not a usable number: an issue code and a message fragment naming the cell. */
export function explainNumber(
	cell: string,
	decimal: DecimalSeparator
): { code: IssueCode; message: string } {
	if (isMissing(cell)) return { code: 'empty-cell', message: `${quoteCell(cell)} is empty` };
	if (/^[+-]?(?:inf|infinity|nan)$/i.test(cell))
		return { code: 'not-finite', message: `${quoteCell(cell)} is not a finite number` };
	const raw = rawNumber(cell, decimal);
	if (Number.isNaN(raw) && /^[=+\-@]/.test(cell))
		return {
			code: 'formula',
			message: `${quoteCell(cell)} looks like a spreadsheet formula, which is never evaluated; export the values instead`
		};
	if (!Number.isFinite(raw) && !Number.isNaN(raw))
		return { code: 'not-finite', message: `${quoteCell(cell)} is too large to be a finite number` };
	if (Number.isFinite(raw) && Math.abs(raw) > MAX_ABS_VALUE)
		return {
			code: 'too-large',
			message: `${quoteCell(cell)} is beyond ±10^15; check the unit`
		};
	if (decimal === '.' && DECIMAL_COMMA.test(cell))
		return {
			code: 'not-a-number',
			message: `${quoteCell(cell)} is not a number (a decimal comma in a comma-separated file? Use a decimal point, or separate values with ";")`
		};
	return { code: 'not-a-number', message: `${quoteCell(cell)} is not a number` };
}

/**
 * The decimal separator of a file, from evidence in its (numeric-looking) cells.
 * Comma-separated files use a decimal point. Semicolon and tab files use whichever separator
 * unambiguous cells show (`1,5` or `1234,56` vs `1.5` or `1234.56`); without evidence,
 * semicolon files default to a decimal comma (their usual locale) and tab files to a point.
 */
export function detectDecimalSeparator(
	cells: Iterable<string>,
	delimiter: Delimiter
): DecimalSeparator {
	if (delimiter === ',') return '.';
	let commaEvidence = 0;
	let pointEvidence = 0;
	for (const cell of cells) {
		if (/^[+-]?\d+,\d+$/.test(cell) && !/^[+-]?\d{1,3}(?:,\d{3})+$/.test(cell)) commaEvidence++;
		else if (/^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(cell)) commaEvidence++;
		else if (/^[+-]?\d+\.\d+$/.test(cell) && !/^[+-]?\d{1,3}(?:\.\d{3})+$/.test(cell))
			pointEvidence++;
		else if (/^[+-]?\d{1,3}(?:,\d{3})+\.\d+$/.test(cell)) pointEvidence++;
	}
	if (commaEvidence > pointEvidence) return ',';
	if (pointEvidence > commaEvidence) return '.';
	return delimiter === ';' ? ',' : '.';
}
