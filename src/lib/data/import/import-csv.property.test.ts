/**
 * Hostile input never throws and never hangs: random text, random bytes, token soup and
 * valid files with hostile edits all end in a valid Dataset or specific errors. And feeding
 * the same text in arbitrary pieces gives the same result as feeding it whole.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetProblems } from './dataset-invariants';
import { importCsvBytes, importCsvStream, importCsvText } from './import-csv';
import { ISSUE_CODES, MAX_ISSUES, type ImportIssue } from './issues';
import type { ImportResult } from './result';

const HOSTILE = [
	'',
	'0',
	'1',
	'-5',
	'12.5',
	'1e400',
	'-1e400',
	'1e308',
	'NaN',
	'Infinity',
	'-Infinity',
	'=1+2',
	'=HYPERLINK("http://x")',
	'+A1',
	'-A1',
	'@SUM(1)',
	'"',
	'""',
	'"a,b"',
	'"a\nb"',
	',',
	';',
	'\t',
	'\r\n',
	'\n',
	'\r',
	'2024-01-01',
	'01/02/2024',
	'13/13/2024',
	'2024-02-30',
	'1,234.5',
	'1.234,5',
	'12%',
	'$5',
	'na',
	'event1',
	'\uFEFF',
	'\u0000',
	'é',
	'<script>',
	'9'.repeat(400)
];
const hostileToken = fc.constantFrom(...HOSTILE);

/** A valid weekly or daily file with 1–3 channels, as cells. */
const validCells = fc
	.record({
		periods: fc.integer({ min: 15, max: 70 }),
		channels: fc.integer({ min: 1, max: 3 }),
		daily: fc.boolean(),
		seed: fc.integer({ min: 0, max: 1_000 })
	})
	.map(({ periods, channels, daily, seed }) => {
		const header = [
			'date',
			'revenue',
			...Array.from({ length: channels }, (_, c) => `c${c}_spend`),
			'price'
		];
		const rows = Array.from({ length: periods }, (_, i) => {
			const date = new Date(Date.UTC(2020, 0, 6) + i * (daily ? 1 : 7) * 86_400_000)
				.toISOString()
				.slice(0, 10);
			const spend = Array.from({ length: channels }, (_, c) =>
				String(((i + seed) * 37 + c * 53) % 97)
			);
			return [date, String(1_000 + (((i + seed) * 131) % 977)), ...spend, String((i + seed) % 5)];
		});
		return [header, ...rows];
	});

/** A valid file with a few cells replaced by hostile tokens, in a random delimiter. */
const editedFile = fc
	.tuple(
		validCells,
		fc.array(fc.tuple(fc.nat(), fc.nat(), hostileToken), { maxLength: 3 }),
		fc.constantFrom(',', ';', '\t'),
		fc.constantFrom('\n', '\r\n')
	)
	.map(([cells, edits, delimiter, lineBreak]) => {
		for (const [r, c, token] of edits) {
			const row = cells[r % cells.length];
			row[c % row.length] = token;
		}
		return cells.map((row) => row.join(delimiter)).join(lineBreak);
	});

const tokenSoup = fc
	.array(fc.oneof(hostileToken, fc.string({ maxLength: 6 })), { maxLength: 150 })
	.map((parts) => parts.join(''));

const anyText = fc.oneof(
	{ arbitrary: editedFile, weight: 3 },
	{ arbitrary: tokenSoup, weight: 2 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 }
);

const known = new Set<string>(ISSUE_CODES);
const checkIssue = (issue: ImportIssue) => {
	expect(known.has(issue.code)).toBe(true);
	expect(typeof issue.message).toBe('string');
	expect(issue.message.length).toBeGreaterThan(0);
	if (issue.row !== undefined) {
		expect(Number.isInteger(issue.row)).toBe(true);
		expect(issue.row).toBeGreaterThanOrEqual(1);
	}
	if (issue.column !== undefined) expect(typeof issue.column).toBe('string');
};

const RUNS = 1_000;
const tally = { ok: 0, failed: 0, chunked: 0 };
/** The property: a valid dataset, or a capped list of specific errors. */
const checkResult = (result: ImportResult) => {
	result.warnings.forEach(checkIssue);
	if (result.ok) {
		tally.ok++;
		expect(datasetProblems(result.dataset)).toEqual([]);
		return;
	}
	tally.failed++;
	expect(result.errors.length).toBeGreaterThan(0);
	expect(result.errors.length).toBeLessThanOrEqual(MAX_ISSUES);
	expect(result.totalErrors).toBeGreaterThanOrEqual(result.errors.length);
	result.errors.forEach(checkIssue);
};

describe('import on hostile input', () => {
	afterAll(() =>
		console.log(
			`import-csv.property: ${tally.ok + tally.failed} texts and byte strings (${tally.ok} imported, ${tally.failed} rejected), ${tally.chunked} chunkings`
		)
	);

	it('ends in a valid dataset or specific errors, for text', () => {
		fc.assert(
			fc.property(anyText, (text) => checkResult(importCsvText(text))),
			{ numRuns: RUNS }
		);
		// Both outcomes occurred: the property was not vacuous.
		expect(tally.ok).toBeGreaterThan(50);
		expect(tally.failed).toBeGreaterThan(50);
	});

	it('ends in a valid dataset or specific errors, for random bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => checkResult(importCsvBytes(bytes))),
			{ numRuns: RUNS }
		);
	});

	it('gives the same result however the text is split into chunks', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(editedFile, tokenSoup),
				fc.integer({ min: 1, max: 40 }),
				async (text, size) => {
					tally.chunked++;
					const whole = importCsvText(text);
					const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, k) =>
						text.slice(k * size, (k + 1) * size)
					);
					const { result } = await importCsvStream(pieces, { parser: { batchChars: 1 } });
					expect(result).toEqual(whole);
				}
			),
			{ numRuns: RUNS }
		);
	});
});
