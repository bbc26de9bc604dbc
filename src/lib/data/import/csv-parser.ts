/**
 * A streaming CSV parser: text goes in chunk by chunk, a table of trimmed cells comes out.
 *
 * papaparse's `Parser` does the splitting (quotes, escaped quotes, quoted line breaks). It is
 * driven the way papaparse's own chunk streamers do it: parse the buffered text with
 * `ignoreLastRow` and keep the unfinished last row for the next round. Small pushes are
 * coalesced so the re-parsed remainder stays small next to the new text, and a row that never
 * ends (an unclosed quote) is cut off at `MAX_ROW_CHARS` instead of making every later chunk
 * re-parse the whole tail (which would hang on hostile input).
 *
 * Rows are counted as a spreadsheet counts them: the header is row 1 and a quoted cell with a
 * line break inside stays one row. Blank rows are skipped but still counted.
 */
import Papa from 'papaparse';
import {
	detectDelimiter,
	detectLineBreak,
	SAMPLE_CHARS,
	SAMPLE_LINES,
	type Delimiter
} from './delimiter';
import { formatCount, IssueList, quoteName, type ImportIssue } from './issues';

/** A parsed CSV file: a header and rectangular rows of trimmed text cells. */
export interface CsvTable {
	/** Column names, trimmed; an empty name becomes "Column N" (1-based position). */
	header: string[];
	/** Data rows, each exactly `header.length` trimmed cells. */
	rows: string[][];
	/** File row of each data row, 1-based with the header as row 1. */
	rowNumbers: number[];
	/** Field delimiter found in the file. */
	delimiter: Delimiter;
}

/** Outcome of parsing: a table, or the problems that stopped it. */
export type CsvParseResult =
	| { ok: true; table: CsvTable; warnings: ImportIssue[] }
	| { ok: false; errors: ImportIssue[]; totalErrors: number };

/** An incremental parser; `push` text in file order, then `finish` once. */
export interface CsvParser {
	/** Feed the next piece of text (any size, split anywhere, even inside a quoted field). */
	push(text: string): void;
	/** End of input: parse what is buffered and return the table or the errors. */
	finish(): CsvParseResult;
	/** Data rows parsed so far. */
	readonly rowCount: number;
	/** Whether a fatal problem already stopped parsing (further pushes are ignored). */
	readonly failed: boolean;
}

/** Limits that keep hostile files from exhausting memory or time. */
export interface CsvParserOptions {
	/** Most data rows accepted (default 1,000,000). */
	maxRows?: number;
	/** Most columns accepted (default 5,000). */
	maxColumns?: number;
	/** Longest row, in characters (default 1,000,000). */
	maxRowChars?: number;
	/**
	 * Text buffered before papaparse runs, in characters (default 65,536). Larger batches keep
	 * the re-parsed unfinished row small next to the new text; tests set it low to exercise
	 * rows and quotes split across batches.
	 */
	batchChars?: number;
}

