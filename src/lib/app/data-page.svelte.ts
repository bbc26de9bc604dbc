/**
 * The data page's state: the import, the saved datasets, the dataset open now, its fit, the
 * optimal split and the twin. Each part is its own class; this one moves the page from one step
 * to the next (keep an import → fit → split → twin) and keeps the saved fit in step.
 */
import type { Dataset } from '$lib/data/dataset';
import { datasetCsv } from '$lib/data/export-csv';
import type { MmmFit } from '$lib/data/mmm';
import { datasetStem } from './download';
import { DataFit, storedFit, type MmmFitter } from './data-fit.svelte';
import { DataForecast, type Forecaster } from './data-forecast.svelte';
import { DataImport, type Importer } from './data-import.svelte';
import { DataLibrary, type DatasetStore } from './data-library.svelte';
import { DataSplit, type SplitSolver } from './data-split.svelte';
import { DataTwin, type TwinMaker } from './data-twin.svelte';

/** Everything the page talks to (workers, storage, the MMM), injected so tests can fake it. */
export interface DataPageDeps {
	importer: Importer & { release?(): void };
	store: DatasetStore;
	fitter: MmmFitter;
	solver: SplitSolver;
	twins: TwinMaker;
	forecaster: Forecaster;
}

/** The dataset open on the page. */
export interface OpenDataset {
	/** Id in IndexedDB. */
	id: string;
	name: string;
	dataset: Dataset;
}

/** The whole data page: import → keep → fit → split → twin. */
export class DataPage {
	readonly importing: DataImport;
	readonly library: DataLibrary;
	readonly fitting: DataFit;
	readonly split: DataSplit;
	readonly twin: DataTwin;
	readonly forecasting: DataForecast;

	/** The dataset being modelled. */
	current = $state.raw<OpenDataset | null>(null);
	/** Whether a keep/open is in progress. */
	busy = $state(false);

	readonly #deps: DataPageDeps;

	constructor(deps: DataPageDeps) {
		this.#deps = deps;
		this.importing = new DataImport(deps.importer);
		this.library = new DataLibrary(deps.store);
		this.fitting = new DataFit(deps.fitter);
		this.split = new DataSplit(deps.solver);
		this.twin = new DataTwin(deps.twins);
		this.forecasting = new DataForecast(deps.forecaster);
	}

	/** Save the imported dataset in IndexedDB and open it. */
	async keepImport(name?: string): Promise<void> {
		const dataset = this.importing.dataset;
		if (!dataset || this.busy) return;
		this.busy = true;
		try {
			const saved = await this.library.save(dataset, name);
			if (!saved) return;
			this.importing.clear();
			this.#deps.importer.release?.();
			this.#show({ id: saved.id, name: saved.name, dataset }, null);
		} finally {
			this.busy = false;
		}
	}

	/** Open a saved dataset (with its last fit, if any). */
	async open(id: string): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		try {
			const record = await this.library.open(id);
			if (record) {
				this.#show({ id, name: record.name, dataset: record.dataset }, storedFit(record.fit));
			}
		} finally {
			this.busy = false;
		}
	}

	/**
	 * A saved dataset as a CSV file that imports again unchanged (export-csv.ts) — to take it to
	 * `npm run mmm` or a spreadsheet. Null when it cannot be read (the library says why).
	 */
	async csvFile(id: string): Promise<{ text: string; fileName: string } | null> {
		const record = await this.library.open(id);
		if (!record) return null;
		return { text: datasetCsv(record.dataset), fileName: `${datasetStem(record.name)}.csv` };
	}

	/** Delete a saved dataset; closes it when it is the open one. */
	async remove(id: string): Promise<void> {
		const ok = await this.library.remove(id);
		if (ok && this.current?.id === id) {
			this.fitting.cancel();
			this.current = null;
			this.split.reset(null);
			this.twin.reset();
			this.forecasting.reset();
		}
	}

	/** Close the open dataset. */
	close(): void {
		this.fitting.cancel();
		this.current = null;
		this.split.reset(null);
		this.twin.reset();
		this.forecasting.reset();
	}

	/** Fit the open dataset, keep the fit with it, and compute the split. */
	async fit(): Promise<void> {
		const open = this.current;
		if (!open) return;
		const fit = await this.fitting.run(open.dataset);
		if (!fit || this.current !== open) return;
		this.#afterFit(fit);
		await this.library.saveFit(open.id, fit);
	}

	/** Build and save the twin of the current fit. */
	async makeTwin(): Promise<void> {
		const fit = this.fitting.fit;
		if (fit && this.current) await this.twin.create(fit, this.current.dataset);
	}

	#show(open: OpenDataset, fit: MmmFit | null): void {
		this.current = open;
		this.fitting.reset(open.dataset, fit);
		this.twin.reset();
		this.forecasting.reset();
		if (fit) this.#afterFit(fit);
		else this.split.reset(null);
	}

	#afterFit(fit: MmmFit): void {
		this.split.reset(fit);
		this.twin.reset();
		this.forecasting.reset();
		// Solve in a later task: drawing the report first keeps each task short.
		setTimeout(() => {
			if (this.fitting.fit === fit) void this.split.solve(fit);
		}, 0);
	}
}
