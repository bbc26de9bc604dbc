import { describe, expect, it } from 'vitest';
import { createImportService } from './import-service';
import { fixtureCsv } from './test-fixtures';

const longText = fixtureCsv('long_weekly.csv');
const manualText = fixtureCsv('manual_semicolon.csv');

/** A large valid weekly file (big enough to take several chunks). */
const bigCsv = (): string => {
	const lines = ['date,revenue,tv_spend,search_spend'];
	for (let i = 0; i < 60_000; i++) {
		const date = new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
		lines.push(`${date},${1000 + (i % 17)},${i % 13},${i % 7}`);
	}
	return lines.join('\n');
};

describe('createImportService', () => {
	it('imports a Blob in chunks with progress and a preview', async () => {
		const service = createImportService();
		const blob = new Blob([bigCsv()]);
		const fractions: number[] = [];
		const reply = await service.importFile(blob, { fileName: 'big.csv', previewRows: 3 }, (p) =>
			fractions.push(p.fraction)
		);
		expect(reply.result.ok).toBe(true);
		if (!reply.result.ok) return;
		expect(reply.result.dataset.source.fileName).toBe('big.csv');
		expect(reply.result.dataset.dates).toHaveLength(60_000);
		expect(fractions.length).toBeGreaterThan(1);
		expect(fractions.at(-1)).toBe(1);
		expect(reply.preview?.rows).toEqual([
			{ row: 2, cells: ['1900-01-01', '1000', '0', '0'] },
			{ row: 3, cells: ['1900-01-02', '1001', '1', '1'] },
			{ row: 4, cells: ['1900-01-03', '1002', '2', '2'] }
		]);
		expect(reply.preview?.columns.map((c) => c.label)).toEqual([
			'date',
			'KPI (revenue)',
			'spend · tv',
			'spend · search'
		]);
	});

	it('cancels an import in progress', async () => {
		const service = createImportService();
		const pending = service.importFile(new Blob([bigCsv()]), {}, () => service.cancel());
		const reply = await pending;
		expect(reply.result.ok).toBe(false);
		if (!reply.result.ok) expect(reply.result.errors[0].code).toBe('cancelled');
	});

	it('lets the latest import win', async () => {
		const service = createImportService();
		const first = service.importFile(bigCsv());
		const second = service.importFile(longText);
		const [a, b] = await Promise.all([first, second]);
		expect(a.result.ok).toBe(false);
		if (!a.result.ok) expect(a.result.errors[0].code).toBe('cancelled');
		expect(b.result.ok).toBe(true);
		// The kept table is the latest file's.
		expect(service.suggest()?.layout).toBe('long');
	});

	it('re-applies an edited mapping to the file it keeps', async () => {
		const service = createImportService();
		const first = await service.importFile(manualText, { fileName: 'de.csv' });
		expect(first.result.ok).toBe(false);
		expect(first.preview?.columns[1]).toMatchObject({ name: 'Umsatz', label: 'spend · Umsatz' });
		const suggested = service.suggest()!;
		const edited = {
			...suggested,
			columns: suggested.columns.map((c) =>
				c.name === 'Umsatz' ? { ...c, role: { role: 'kpi' as const, kind: 'revenue' as const } } : c
			)
		};
		const second = service.remap(edited);
		expect(second.result.ok).toBe(true);
		if (second.result.ok) expect(second.result.dataset.source.fileName).toBe('de.csv');
		expect(second.preview?.columns[1].label).toBe('KPI (revenue)');
	});

	it('asks for a file before remapping', () => {
		const reply = createImportService().remap({ layout: 'mapped', columns: [] });
		expect(reply.result.ok).toBe(false);
		if (!reply.result.ok) expect(reply.result.errors[0].message).toContain('import a file first');
	});
});
