import { describe, expect, it } from 'vitest';
import { importCsvBytes, importCsvStream, importCsvText } from './import-csv';
import {
	expectFailed as failed,
	expectOk as ok,
	fixtureCsv as fixture,
	referenceCsv as reference,
	toCsv as csv,
	weeklyGrid as grid
} from './test-fixtures';

describe('reference files', () => {
	it('loads Robyn’s dt_simulated_weekly as-is', () => {
		const { dataset, mapping, warnings } = ok(
			importCsvText(reference('robyn_dt_simulated_weekly.csv'), { fileName: 'robyn.csv' })
		);
		expect(mapping.layout).toBe('robyn');
		expect(warnings).toEqual([]);
		expect(dataset.granularity).toBe('week');
		expect(dataset.dates).toHaveLength(208);
		expect(dataset.dates[0]).toBe('2015-11-23');
		expect(dataset.kpi).toMatchObject({ name: 'revenue', kind: 'revenue' });
		expect(dataset.kpi.values[0]).toBeCloseTo(2754371.66666667, 6);
		expect(dataset.channels.map((c) => c.id)).toEqual(['tv', 'ooh', 'print', 'search', 'facebook']);
		const byId = Object.fromEntries(dataset.channels.map((c) => [c.id, c]));
		expect(byId.facebook.impressions?.[0]).toBeCloseTo(24301284.2375304, 6);
		expect(byId.facebook.spend[0]).toBeCloseTo(7607.1329148046, 9);
		expect(byId.search.clicks?.[1]).toBeCloseTo(9837.2384857852, 9);
		expect(byId.tv.impressions).toBeUndefined();
		expect(dataset.controls.map((s) => s.name)).toEqual(['competitor_sales_B']);
		expect(dataset.organic.map((s) => s.name)).toEqual(['newsletter']);
		expect(dataset.events.map((s) => s.name)).toEqual(['events: event1', 'events: event2']);
		for (const event of dataset.events) expect(event.values.reduce((a, b) => a + b, 0)).toBe(1);
		expect(dataset.source).toMatchObject({ layout: 'robyn', fileName: 'robyn.csv', rows: 208 });
	});

	it('loads Meridian’s national_all_channels as-is', () => {
		const { dataset, mapping } = ok(
			importCsvText(reference('meridian_national_all_channels.csv'), { fileName: 'meridian.csv' })
		);
		expect(mapping.layout).toBe('meridian');
		expect(dataset.dates).toHaveLength(156);
		expect(dataset.granularity).toBe('week');
		expect(dataset.kpi).toMatchObject({ name: 'conversions', kind: 'conversions' });
		expect(dataset.kpi.revenuePerConversion?.[0]).toBeCloseTo(0.019999500475, 12);
		expect(dataset.channels.map((c) => c.name)).toEqual([
			'Channel0',
			'Channel1',
			'Channel2',
			'Channel3',
			'Channel4'
		]);
		for (const c of dataset.channels) {
			expect(c.impressions).toBeInstanceOf(Float64Array);
			expect(c.clicks).toBeUndefined();
		}
		expect(dataset.channels[0].spend[0]).toBeCloseTo(325137.5683, 6);
		expect(dataset.channels[0].impressions?.[0]).toBe(44340630);
		expect(dataset.controls.map((s) => s.name)).toEqual([
			'competitor_sales_control',
			'sentiment_score_control',
			'Promo'
		]);
		expect(dataset.organic.map((s) => s.name)).toEqual(['Organic_channel0_impression']);
	});
});

