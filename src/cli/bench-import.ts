/**
 * CSV import speed for `npm run bench`: 10 years of daily data × 50 channels (3,652 rows,
 * about 1.1 MB), streamed from a Blob in 1 MiB chunks through decode, parse, mapping and
 * validation into a Dataset — what the import worker does with a dropped file. Median of 5
 * runs after a warm-up.
 */
import { blobChunks, importCsvStream } from '../lib/data/import/import-csv';
import type { Figure } from './bench';

/** Spend of channel `c` on day `i`, in currency units (never constant, never negative). */
export const hugeSpend = (i: number, c: number): number => ((i * 7 + c * 13) % 1_000) + 0.5;

/**
 * A large valid wide CSV (also used by the hostile-import tests): `date,revenue,ch0_spend,…`,
 * one row per day from 2015-01-01. Deterministic.
 */
export function hugeCsv(days: number, channels: number): string {
	const start = Date.UTC(2015, 0, 1);
	const header = ['date', 'revenue', ...Array.from({ length: channels }, (_, c) => `ch${c}_spend`)];
	const lines = [header.join(',')];
	for (let i = 0; i < days; i++) {
		const cells = [
			new Date(start + i * 86_400_000).toISOString().slice(0, 10),
			String(50_000 + ((i * 131) % 9_973))
		];
		for (let c = 0; c < channels; c++) cells.push(String(hugeSpend(i, c)));
		lines.push(cells.join(','));
	}
	return `${lines.join('\n')}\n`;
}

/** Median milliseconds to import the 10-year × 50-channel file. */
export async function benchImport(): Promise<Figure[]> {
	const blob = new Blob([new TextEncoder().encode(hugeCsv(3_652, 50))]);
	const once = async (): Promise<number> => {
		const start = performance.now();
		const { result } = await importCsvStream(blobChunks(blob), { total: blob.size });
		if (!result.ok) throw new Error(`bench-import: ${result.errors[0].message}`);
		return performance.now() - start;
	};
	await once();
	const ms: number[] = [];
	for (let k = 0; k < 5; k++) ms.push(await once());
	ms.sort((a, b) => a - b);
	return [
		{
			name: 'import.csv_10y_x50_ms',
			value: Math.round(ms[2]),
			unit: 'ms',
			note: `3,652 days × 50 channels, ${(blob.size / 1e6).toFixed(1)} MB, streamed in 1 MiB chunks`
		}
	];
}
