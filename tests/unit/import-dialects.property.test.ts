/**
 * Round trip: a random weekly or daily dataset, written the way different spreadsheets and
 * locales write CSV (comma, semicolon or tab; quoted or bare cells; CRLF or LF; with or without
 * a BOM; decimal point or comma; thousands separators; ISO, day-first or month-first dates),
 * imports back to exactly the same dates and numbers.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetProblems } from '../../src/lib/data/import/dataset-invariants';
import {
	importCsvBytes,
	importCsvStream,
	importCsvText
} from '../../src/lib/data/import/import-csv';
import type { ImportResult } from '../../src/lib/data/import/result';
import { isoDate } from '../../src/lib/data/import/date';
import { dialect, writeCsv, type Dialect, type Table } from './import-fixtures';

const RUNS = 1_000;
let cases = 0;
let streamed = 0;

/** A random valid table: 1–4 channels, 30–60 periods, values in cents (so decimals are exact). */
const table: fc.Arbitrary<Table> = fc
	.record({
		// At least 10 + 5 per channel periods, what an MMM needs (build-dataset.ts).
		periods: fc.integer({ min: 30, max: 60 }),
		channels: fc.integer({ min: 1, max: 4 }),
		daily: fc.boolean(),
		// Any start in 2000–2030, so dates cover every month and both sides of 12.
		start: fc.integer({ min: 10_957, max: 21_915 })
	})
	.chain(({ periods, channels, daily, start }) =>
		fc
			.array(
				fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), {
					minLength: channels + 2,
					maxLength: channels + 2
				}),
				{
					minLength: periods,
					maxLength: periods
				}
			)
			.map((cents): Table => {
				const step = daily ? 1 : 7;
				return {
					days: Array.from({ length: periods }, (_, i) => start + i * step),
					// `+ i` keeps every column from being constant (a constant column is an error).
					kpi: cents.map((row, i) => (row[0] + 100_000 + i) / 100),
					spend: Array.from({ length: channels }, (_, c) =>
						cents.map((row, i) => (row[1 + c] + i) / 100)
					),
					price: cents.map((row, i) => ((row[channels + 1] % 10_000) + i) / 100)
				};
			})
	);

/** The result holds exactly the table's dates and numbers. */
function expectSame(result: ImportResult, data: Table, d: Dialect): void {
	if (!result.ok) throw new Error(`${JSON.stringify(d)}: ${JSON.stringify(result.errors)}`);
	const { dataset } = result;
	expect(datasetProblems(dataset)).toEqual([]);
	expect(dataset.granularity).toBe(data.days[1] - data.days[0] === 1 ? 'day' : 'week');
	expect(dataset.dates).toEqual(data.days.map(isoDate));
	expect(Array.from(dataset.kpi.values)).toEqual(data.kpi);
	expect(dataset.channels.map((c) => Array.from(c.spend))).toEqual(data.spend);
	expect(dataset.controls.map((s) => Array.from(s.values))).toEqual([data.price]);
}

describe('import round trip over CSV dialects', () => {
	afterAll(() =>
		console.log(
			`import-dialects: ${cases} generated files round-tripped whole, ${streamed} in random chunks`
		)
	);

	it('reads back the same dates and numbers in every dialect', () => {
		fc.assert(
			fc.property(table, dialect, (data: Table, d: Dialect) => {
				cases++;
				const text = writeCsv(data, d);
				const result = d.bytes ? importCsvBytes(d.bytes(text)) : importCsvText(text);
				expectSame(result, data, d);
			}),
			{ numRuns: RUNS }
		);
		expect(cases).toBe(RUNS);
	});

	it('reads back the same when the bytes arrive in chunks of any size', async () => {
		await fc.assert(
			fc.asyncProperty(
				table,
				dialect,
				fc.integer({ min: 1, max: 3_000 }),
				fc.integer({ min: 1, max: 5_000 }),
				async (data: Table, d: Dialect, size: number, batchChars: number) => {
					streamed++;
					const text = writeCsv(data, d);
					// Odd sizes split UTF-16 code units and multi-byte UTF-8 characters.
					const bytes = (d.bytes ?? ((t: string) => new TextEncoder().encode(t)))(text);
					const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) =>
						bytes.subarray(k * size, (k + 1) * size)
					);
					const { result } = await importCsvStream(chunks, { parser: { batchChars } });
					expectSame(result, data, d);
				}
			),
			{ numRuns: RUNS }
		);
		expect(streamed).toBe(RUNS);
	});
});
