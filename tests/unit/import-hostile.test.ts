/**
 * Hostile files, one by one: huge, wrongly encoded, wrongly delimited, formula-laden, with
 * extreme numbers, absurdly long lines, thousands of columns, or almost nothing in them. Each
 * ends in a dataset with the right numbers or an error that says what and where.
 */
import { describe, expect, it } from 'vitest';
import { datasetProblems } from '../../src/lib/data/import/dataset-invariants';
import {
	blobChunks,
	importCsvBytes,
	importCsvStream,
	importCsvText
} from '../../src/lib/data/import/import-csv';
import type { ImportFailure, ImportResult, ImportSuccess } from '../../src/lib/data/import/result';
import { utf16 } from './import-fixtures';
import { hugeCsv, hugeSpend } from '../../src/cli/bench-import';

const ok = (result: ImportResult): ImportSuccess => {
	if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
	expect(datasetProblems(result.dataset)).toEqual([]);
	return result;
};
const failed = (result: ImportResult): ImportFailure => {
	if (result.ok) throw new Error('expected the import to fail');
	return result;
};

/** A valid weekly file (40 weeks, two channels), with cell (row, column) overridable. */
const weekly = (delimiter = ',', edit?: (r: number, c: number, cell: string) => string): string => {
	const header = ['date', 'revenue', 'tv_spend', 'search_spend'];
	const rows = Array.from({ length: 40 }, (_, i) => [
		new Date(Date.UTC(2022, 0, 3) + i * 7 * 86_400_000).toISOString().slice(0, 10),
		String(10_000 + ((i * 131) % 977)),
		String(((i * 37) % 97) * 10 + 5),
		String(((i * 53) % 89) * 10 + 7)
	]);
	return [header, ...rows]
		.map((row, r) => row.map((cell, c) => (edit ? edit(r + 1, c, cell) : cell)).join(delimiter))
		.join('\n');
};
/** The same file with one cell (file row, column index) replaced. */
const withCell = (row: number, column: number, value: string, delimiter = ','): string =>
	weekly(delimiter, (r, c, cell) => (r === row && c === column ? value : cell));

describe('huge files', () => {
	it('streams 10 years of daily data × 50 channels chunk by chunk into a full dataset', async () => {
		const text = hugeCsv(3_652, 50);
		const bytes = new TextEncoder().encode(text);
		const progress: number[] = [];
		const { result } = await importCsvStream(blobChunks(new Blob([bytes]), 64 * 1024), {
			total: bytes.length,
			onProgress: (p) => progress.push(p.rows)
		});
		const { dataset } = ok(result);
		console.log(
			`import-hostile: ${(bytes.length / 1e6).toFixed(1)} MB, ${dataset.dates.length} days × ${dataset.channels.length} channels in ${progress.length} chunks`
		);
		expect(dataset.granularity).toBe('day');
		expect(dataset.dates).toHaveLength(3_652);
		expect(dataset.channels).toHaveLength(50);
		expect(dataset.channels[49].spend[3_651]).toBe(hugeSpend(3_651, 49));
		// Rows were parsed as chunks arrived, not all at the end.
		expect(progress.length).toBeGreaterThan(15);
		expect(progress.filter((rows) => rows > 0 && rows < 3_652).length).toBeGreaterThan(10);
	});

	it('stops a quote that never closes instead of buffering the rest of the file', () => {
		const text = `${weekly()}\n2023-01-02,"10000,5,5\n${'2023-01-09,1,2,3\n'.repeat(70_000)}`;
		const { errors } = failed(importCsvText(text));
		expect(errors[0]).toMatchObject({ code: 'unclosed-quote', row: 42 });
	});
});

describe('encodings', () => {
	const accented = weekly().replace('tv_spend', 'télé_spend');

	it.each([
		['UTF-16 LE', true],
		['UTF-16 BE', false]
	])('decodes %s with a BOM, accents included', (_, littleEndian) => {
		const { dataset, warnings } = ok(importCsvBytes(utf16(`\uFEFF${accented}`, littleEndian)));
		expect(dataset.channels.map((c) => c.name)).toEqual(['télé', 'search']);
		expect(dataset.channels[0].spend[1]).toBe(375);
		expect(warnings).toEqual([]);
	});

	it('reads Latin-1 bytes as Windows-1252 and says the file is not UTF-8 and how to fix it', () => {
		const latin1 = Uint8Array.from(accented, (ch) => ch.charCodeAt(0));
		const { dataset, warnings } = ok(importCsvBytes(latin1));
		expect(dataset.channels[0].name).toBe('télé');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].code).toBe('encoding');
		expect(warnings[0].message).toMatch(/not UTF-8/);
		expect(warnings[0].message).toMatch(/save the file as “CSV UTF-8”/);
	});
});