/** Create a streaming CSV parser. */
export function createCsvParser(options: CsvParserOptions = {}): CsvParser {
	const maxRows = options.maxRows ?? 1_000_000;
	const maxColumns = options.maxColumns ?? 5_000;
	const maxRowChars = options.maxRowChars ?? 1_000_000;
	const batchChars = options.batchChars ?? 65_536;

	const errors = new IssueList();
	const pending: string[] = [];
	let pendingChars = 0;
	let sampleLines = 0;
	let started = false;
	let papa: Papa.Parser | undefined;
	let delimiter: Delimiter = ',';
	let remainder = '';
	let fileRow = 0;
	let header: string[] | undefined;
	let minWidth = 0;
	const rows: string[][] = [];
	const rowNumbers: number[] = [];
	let fatal = false;

	const fail = (issue: ImportIssue): void => {
		errors.add(issue);
		fatal = true;
	};

	const acceptHeader = (cells: string[]): void => {
		if (cells.length > maxColumns) {
			fail({
				code: 'too-many-columns',
				row: fileRow,
				message: `The header has ${formatCount(cells.length)} columns; at most ${formatCount(maxColumns)} are supported.`
			});
			return;
		}
		header = cells.map((name, i) => (name === '' ? `Column ${i + 1}` : name));
		// Unnamed columns at the end (a trailing delimiter on the header line only) may be absent.
		let named = cells.length;
		while (named > 0 && cells[named - 1] === '') named--;
		minWidth = named;
		const firstAt = new Map<string, number>();
		header.forEach((name, i) => {
			const first = firstAt.get(name);
			if (first === undefined) firstAt.set(name, i);
			else
				errors.add({
					code: 'duplicate-column',
					row: fileRow,
					column: name,
					message: `Columns ${first + 1} and ${i + 1} are both named ${quoteName(name)}; rename one so each column has a unique name.`
				});
		});
	};

	const acceptRecord = (cells: string[]): void => {
		fileRow++;
		let blank = true;
		for (let i = 0; i < cells.length; i++) {
			const cell = cells[i].trim();
			cells[i] = cell;
			if (cell !== '') blank = false;
		}
		if (blank) return;
		if (!header) {
			acceptHeader(cells);
			return;
		}
		const width = header.length;
		if (cells.length !== width) {
			// Trailing empty cells (a stray delimiter at the end of the line) are harmless.
			let lastFilled = cells.length - 1;
			while (lastFilled >= width && cells[lastFilled] === '') lastFilled--;
			if (lastFilled >= width || cells.length < minWidth) {
				errors.add({
					code: 'ragged-row',
					row: fileRow,
					message: `Row ${fileRow} has ${formatCount(cells.length)} value${cells.length === 1 ? '' : 's'} but the header has ${formatCount(width)} columns; check for a missing or extra delimiter or an unquoted delimiter inside a value.`
				});
				return;
			}
			const given = cells.length;
			cells.length = width;
			if (given < width) cells.fill('', given);
		}
		if (rows.length >= maxRows) {
			fail({
				code: 'too-many-rows',
				row: fileRow,
				message: `The file has more than ${formatCount(maxRows)} data rows; aggregate it (for example to weekly) first.`
			});
			return;
		}
		rows.push(cells);
		rowNumbers.push(fileRow);
	};

	const start = (text: string): string => {
		started = true;
		const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
		const lineBreak = detectLineBreak(body.slice(0, SAMPLE_CHARS));
		delimiter = detectDelimiter(body, lineBreak) ?? ',';
		// Explicit delimiter and line break: papaparse would otherwise guess per chunk.
		papa = new Papa.Parser({ delimiter, newline: lineBreak, quoteChar: '"' });
		return body;
	};

	const run = (final: boolean): void => {
		if (fatal) return;
		// The delimiter is guessed once, from enough lines, never from a sliver of the file.
		if (!started && !final && pendingChars < SAMPLE_CHARS && sampleLines <= SAMPLE_LINES) return;
		let text = pending.join('');
		pending.length = 0;
		pendingChars = 0;
		if (!started) {
			if (text === '' && !final) return;
			text = start(text);
		}
		const input = remainder + text;
		const result = papa!.parse(input, 0, !final) as Papa.ParseResult<string[]>;
		// Quote errors are reported with their row, in row order like every other issue.
		const quoteErrors = new Map<number, Papa.ParseError[]>();
		for (const error of result.errors) {
			const index = error.row ?? 0;
			// Errors in the unfinished last row come back when it is parsed again, complete.
			if (!final && index >= result.data.length) continue;
			quoteErrors.set(index, [...(quoteErrors.get(index) ?? []), error]);
		}
		for (let k = 0; k < result.data.length; k++) {
			for (const error of quoteErrors.get(k) ?? []) errors.add(quoteIssue(error, fileRow + 1));
			acceptRecord(result.data[k]);
			if (fatal) return;
		}
		remainder = final ? '' : input.slice(result.meta.cursor);
		if (remainder.length > maxRowChars) {
			const row = fileRow + 1;
			fail({
				code: remainder.includes('"') ? 'unclosed-quote' : 'row-too-long',
				row,
				message: remainder.includes('"')
					? `Row ${row} opens a quoted value that does not close within ${formatCount(maxRowChars)} characters; every " must be paired.`
					: `Row ${row} is longer than ${formatCount(maxRowChars)} characters; is this a CSV file?`
			});
		}
	};

	return {
		get rowCount() {
			return rows.length;
		},
		get failed() {
			return fatal;
		},
		push(text) {
			if (fatal || text === '') return;
			pending.push(text);
			pendingChars += text.length;
			if (!started)
				for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) sampleLines++;
			if (pendingChars >= batchChars) run(false);
		},
		finish() {
			run(true);
			if (!fatal && !header) {
				errors.add({
					code: 'empty-file',
					message: 'The file is empty: expected a header row and one row per period.'
				});
			} else if (!fatal && errors.count === 0 && rows.length === 0) {
				errors.add({
					code: 'header-only',
					row: 1,
					message: 'The file has a header but no data rows.'
				});
			} else if (!fatal && errors.count === 0 && header!.length < 2) {
				errors.add({
					code: 'single-column',
					row: 1,
					message:
						'Only one column was found; separate values with a comma, semicolon or tab (and the file needs at least a date and a KPI column).'
				});
			}
			if (errors.count > 0) {
				return { ok: false, errors: errors.toArray(), totalErrors: errors.count };
			}
			return {
				ok: true,
				table: { header: header!, rows, rowNumbers, delimiter },
				warnings: []
			};
		}
	};
}

function quoteIssue(error: Papa.ParseError, row: number): ImportIssue {
	return error.code === 'MissingQuotes'
		? {
				code: 'unclosed-quote',
				row,
				message: `Row ${row} opens a quoted value that never closes; every " must be paired.`
			}
		: {
				code: 'malformed-quotes',
				row,
				message: `Row ${row} has a quote in the wrong place (a quoted value must be followed by a delimiter or a line break; write "" for a quote inside a value).`
			};
}
