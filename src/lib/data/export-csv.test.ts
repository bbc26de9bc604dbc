import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { datasetCsv } from './export-csv';
import { importCsvText } from './import';
import { expectOk, referenceCsv } from './import/test-fixtures';
import { recoveryScenario } from './recovery-scenario';
import { simulateDataset } from './simulate';

/** Import `text` and return the dataset (checking the importer's invariants). */
const load = (text: string, fileName = 'export.csv'): Dataset =>
	expectOk(importCsvText(text, { fileName })).dataset;

/** Every number series of a dataset in a fixed order, for exact comparison. */
const series = (d: Dataset): number[][] => [
	Array.from(d.kpi.values),
	...(d.kpi.revenuePerConversion ? [Array.from(d.kpi.revenuePerConversion)] : []),
	...d.channels.flatMap((c) =>
		[c.spend, c.impressions, c.clicks].filter((s) => s !== undefined).map((s) => Array.from(s))
	),
	...d.controls.map((s) => Array.from(s.values)),
	...d.organic.map((s) => Array.from(s.values)),
	...d.events.map((s) => Array.from(s.values))
];

describe('datasetCsv', () => {
	it('writes a simulated market that imports again to the same numbers, roles and channels', () => {
		const { dataset } = simulateDataset(recoveryScenario(), { weeks: 60, seed: 2 });
		const back = load(datasetCsv(dataset));
		expect(back.granularity).toBe('week');
		expect(back.dates).toEqual(dataset.dates);
		// "first-order revenue" would read back as conversions ("order"): the header says revenue.
		expect(back.kpi.kind).toBe('revenue');
		expect(back.channels.map((c) => c.name)).toEqual(dataset.channels.map((c) => c.name));
		expect(back.channels.every((c) => c.impressions !== undefined)).toBe(true);
		expect(back.events.map((e) => e.name)).toEqual(dataset.events.map((e) => `event ${e.name}`));
		// Shortest round-trip number form: equal to the last bit.
		expect(series(back)).toEqual(series(dataset));
	});

	it.each(['robyn_dt_simulated_weekly.csv', 'meridian_national_all_channels.csv'])(
		'round-trips the reference file %s (controls, organic, events, revenue per conversion)',
		(name) => {
			const original = load(referenceCsv(name), name);
			const back = load(datasetCsv(original));
			expect(back.channels.map((c) => [c.id, c.name])).toEqual(
				original.channels.map((c) => [c.id, c.name])
			);
			expect(back.kpi.kind).toBe(original.kpi.kind);
			expect(back.controls.length).toBe(original.controls.length);
			expect(back.organic.length).toBe(original.organic.length);
			expect(back.events.length).toBe(original.events.length);
			expect(series(back)).toEqual(series(original));
			// Writing it again changes nothing: names already carry their role.
			expect(datasetCsv(back)).toBe(datasetCsv(load(datasetCsv(back))));
		}
	);

	it('quotes names holding commas or quotes', () => {
		const { dataset } = simulateDataset(recoveryScenario(), { weeks: 60, seed: 1 });
		const odd: Dataset = {
			...dataset,
			channels: dataset.channels.map((c, i) => (i === 0 ? { ...c, name: 'TV, "prime"' } : c))
		};
		const csv = datasetCsv(odd);
		expect(csv.split('\n')[0]).toContain('"TV, ""prime"" spend"');
		expect(load(csv).channels[0].name).toBe('TV, "prime"');
	});
});
