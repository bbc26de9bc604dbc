/**
 * Shared helpers for the import tests: the reference and fixture files, and a generator of
 * valid weekly files to break one cell at a time. Test support only; not used by the app.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { datasetProblems } from './dataset-invariants';
import type { ImportFailure, ImportResult, ImportSuccess } from './result';

/** A peer tool's example file (Robyn: MIT, Meridian: Apache-2.0), copied into tests/fixtures/reference. */
export const referenceCsv = (name: string): string =>
	readFileSync(resolve(__dirname, '../../../../tests/fixtures/reference', name), 'utf8');

/** A fixture file from tests/fixtures/csv. */
export const fixtureCsv = (name: string): string =>
	readFileSync(resolve(__dirname, '../../../../tests/fixtures/csv', name), 'utf8');

/** The success of a result, after checking the dataset's invariants (throws on failure). */
export const expectOk = (result: ImportResult): ImportSuccess => {
	if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
	expect(datasetProblems(result.dataset)).toEqual([]);
	return result;
};

/** The failure of a result (throws on success). */
export const expectFailed = (result: ImportResult): ImportFailure => {
	if (result.ok) throw new Error('expected the import to fail');
	return result;
};

/**
 * A valid weekly wide file as a grid of cells (row 0 is the header = file row 1): date,
 * revenue, one `<channel>_spend` per channel, price. Values vary deterministically and are
 * never constant.
 */
export const weeklyGrid = (periods = 30, channels = ['tv', 'search']): string[][] => {
	const header = ['date', 'revenue', ...channels.map((c) => `${c}_spend`), 'price'];
	const rows = Array.from({ length: periods }, (_, i) => {
		const date = new Date(Date.UTC(2022, 0, 3) + i * 7 * 86_400_000).toISOString().slice(0, 10);
		const spend = channels.map((_, c) => String(((i * 37 + c * 53) % 97) * 10 + 5));
		return [date, String(10_000 + ((i * 131) % 977)), ...spend, (1 + (i % 5) / 10).toFixed(2)];
	});
	return [header, ...rows];
};

/** Cells to comma-separated text. */
export const toCsv = (cells: string[][]): string => cells.map((row) => row.join(',')).join('\n');
