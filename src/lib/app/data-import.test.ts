import { describe, expect, it } from 'vitest';
import { createImportService, type ImportReply } from '$lib/data/import';
import { fixtureCsv } from '$lib/data/import/test-fixtures';
import { importSimulatedMarket } from '$lib/data/simulated-market';
import { DataImport, MAX_FILE_BYTES, type Importer } from './data-import.svelte';

/** The real import service (what the worker runs), called directly. */
function serviceImporter(): Importer {
	const service = createImportService();
	return {
		importFile: (input, { fileName, onProgress }) =>
			service.importFile(input, { fileName }, onProgress),
		remap: async (mapping) => service.remap(mapping),
		suggest: async () => service.suggest(),
		simulate: (seed) => importSimulatedMarket(service, seed)
	};
}

const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

describe('DataImport', () => {
	it('imports a recognised file completely, with its layout and progress', async () => {
		const state = new DataImport(serviceImporter());
		await state.load(file('pymc_weekly.csv', fixtureCsv('pymc_weekly.csv')));
		expect(state.status).toBe('done');
		expect(state.mapping?.layout).toBe('pymc');
		expect(state.needsMapping).toBe(false);
		expect(state.dataset?.channels.map((c) => c.id)).toEqual(['x1', 'x2']);
		expect(state.progress?.fraction).toBe(1);
		expect(state.errors).toEqual([]);
	});

	it('asks for a mapping when it cannot tell, and imports once the analyst corrects it', async () => {
		const state = new DataImport(serviceImporter());
		await state.load(file('manual.csv', fixtureCsv('manual_semicolon.csv')));
		expect(state.dataset).toBeNull();
		expect(state.needsMapping).toBe(true);
		expect(state.errors.map((e) => e.message).join(' ')).toMatch(/KPI column/);
		state.setRole(1, { role: 'kpi', kind: 'revenue' });
		state.setRole(4, { role: 'control' });
		expect(state.mappingEdited).toBe(true);
		await state.applyMapping();
		expect(state.dataset?.kpi.name).toBe('Umsatz');
		expect(state.dataset?.controls.map((c) => c.name)).toEqual(['Wetter']);
		expect(state.mappingEdited).toBe(false);
		await state.resetMapping();
		expect(state.mapping?.columns[1].role.role).toBe('spend');
	});

	it('names the row and column of a bad cell and keeps no dataset', async () => {
		const lines = fixtureCsv('pymc_weekly.csv').split('\n');
		const cells = lines[3].split(',');
		cells[2] = 'lots';
		lines[3] = cells.join(',');
		const state = new DataImport(serviceImporter());
		await state.load(file('broken.csv', lines.join('\n')));
		expect(state.dataset).toBeNull();
		expect(state.errors[0]).toMatchObject({ row: 4, column: 'x1', code: 'not-a-number' });
		expect(state.errors[0].message).toMatch(/^Row 4, column “x1”/);
	});

	it('imports a simulated market through the same importer, with its truth', async () => {
		const state = new DataImport(serviceImporter());
		await state.loadSimulated(4);
		expect(state.status).toBe('done');
		expect(state.fileName).toBe('simulated-market-seed-4.csv');
		expect(state.dataset?.channels).toHaveLength(8);
		expect(state.dataset?.truth?.roas.map((r) => r.channel)).toEqual(
			state.dataset?.channels.map((c) => c.id)
		);
		expect(state.dataset?.truth?.roas.every((r) => r.value > 0)).toBe(true);
	});

	it('refuses a file over the size limit without reading it', async () => {
		let called = false;
		const importer: Importer = {
			importFile: async () => {
				called = true;
				return {} as ImportReply;
			},
			remap: async () => ({}) as ImportReply,
			suggest: async () => undefined,
			simulate: async () => ({}) as ImportReply
		};
		const state = new DataImport(importer);
		const big = new File(['x'], 'huge.csv');
		Object.defineProperty(big, 'size', { value: MAX_FILE_BYTES + 1 });
		await state.load(big);
		expect(called).toBe(false);
		expect(state.status).toBe('error');
		expect(state.error).toMatch(/huge\.csv.*MB/);
	});

	it('cancels a read in progress (latest wins) and reports a crash in words', async () => {
		const importer: Importer = {
			importFile: (_, { signal }) =>
				new Promise((_resolve, reject) =>
					signal?.addEventListener('abort', () =>
						reject(new DOMException('cancelled', 'AbortError'))
					)
				),
			remap: async () => {
				throw new Error('The importer stopped: out of memory');
			},
			suggest: async () => undefined,
			simulate: async () => ({}) as ImportReply
		};
		const state = new DataImport(importer);
		const pending = state.load(file('a.csv', 'a'));
		expect(state.status).toBe('reading');
		state.cancel();
		await pending;
		expect(state.status).toBe('cancelled');
		expect(state.error).toBeNull();
		state.mapping = { layout: 'mapped', columns: [] };
		await state.applyMapping();
		expect(state.status).toBe('error');
		expect(state.error).toBe('The importer stopped: out of memory');
	});
});
