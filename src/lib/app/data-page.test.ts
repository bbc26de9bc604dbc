import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/dataset';
import { createImportService } from '$lib/data/import';
import { fixtureCsv } from '$lib/data/import/test-fixtures';
import type { MmmFit, SplitResult } from '$lib/data/mmm';
import type { DatasetRecord, DatasetSummary, Stored } from '$lib/storage';
import { importSimulatedMarket } from '$lib/data/simulated-market';
import { DataPage, type DataPageDeps } from './data-page.svelte';
import type { DatasetStore } from './data-library.svelte';

/** Storage in a Map, answering like src/lib/storage. */
function memoryStore(): DatasetStore & { records: Map<string, DatasetRecord> } {
	const records = new Map<string, DatasetRecord>();
	const ok = <T>(value: T): Stored<T> => ({ ok: true, value });
	const summary = ({
		id,
		name,
		savedAt,
		bytes,
		periods,
		channels
	}: DatasetRecord): DatasetSummary => ({
		id,
		name,
		savedAt,
		bytes,
		periods,
		channels
	});
	let next = 0;
	return {
		records,
		async saveDataset(dataset: Dataset, name?: string) {
			const id = `d${++next}`;
			const record: DatasetRecord = {
				id,
				name: name ?? dataset.name,
				savedAt: next,
				bytes: 1,
				periods: dataset.dates.length,
				channels: dataset.channels.length,
				dataset,
				fit: null
			};
			records.set(id, record);
			return ok(summary(record));
		},
		async listDatasets() {
			return ok([...records.values()].reverse().map(summary));
		},
		async getDataset(id: string) {
			const record = records.get(id);
			return record
				? ok(record)
				: { ok: false, error: { kind: 'not-found', message: 'It is no longer saved.' } };
		},
		async saveDatasetFit(id: string, fit: unknown) {
			const record = records.get(id);
			if (record) records.set(id, { ...record, fit });
			return ok(undefined);
		},
		async deleteDataset(id: string) {
			records.delete(id);
			return ok(undefined);
		}
	};
}

/** Let the split, solved in a later task, finish. */
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

const fit = {
	version: 1,
	channels: [{ id: 'x1', name: 'x1', currentSpend: 1 }],
	dates: [],
	diagnostics: {},
	valuePerKpi: 1
} as unknown as MmmFit;

function page() {
	const service = createImportService();
	const store = memoryStore();
	let released = 0;
	const solved: number[] = [];
	const deps: DataPageDeps = {
		importer: {
			importFile: (input, { fileName, onProgress }) =>
				service.importFile(input, { fileName }, onProgress),
			remap: async (m) => service.remap(m),
			suggest: async () => service.suggest(),
			simulate: (seed) => importSimulatedMarket(service, seed),
			release: () => released++
		},
		store,
		fitter: async () => fit,
		solver: {
			optimalSplit: async (_f, options) => {
				solved.push(options.total);
				return { channels: [], explanation: [] } as unknown as SplitResult;
			},
			budgetScenarios: async () => [],
			budgetForTarget: async () => {
				throw new Error('not used here');
			}
		},
		twins: {
			twinScenario: async () => {
				throw new Error('not used');
			},
			saveScenario: async () => {
				throw new Error('not used');
			}
		},
		forecaster: async () => {
			throw new Error('not used');
		}
	};
	return { data: new DataPage(deps), store, released: () => released, solved };
}

describe('DataPage', () => {
	it('keeps an import, fits it, stores the fit and computes the split', async () => {
		const { data, store, released, solved } = page();
		await data.importing.load(new File([fixtureCsv('pymc_weekly.csv')], 'pymc.csv'));
		await data.keepImport('My sales');
		expect(data.library.items.map((i) => i.name)).toEqual(['My sales']);
		expect(data.current?.name).toBe('My sales');
		expect(data.importing.status).toBe('idle');
		expect(released()).toBe(1);

		await data.fit();
		expect(data.fitting.fit).toBe(fit);
		expect(store.records.get(data.current!.id)?.fit).toBe(fit);
		await later();
		expect(solved).toEqual([1]);
	});

	it('reopens a dataset with its stored fit, and closes it when deleted', async () => {
		const { data, store } = page();
		await data.importing.load(new File([fixtureCsv('pymc_weekly.csv')], 'pymc.csv'));
		await data.keepImport();
		const id = data.current!.id;
		await data.fit();
		data.close();
		expect(data.current).toBeNull();

		await data.open(id);
		expect(data.current?.id).toBe(id);
		expect(data.fitting.fit).toBe(fit);
		expect(data.fitting.status).toBe('done');
		await later();
		expect(data.split.result).not.toBeNull();

		await data.remove(id);
		expect(data.current).toBeNull();
		expect(store.records.size).toBe(0);
		expect(data.library.items).toEqual([]);
		await data.open(id);
		expect(data.library.error).toBe('It is no longer saved.');
	});

	it('keeps a simulated market with its truth and writes a saved dataset back as a CSV file', async () => {
		const { data, store } = page();
		await data.importing.loadSimulated(2);
		await data.keepImport('Simulated, seed 2');
		const id = data.current!.id;
		// The truth is stored with the dataset (the report compares the fit with it).
		expect(store.records.get(id)?.dataset.truth?.roas).toHaveLength(8);

		const file = await data.csvFile(id);
		expect(file?.fileName).toBe('simulated-seed-2.csv');
		// The file imports again to the same numbers.
		await data.importing.load(new File([file!.text], file!.fileName));
		const again = data.importing.dataset!;
		const kept = data.current!.dataset;
		expect(Array.from(again.kpi.values)).toEqual(Array.from(kept.kpi.values));
		expect(again.channels.map((c) => Array.from(c.spend))).toEqual(
			kept.channels.map((c) => Array.from(c.spend))
		);
		expect(await data.csvFile('gone')).toBeNull();
	});

	it('keeps nothing from a file that failed', async () => {
		const { data, store } = page();
		await data.importing.load(new File(['date,revenue\n2024-01-01,x\n'], 'bad.csv'));
		await data.keepImport();
		expect(store.records.size).toBe(0);
		expect(data.current).toBeNull();
	});
});
