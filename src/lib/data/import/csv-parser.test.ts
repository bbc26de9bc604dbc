import { describe, expect, it } from 'vitest';
import { createCsvParser, type CsvParseResult, type CsvParserOptions } from './csv-parser';

const parse = (text: string, options?: CsvParserOptions): CsvParseResult => {
	const parser = createCsvParser(options);
	parser.push(text);
	return parser.finish();
};

/** Parse feeding the text in pieces of `size` characters, each parsed as it comes. */
const parseInPieces = (text: string, size: number): CsvParseResult => {
	const parser = createCsvParser({ batchChars: 1 });
	for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
	return parser.finish();
};

const table = (result: CsvParseResult) => {
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.table;
};

/** More than the 50 sample lines, so split feeding really parses piece by piece. */
const tricky =
	'\uFEFFdate,"name, with comma",note\r\n' +
	(
		'2024-01-01,"say ""hi""","two\r\nlines"\r\n' +
		'\r\n' +
		'2024-01-08,plain,  padded  \r\n'
	).repeat(30);

describe('createCsvParser', () => {
	it('reads quoted delimiters, escaped quotes, quoted line breaks, CRLF and a BOM', () => {
		const t = table(parse(tricky));
		expect(t.header).toEqual(['date', 'name, with comma', 'note']);
		expect(t.rows).toHaveLength(60);
		expect(t.rows.slice(0, 2)).toEqual([
			['2024-01-01', 'say "hi"', 'two\r\nlines'],
			['2024-01-08', 'plain', 'padded']
		]);
		// The quoted line break keeps row 2 one row; the blank row 3 is skipped but counted.
		expect(t.rowNumbers.slice(0, 4)).toEqual([2, 4, 5, 7]);
		expect(t.delimiter).toBe(',');
	});

	it('gives the same table however the text is split into chunks', () => {
		const whole = table(parse(tricky));
		for (const size of [1, 2, 3, 5, 7, 11, 64])
			expect(table(parseInPieces(tricky, size))).toEqual(whole);
		const semicolons = tricky.replaceAll(',', ';');
		const wholeSemicolons = table(parse(semicolons));
		expect(wholeSemicolons.delimiter).toBe(';');
		for (const size of [1, 2, 3, 5])
			expect(table(parseInPieces(semicolons, size))).toEqual(wholeSemicolons);
	});

	it('gives the same table for a large file fed in uneven chunks', () => {
		const lines = ['date;spend;"quoted; header"'];
		for (let i = 0; i < 5_000; i++) lines.push(`2020-01-01;${i},5;"v${i};""x"""`);
		const text = lines.join('\n');
		const whole = table(parse(text));
		expect(whole.rows).toHaveLength(5_000);
		expect(whole.rows[4_999]).toEqual(['2020-01-01', '4999,5', 'v4999;"x"']);
		expect(table(parseInPieces(text, 9_999))).toEqual(whole);
		expect(table(parseInPieces(text, 97))).toEqual(whole);
	});

	it('detects comma, semicolon and tab delimiters', () => {
		expect(table(parse('a,b\n1,2')).delimiter).toBe(',');
		expect(table(parse('a;b\n1,5;2,5')).delimiter).toBe(';');
		expect(table(parse('a\tb\n1,000\t2')).delimiter).toBe('\t');
		expect(table(parse('a\tb\n1,000\t2')).rows).toEqual([['1,000', '2']]);
	});

	it('reads files with bare CR line breaks', () => {
		expect(table(parse('a,b\r1,2\r3,4\r')).rows).toEqual([
			['1', '2'],
			['3', '4']
		]);
	});

	it('names empty header cells by position and tolerates a trailing delimiter', () => {
		const t = table(parse('date,,kpi,\n2020-01-01,x,1,\n'));
		expect(t.header).toEqual(['date', 'Column 2', 'kpi', 'Column 4']);
		expect(t.rows[0]).toEqual(['2020-01-01', 'x', '1', '']);
		// Extra empty cells beyond the header are dropped, not an error.
		expect(table(parse('a,b\n1,2,,\n')).rows).toEqual([['1', '2']]);
		// …and so are unnamed header columns that the rows leave out.
		expect(table(parse('a,b,,\n1,2\n')).rows).toEqual([['1', '2', '', '']]);
	});

	it('fails on an empty file', () => {
		const result = parse('  \n\n');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0].code).toBe('empty-file');
		expect(parse('').ok).toBe(false);
	});

	it('fails on a header-only file', () => {
		const result = parse('date,revenue,tv_S\n');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'header-only', row: 1 });
	});

	it('names the row of a ragged row', () => {
		const result = parse('date,kpi,tv\n2020-01-01,1,2\n2020-01-08,1\n2020-01-15,1,2,3\n');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => [e.code, e.row])).toEqual([
			['ragged-row', 3],
			['ragged-row', 4]
		]);
		expect(result.errors[0].message).toContain('Row 3 has 2 values but the header has 3 columns');
	});

	it('reports an unclosed quote with its row', () => {
		const result = parse('a,b\n1,2\n3,"open\n5,6\n');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'unclosed-quote', row: 3 });
	});

	it('stops a never-closing quote at the row limit instead of re-parsing forever', () => {
		const parser = createCsvParser({ maxRowChars: 1_000 });
		parser.push('a,b\n1,"');
		for (let i = 0; i < 100 && !parser.failed; i++) parser.push('x'.repeat(70_000));
		expect(parser.failed).toBe(true);
		const result = parser.finish();
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'unclosed-quote', row: 2 });
	});

	it('rejects duplicate column names, naming both positions', () => {
		const result = parse('date,tv,tv\n2020-01-01,1,2\n');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[0]).toMatchObject({ code: 'duplicate-column', column: 'tv', row: 1 });
			expect(result.errors[0].message).toContain('Columns 2 and 3');
		}
	});

	it('caps the number of rows', () => {
		const result = parse('a,b\n1,2\n3,4\n5,6\n', { maxRows: 2 });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'too-many-rows', row: 4 });
	});

	it('caps the errors listed for a file full of bad rows, but counts them all', () => {
		const lines = ['a,b,c'];
		for (let i = 0; i < 10_000; i++) lines.push('1,2');
		const result = parse(lines.join('\n'));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.totalErrors).toBe(10_000);
		expect(result.errors.length).toBeLessThanOrEqual(50);
		expect(result.errors.at(-1)?.message).toContain('9,997 more');
	});
});
