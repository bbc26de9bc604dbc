/**
 * Corrupted files: a valid file in a random dialect, then one to five random corruptions
 * (truncation, swapped columns, garbage bytes, duplicate headers, ragged rows, empty lines,
 * duplicated or reordered rows, hostile cells, long runs of one character). Every case ends
 * in a valid dataset or in errors whose message names the row or column they point at; none
 * throws or hangs.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetProblems } from '../../src/lib/data/import/dataset-invariants';
import { importCsvBytes } from '../../src/lib/data/import/import-csv';
import { formatCount, ISSUE_CODES, type ImportIssue } from '../../src/lib/data/import/issues';
import type { ImportResult } from '../../src/lib/data/import/result';
import { dialect, writeCsv, type Table } from './import-fixtures';

const RUNS = 1_000;
const tally = { cases: 0, ok: 0, failed: 0 };

/** Problems of the whole file (or its header as a whole), with no single cell to name. */
const WHOLE_FILE = new Set<string>([
	'empty-file',
	'header-only',
	'single-column',
	'too-many-columns',
	'too-few-periods',
	'encoding',
	'more'
]);

const table: fc.Arbitrary<Table> = fc
	.record({
		periods: fc.integer({ min: 30, max: 45 }),
		channels: fc.integer({ min: 1, max: 3 }),
		daily: fc.boolean(),
		seed: fc.nat(1_000)
	})
	.map(({ periods, channels, daily, seed }) => ({
		days: Array.from({ length: periods }, (_, i) => 18_000 + i * (daily ? 1 : 7)),
		kpi: Array.from({ length: periods }, (_, i) => 1_000 + (((i + seed) * 131) % 977) / 4),
		spend: Array.from({ length: channels }, (_, c) =>
			Array.from({ length: periods }, (_, i) => (((i + seed) * 37 + c * 53) % 97) * 12.5)
		),
		price: Array.from({ length: periods }, (_, i) => 1 + ((i + seed) % 5) / 10)
	}));

const HOSTILE = [
	'=SUM(A1)',
	'+cmd',
	'-1+1',
	'@x',
	'1e309',
	'NaN',
	'-Infinity',
	'"',
	'é',
	'\u0000',
	''
];

/** Lines are split and joined on a placeholder, then spelled in the dialect's delimiter. */
const SEP = '\u0001';

/** An edit of the file's lines (cells split on `SEP`). */
type LineEdit = (lines: string[]) => string[];
/** An edit of the encoded bytes. */
type ByteEdit = (bytes: Uint8Array) => Uint8Array;

/** Truncation anywhere (even inside a character), or garbage bytes injected anywhere. */
const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
	fc.nat().map(
		(at): ByteEdit =>
			(bytes) =>
				bytes.subarray(0, at % (bytes.length + 1))
	),
	fc
		.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
		.map(([at, junk]): ByteEdit => (bytes) => {
			const k = at % (bytes.length + 1);
			const out = new Uint8Array(bytes.length + junk.length);
			out.set(bytes.subarray(0, k));
			out.set(junk, k);
			out.set(bytes.subarray(k), k + junk.length);
			return out;
		})
);