describe('delimiters', () => {
	it('takes the semicolon when decimal commas would fool a comma split', () => {
		const text = weekly(';', (r, c, cell) => (r > 1 && c === 2 ? `${cell},5` : cell));
		const { dataset } = ok(importCsvText(text));
		expect(dataset.channels[0].spend[1]).toBe(375.5);
	});

	it('keeps a quoted header with semicolons in one column of a comma file', () => {
		const text = weekly().replace('search_spend', '"search;paid_spend"');
		const { dataset } = ok(importCsvText(text));
		expect(dataset.channels.map((c) => c.name)).toEqual(['tv', 'search;paid']);
	});

	it('explains a file whose delimiter is not a comma, semicolon or tab', () => {
		const { errors } = failed(importCsvText(weekly('|')));
		expect(errors[0].code).toBe('single-column');
		expect(errors[0].message).toMatch(/comma, semicolon or tab/);
	});

	it('names the row where an unquoted "1.000,5" splits a comma file', () => {
		const { errors } = failed(importCsvText(withCell(6, 2, '1.000,5')));
		expect(errors[0]).toMatchObject({ code: 'ragged-row', row: 6 });
		expect(errors[0].message).toMatch(/^Row 6 has 5 values but the header has 4 columns/);
	});
});

describe('formula-like cells are never evaluated', () => {
	it.each(['=SUM(A1)', '+cmd', '-1+1', '@x', '=HYPERLINK("http://x")'])(
		'rejects %s in a spend column by row and column',
		(cell) => {
			const { errors } = failed(
				importCsvText(withCell(6, 2, cell.includes(',') ? `"${cell}"` : cell))
			);
			expect(errors).toHaveLength(1);
			expect(errors[0]).toMatchObject({ code: 'formula', row: 6, column: 'tv_spend' });
			expect(errors[0].message).toMatch(/^Row 6, column “tv_spend”: .* never evaluated/);
		}
	);

	it('keeps formula-like names as plain text and signed numbers as numbers', () => {
		const text = weekly()
			.replace('tv_spend', '=SUM(A1)_spend')
			.replace('search_spend', '@x_spend')
			.replace('revenue', 'revenue,+cmd')
			.split('\n')
			.map((line, r) => (r === 0 ? line : line.replace(/^([^,]*,[^,]*)/, `$1,+${r % 7}`)))
			.join('\n');
		const suggested = ok(importCsvText(text)).mapping;
		// The analyst maps the unknown "+cmd" column as a control.
		const mapping = {
			...suggested,
			columns: suggested.columns.map((c) =>
				c.name === '+cmd' ? { ...c, role: { role: 'control' as const } } : c
			)
		};
		const { dataset } = ok(importCsvText(text, { mapping }));
		expect(dataset.channels.map((c) => c.name)).toEqual(['=SUM(A1)', '@x']);
		expect(dataset.controls[0].name).toBe('+cmd');
		expect(Array.from(dataset.controls[0].values.slice(0, 3))).toEqual([1, 2, 3]);
	});
});

describe('extreme and non-finite numbers', () => {
	it.each([
		['1e308', 'too-large'],
		['1e309', 'not-finite'],
		['-1e309', 'not-finite'],
		['NaN', 'not-finite'],
		['Infinity', 'not-finite'],
		['-Infinity', 'not-finite'],
		['9'.repeat(400), 'not-finite'],
		['1,5', 'not-a-number']
	])('rejects %s with a specific error at its cell', (cell, code) => {
		const text = withCell(9, 3, cell.includes(',') ? `"${cell}"` : cell);
		const { errors } = failed(importCsvText(text));
		expect(errors[0]).toMatchObject({ code, row: 9, column: 'search_spend' });
		expect(errors[0].message.length).toBeLessThan(300);
	});

	it('reads -0 as zero spend', () => {
		const { dataset } = ok(importCsvText(withCell(9, 3, '-0')));
		expect(Object.is(dataset.channels[1].spend[7], 0)).toBe(true);
	});

	it('reads "1,000.5" in a comma file and 1.000,5 in a semicolon file as 1000.5', () => {
		const comma = ok(importCsvText(withCell(9, 3, '"1,000.5"')));
		expect(comma.dataset.channels[1].spend[7]).toBe(1000.5);
		const semicolon = ok(importCsvText(withCell(9, 3, '1.000,5', ';')));
		expect(semicolon.dataset.channels[1].spend[7]).toBe(1000.5);
	});

	it('rejects a half-million-digit grouped number quickly and quotes it shortened', () => {
		const cell = `"1${',111'.repeat(150_000)}x"`;
		const { errors } = failed(importCsvText(withCell(9, 3, cell)));
		expect(errors[0]).toMatchObject({ code: 'not-a-number', row: 9 });
		expect(errors[0].message.length).toBeLessThan(300);
	});
});

