/**
 * The analyst's saved datasets, as the data page lists them: kept only in this browser's
 * IndexedDB (src/lib/storage), listed with size, periods and channels, reopened or deleted.
 * Storage failures are values with a message to show, never exceptions.
 */
import type { Dataset } from '$lib/data/dataset';
import type { DatasetRecord, DatasetSummary, Stored } from '$lib/storage';

/** What the library needs of storage (the real functions, or fakes in tests). */
export interface DatasetStore {
	saveDataset(dataset: Dataset, name?: string): Promise<Stored<DatasetSummary>>;
	listDatasets(): Promise<Stored<DatasetSummary[]>>;
	getDataset(id: string): Promise<Stored<DatasetRecord>>;
	saveDatasetFit(id: string, fit: unknown): Promise<Stored<void>>;
	deleteDataset(id: string): Promise<Stored<void>>;
}

/** The saved datasets list and its actions (save, open, delete, keep a fit). */
export class DataLibrary {
	/** Saved datasets, most recent first. */
	items = $state.raw<DatasetSummary[]>([]);
	/** Whether the list has been read once. */
	loaded = $state(false);
	/** The last storage problem, in words. */
	error = $state<string | null>(null);

	readonly #store: DatasetStore;

	constructor(store: DatasetStore) {
		this.#store = store;
	}

	/** Read the list again (a failure sets `error`; a success leaves an action's error shown). */
	async refresh(): Promise<void> {
		const listed = await this.#store.listDatasets();
		this.loaded = true;
		if (listed.ok) this.items = listed.value;
		else this.error = listed.error.message;
	}

	/** Keep a dataset; returns its summary, or null (with `error` set) when it could not be saved. */
	async save(dataset: Dataset, name?: string): Promise<DatasetSummary | null> {
		this.error = null;
		const saved = await this.#store.saveDataset(dataset, name);
		if (!saved.ok) {
			this.error = saved.error.message;
			return null;
		}
		await this.refresh();
		return saved.value;
	}

	/** A saved dataset with its last fit, or null (with `error` set). */
	async open(id: string): Promise<DatasetRecord | null> {
		this.error = null;
		const record = await this.#store.getDataset(id);
		if (!record.ok) {
			this.error = record.error.message;
			await this.refresh();
			return null;
		}
		return record.value;
	}

	/** Keep `fit` as the dataset's latest fit (a failure only sets `error`). */
	async saveFit(id: string, fit: unknown): Promise<void> {
		const saved = await this.#store.saveDatasetFit(id, fit);
		this.error = saved.ok ? null : saved.error.message;
	}

	/** Delete a saved dataset and its fit. */
	async remove(id: string): Promise<boolean> {
		this.error = null;
		const deleted = await this.#store.deleteDataset(id);
		if (!deleted.ok) this.error = deleted.error.message;
		await this.refresh();
		return deleted.ok;
	}
}