describe('other layouts', () => {
	it('loads a PyMC-Marketing style file', () => {
		const { dataset, mapping } = ok(importCsvText(fixture('pymc_weekly.csv')));
		expect(mapping.layout).toBe('pymc');
		expect(dataset.kpi.name).toBe('y');
		expect(dataset.channels.map((c) => c.id)).toEqual(['x1', 'x2']);
		expect(dataset.events.map((s) => s.name)).toEqual(['event_1', 'event_2']);
		expect(dataset.events[0].values[7]).toBe(1);
		expect(dataset.controls).toEqual([]);
	});

	it('pivots a long file to wide, reading missing date–channel rows as zero spend', () => {
		const { dataset, mapping, warnings } = ok(importCsvText(fixture('long_weekly.csv')));
		expect(mapping.layout).toBe('long');
		expect(dataset.dates).toHaveLength(26);
		expect(dataset.channels.map((c) => c.name)).toEqual(['TV', 'Search', 'Social']);
		const social = dataset.channels[2];
		expect([social.spend[3], social.spend[4]]).toEqual([0, 0]);
		expect(social.impressions?.[3]).toBe(0);
		expect(dataset.channels[0].spend[0]).toBe(286.31);
		expect(dataset.kpi.values[0]).toBe(21362.95);
		expect(dataset.controls.map((s) => s.name)).toEqual(['temperature']);
		expect(warnings.map((w) => w.message)).toEqual([
			'2 date–channel pairs have no row; read as zero spend.'
		]);
	});

	it('needs a mapping for an unknown German export, then loads it with decimal commas', () => {
		const text = fixture('manual_semicolon.csv');
		const first = failed(importCsvText(text));
		expect(first.errors[0].message).toContain('Choose the KPI column');
		const suggested = first.mapping!;
		expect(suggested.layout).toBe('mapped');
		// The analyst's edit: Umsatz is the KPI, Wetter a control.
		const mapping = {
			...suggested,
			columns: suggested.columns.map((c) =>
				c.name === 'Umsatz'
					? { ...c, role: { role: 'kpi' as const, kind: 'revenue' as const } }
					: c.name === 'Wetter'
						? { ...c, role: { role: 'control' as const } }
						: c
			)
		};
		const { dataset } = ok(importCsvText(text, { mapping }));
		expect(dataset.dates[0]).toBe('2022-01-03');
		expect(dataset.dates[1]).toBe('2022-01-10');
		expect(dataset.kpi.values[0]).toBe(111570.06);
		expect(dataset.channels.map((c) => [c.name, c.spend[0]])).toEqual([
			['Fernsehen', 301.52],
			['Radio', 2912.04]
		]);
		expect(dataset.controls[0].values[0]).toBe(1.9);
	});

	it('reads a UTF-16 file with a BOM (Excel “Unicode text”, tab-separated)', () => {
		const text = grid(30)
			.map((row) => row.join('\t'))
			.join('\r\n');
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
		const { dataset } = ok(importCsvBytes(bytes));
		expect(dataset.channels.map((c) => c.id)).toEqual(['tv', 'search']);
		expect(dataset.dates).toHaveLength(30);
	});

	it('reads quoted thousands separators and percent controls', () => {
		const cells = grid(30);
		cells[1][2] = '"1,234.50"';
		cells[1][4] = '12%';
		const { dataset } = ok(importCsvText(csv(cells)));
		expect(dataset.channels[0].spend[0]).toBe(1234.5);
		expect(dataset.controls[0].values[0]).toBeCloseTo(0.12, 12);
	});
});

describe('size', () => {
	it('caps the errors of a 100k-row file full of bad cells', () => {
		const lines = ['date,revenue,tv_spend,search_spend'];
		for (let i = 0; i < 100_000; i++) lines.push(`2022-01-03,abc,-1,=A1`);
		const result = failed(importCsvText(lines.join('\n')));
		expect(result.errors.length).toBeLessThanOrEqual(50);
		// Every row repeats the date, and three cells per row are bad.
		expect(result.totalErrors).toBe(99_999 + 3 * 100_000);
		const more = result.errors.filter((e) => e.code === 'more').map((e) => e.message);
		expect(more).toEqual([
			'…and 99,996 more like this in column “date”.',
			'…and 99,997 more like this in column “revenue”.',
			'…and 99,997 more like this in column “tv_spend”.',
			'…and 99,997 more like this in column “search_spend”.'
		]);
	});

	it('streams ten years of daily data × 50 channels with impressions and clicks', async () => {
		const channels = 50;
		const days = 3_650;
		/** Rows are generated chunk by chunk: the file never exists as one string. */
		function* chunks(): Generator<string> {
			const header = ['date', 'revenue', 'price'];
			for (let c = 0; c < channels; c++)
				header.push(`ch${c}_spend`, `ch${c}_impressions`, `ch${c}_clicks`);
			let chunk = header.join(',');
			for (let t = 0; t < days; t++) {
				const date = new Date(Date.UTC(2015, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
				const row = [date, String(100_000 + ((t * 7_919) % 5_000)), (1 + (t % 7) / 100).toFixed(2)];
				for (let c = 0; c < channels; c++) {
					const spend = ((t * 31 + c * 17) % 101) * 12.5;
					row.push(
						spend.toFixed(2),
						String(Math.round(spend * 90)),
						String(Math.round(spend * 0.8))
					);
				}
				chunk += `\r\n${row.join(',')}`;
				if (chunk.length > 100_000) {
					yield chunk;
					chunk = '';
				}
			}
			yield chunk;
		}
		const progress: number[] = [];
		const { result } = await importCsvStream(chunks(), {
			onProgress: (p) => progress.push(p.rows)
		});
		const { dataset } = ok(result);
		expect(dataset.granularity).toBe('day');
		expect(dataset.dates).toHaveLength(days);
		expect(dataset.dates.at(-1)).toBe('2024-12-28');
		expect(dataset.channels).toHaveLength(channels);
		expect(dataset.channels[49].id).toBe('ch49');
		expect(dataset.channels[49].spend[1]).toBe(((31 + 49 * 17) % 101) * 12.5);
		expect(dataset.channels[49].clicks?.[1]).toBe(Math.round(((31 + 49 * 17) % 101) * 12.5 * 0.8));
		// Progress came in many steps, with rows growing.
		expect(progress.length).toBeGreaterThan(20);
		expect(progress.at(-1)).toBeGreaterThan(progress[0]);
	});
});