describe('pathological cells and names parse in linear time', () => {
	// Each of these made a pattern backtrack quadratically (hours at this length) before the
	// patterns were rewritten; a regression shows up as a test timeout.
	const run = 500_000;
	it.each([
		['digits then a letter', `${'1'.repeat(run)}e`],
		['spaces inside a number', `1${' '.repeat(run)}2`],
		['spaces before a currency', `1${' '.repeat(run)}x$`],
		['digits then a percent', `${'1'.repeat(run)} %`]
	])('rejects a cell of %s by row and column', (_, cell) => {
		const { errors } = failed(importCsvText(withCell(9, 3, cell)));
		expect(errors[0]).toMatchObject({ code: 'not-a-number', row: 9, column: 'search_spend' });
		expect(errors[0].message.length).toBeLessThan(300);
	});

	it('reads a channel name after a long run of underscores', () => {
		const { dataset } = ok(
			importCsvText(weekly().replace('tv_spend', `${'_'.repeat(run)}x_spend`))
		);
		expect(dataset.channels.map((c) => c.id)).toEqual(['x', 'search']);
	});

	it.each([
		['spaces', `tv${' '.repeat(run)}x_spend`],
		['dashes and spaces', `a${' -_'.repeat(run / 3)}b_spend`]
	])('names the column whose channel name has a long run of %s', (_, name) => {
		const { errors } = failed(importCsvText(weekly().replace('tv_spend', name)));
		expect(errors).toEqual([
			{
				code: 'mapping',
				column: name,
				message: `The column mapping is malformed for column “${name.slice(0, 59)}…”: the channel name is longer than 120 characters; shorten it.`
			}
		]);
	});
});

describe('shapes', () => {
	it('names the row of a line longer than a million characters', () => {
		const { errors } = failed(importCsvText(`${weekly()}\n${'x'.repeat(1_100_000)}`));
		expect(errors[0]).toMatchObject({ code: 'row-too-long', row: 42 });
	});

	it('rejects a header longer than a million characters as row 1', () => {
		const { errors } = failed(importCsvText(`${'h'.repeat(1_100_000)},b\n1,2`));
		expect(errors[0]).toMatchObject({ code: 'row-too-long', row: 1 });
	});

	it('refuses 10,000 columns with the count and the limit', () => {
		const header = ['date', 'revenue', ...Array.from({ length: 9_998 }, (_, c) => `c${c}_spend`)];
		const { errors } = failed(
			importCsvText(`${header.join(',')}\n2024-01-01${',1'.repeat(9_999)}`)
		);
		expect(errors[0]).toMatchObject({ code: 'too-many-columns', row: 1 });
		expect(errors[0].message).toBe('The header has 10,000 columns; at most 5,000 are supported.');
	});

	it('explains a single column', () => {
		const { errors } = failed(importCsvText('date\n2024-01-01\n2024-01-02'));
		expect(errors.map((e) => e.code)).toEqual(['single-column']);
	});

	it('explains a header without data rows', () => {
		const { errors } = failed(importCsvText('date,revenue,tv_spend\r\n\r\n'));
		expect(errors.map((e) => e.code)).toEqual(['header-only']);
	});

	it('explains an empty file, even one of blank lines and a BOM', () => {
		for (const text of ['', '\uFEFF', '\n\n  \r\n', ',,,\n\t,']) {
			expect(failed(importCsvText(text)).errors.map((e) => e.code)).toEqual(['empty-file']);
		}
	});
});