/** Swapped columns, duplicate headers, ragged rows, empty lines, moved rows, hostile cells. */
const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
	// A cell (or header name) with a long run of one character, then something else: the
	// shape that makes a backtracking pattern take quadratic time.
	fc
		.tuple(
			fc.nat(),
			fc.nat(),
			fc.constantFrom('1', ' ', '_', '-', '.', ',', '0.', '1,'),
			fc.integer({ min: 1_000, max: 30_000 }),
			fc.constantFrom('', 'x', 'e', ' %', '$', '_spend')
		)
		.map(([r, c, unit, count, tail]): LineEdit => (lines) => {
			const k = r % lines.length;
			const cells = lines[k].split(SEP);
			cells[c % cells.length] = `1${unit.repeat(count)}${tail}`;
			return lines.map((line, i) => (i === k ? cells.join(SEP) : line));
		}),
	fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(
		([a, b, headerOnly]): LineEdit =>
			(lines) =>
				lines.map((line, r) => {
					if (headerOnly !== (r === 0)) return line;
					const cells = line.split(SEP);
					const i = a % cells.length;
					const j = b % cells.length;
					[cells[i], cells[j]] = [cells[j], cells[i]];
					return cells.join(SEP);
				})
	),
	fc.tuple(fc.nat(), fc.nat()).map(([a, b]): LineEdit => (lines) => {
		const cells = lines[0].split(SEP);
		cells[b % cells.length] = cells[a % cells.length];
		return [cells.join(SEP), ...lines.slice(1)];
	}),
	fc.tuple(fc.nat(), fc.boolean()).map(([r, add]): LineEdit => (lines) => {
		const k = 1 + (r % Math.max(1, lines.length - 1));
		const cells = (lines[k] ?? '').split(SEP);
		if (add) cells.push('7');
		else cells.pop();
		return lines.map((line, i) => (i === k ? cells.join(SEP) : line));
	}),
	fc
		.tuple(fc.nat(), fc.constantFrom('', '   ', SEP, SEP + SEP))
		.map(([r, blank]): LineEdit => (lines) => {
			const k = r % (lines.length + 1);
			return [...lines.slice(0, k), blank, ...lines.slice(k)];
		}),
	fc.tuple(fc.nat(), fc.nat()).map(([a, b]): LineEdit => (lines) => {
		const i = 1 + (a % Math.max(1, lines.length - 1));
		const j = 1 + (b % Math.max(1, lines.length - 1));
		const out = [...lines];
		if (i === j) out.splice(i, 0, lines[i] ?? '');
		else [out[i], out[j]] = [out[j], out[i]];
		return out;
	}),
	fc
		.tuple(fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE))
		.map(([r, c, token]): LineEdit => (lines) => {
			const k = r % lines.length;
			const cells = lines[k].split(SEP);
			cells[c % cells.length] = token;
			return lines.map((line, i) => (i === k ? cells.join(SEP) : line));
		})
);

const known = new Set<string>(ISSUE_CODES);

/** An error is specific: a known code, and its message names the row or the column it has. */
function checkIssue(issue: ImportIssue): void {
	expect(known.has(issue.code)).toBe(true);
	expect(issue.message.length).toBeGreaterThan(0);
	if (WHOLE_FILE.has(issue.code)) return;
	// "Choose the KPI column": a missing role is about the mapping as a whole.
	if (issue.code === 'mapping' && issue.row === undefined && issue.column === undefined) return;
	expect(issue.row ?? issue.column, `${issue.code}: ${issue.message}`).toBeDefined();
	const namesRow = issue.row !== undefined && issue.message.includes(formatCount(issue.row));
	const namesColumn =
		issue.column !== undefined && issue.message.includes(issue.column.slice(0, 30));
	expect(namesRow || namesColumn, `${issue.code}: ${issue.message}`).toBe(true);
}

function checkResult(result: ImportResult): void {
	result.warnings.forEach((w) => expect(known.has(w.code)).toBe(true));
	if (result.ok) {
		tally.ok++;
		expect(datasetProblems(result.dataset)).toEqual([]);
		return;
	}
	tally.failed++;
	expect(result.errors.length).toBeGreaterThan(0);
	result.errors.forEach(checkIssue);
}

describe('import of corrupted files', () => {
	afterAll(() =>
		console.log(
			`import-corruption: ${tally.cases} corrupted files (${tally.ok} imported, ${tally.failed} rejected with row/column errors)`
		)
	);

	it('ends in a valid dataset or errors naming the row or column', () => {
		fc.assert(
			fc.property(
				table,
				dialect,
				fc.array(lineEdit, { maxLength: 3 }),
				fc.array(byteEdit, { maxLength: 2 }),
				(data, d, lineEdits, byteEdits) => {
					fc.pre(lineEdits.length + byteEdits.length > 0);
					tally.cases++;
					// Written with a placeholder delimiter so edits can split cells, then spelled out.
					const plain = {
						...d,
						delimiter: SEP as ',',
						quoteAll: false,
						bom: false,
						// Unquoted, so a thousands separator must not be the delimiter.
						thousands: d.thousands === d.delimiter ? '' : d.thousands
					};
					let lines = writeCsv(data, { ...plain, lineBreak: '\n' }).split('\n');
					for (const edit of lineEdits) lines = edit(lines);
					const text =
						(d.bom ? '\uFEFF' : '') + lines.join(d.lineBreak).replaceAll(SEP, d.delimiter);
					let bytes = (d.bytes ?? ((t: string) => new TextEncoder().encode(t)))(text);
					for (const edit of byteEdits) bytes = edit(bytes);
					checkResult(importCsvBytes(bytes));
				}
			),
			{ numRuns: RUNS }
		);
		// Both outcomes occur, so the property is not vacuous.
		expect(tally.ok).toBeGreaterThan(RUNS / 20);
		expect(tally.failed).toBeGreaterThan(RUNS / 5);
	}, 120_000);
});
