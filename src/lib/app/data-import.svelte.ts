/**
 * UI state of one CSV import on the data page: reading (with progress and cancel), the detected
 * layout, the column mapping the analyst may edit and re-apply, and the outcome — a complete
 * dataset or a list of problems naming row and column. Nothing half-imported: `dataset` is set
 * only when the whole file passed.
 */
import type { Dataset } from '$lib/data/dataset';
import type {
	ColumnMapping,
	ColumnRole,
	ImportIssue,
	ImportProgress,
	ImportReply,
	Preview
} from '$lib/data/import';
import { isAbortError } from '$lib/workers/worker-client';

/** What the state needs of the import bridge (the real one, or a fake in tests). */
export interface Importer {
	importFile(
		input: Blob | string,
		options: {
			fileName?: string;
			signal?: AbortSignal;
			onProgress?: (progress: ImportProgress) => void;
		}
	): Promise<ImportReply>;
	remap(mapping: ColumnMapping): Promise<ImportReply>;
	/** Simulate a market with known truth and import it as a file. */
	simulate(seed: number): Promise<ImportReply>;
	suggest(): Promise<ColumnMapping | undefined>;
}

/** Where an import stands. */
export type ImportStatus = 'idle' | 'reading' | 'remapping' | 'done' | 'cancelled' | 'error';

/** Largest file the page accepts, bytes (years of daily data × dozens of channels is far less). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Names of the layouts as the page shows them. */
export const LAYOUT_NAMES: Record<ColumnMapping['layout'], string> = {
	robyn: 'Robyn (Meta) — detected',
	meridian: 'Meridian (Google), national — detected',
	pymc: 'PyMC-Marketing — detected',
	long: 'Long (one row per date and channel) — detected',
	mapped: 'Not recognised — check the column mapping'
};

/** One import at a time: read a file in the worker, show its layout and problems, edit its mapping. */
export class DataImport {
	status = $state<ImportStatus>('idle');
	/** File being (or last) read. */
	fileName = $state('');
	/** Size of that file, bytes. */
	fileBytes = $state(0);
	/** Progress of the read in progress. */
	progress = $state.raw<ImportProgress | null>(null);
	/** Latest reply of the worker (result and preview). */
	reply = $state.raw<ImportReply | null>(null);
	/** The mapping being edited (a deep copy of the applied or suggested one). */
	mapping = $state<ColumnMapping | null>(null);
	/** A failure outside the file's content (worker crashed, file too large). */
	error = $state<string | null>(null);

	/** The complete dataset, when the file passed every check. */
	readonly dataset = $derived<Dataset | null>(
		this.reply?.result.ok ? this.reply.result.dataset : null
	);
	/** Problems of the file (row, column, what to do). */
	readonly errors = $derived<ImportIssue[]>(
		this.reply && !this.reply.result.ok ? this.reply.result.errors : []
	);
	/** How many problems in all (the list is capped). */
	readonly totalErrors = $derived(
		this.reply && !this.reply.result.ok ? this.reply.result.totalErrors : 0
	);
	readonly warnings = $derived<ImportIssue[]>(this.reply?.result.warnings ?? []);
	readonly preview = $derived<Preview | null>(this.reply?.preview ?? null);
	/** Whether the analyst should look at the mapping (unknown layout, or it failed). */
	readonly needsMapping = $derived(
		this.mapping !== null && (this.mapping.layout === 'mapped' || this.errors.length > 0)
	);
	/** Whether the edited mapping differs from the one last applied. */
	readonly mappingEdited = $derived(
		this.mapping !== null &&
			JSON.stringify(this.mapping) !== JSON.stringify(this.reply?.result.mapping ?? null)
	);

	readonly #importer: Importer;
	#controller: AbortController | null = null;

	constructor(importer: Importer) {
		this.#importer = importer;
	}

	/** Read a file chosen or dropped by the analyst (latest wins). */
	async load(file: File): Promise<void> {
		if (file.size > MAX_FILE_BYTES) {
			this.#controller?.abort();
			this.#start(file.name, file.size);
			this.status = 'error';
			this.error = `“${file.name}” is ${Math.round(file.size / 1048576)} MB; files up to ${MAX_FILE_BYTES / 1048576} MB can be imported. Aggregate it to weeks or drop unused columns.`;
			return;
		}
		this.progress = { loaded: 0, total: file.size, fraction: 0, rows: 0 };
		await this.#read(file.name, file.size, (signal, latest) =>
			this.#importer.importFile(file, {
				fileName: file.name,
				signal,
				onProgress: (p) => {
					if (latest()) this.progress = p;
				}
			})
		);
	}

	/**
	 * Import a market simulated by Marginal (seed `seed`): a two-year weekly file whose true
	 * ROAS per channel is known, to see how close the fit comes.
	 */
	async loadSimulated(seed: number): Promise<void> {
		this.progress = null;
		await this.#read(`simulated-market-seed-${seed}.csv`, 0, () => this.#importer.simulate(seed));
	}

	/** Forget the last outcome and name the file now being read. */
	#start(fileName: string, fileBytes: number): void {
		this.fileName = fileName;
		this.fileBytes = fileBytes;
		this.reply = null;
		this.mapping = null;
		this.error = null;
	}

	/** Run one import (latest wins: an older one still running is cancelled and ignored). */
	async #read(
		fileName: string,
		fileBytes: number,
		call: (signal: AbortSignal, latest: () => boolean) => Promise<ImportReply>
	): Promise<void> {
		this.#controller?.abort();
		this.#start(fileName, fileBytes);
		const controller = new AbortController();
		this.#controller = controller;
		const latest = () => this.#controller === controller;
		this.status = 'reading';
		try {
			const reply = await call(controller.signal, latest);
			if (latest()) this.#accept(reply);
		} catch (error) {
			if (latest()) this.#fail(error, controller.signal.aborted);
		} finally {
			if (latest()) this.#controller = null;
		}
	}

	/** Stop the read in progress. */
	cancel(): void {
		this.#controller?.abort();
	}

	/** Give column `index` a new role in the edited mapping. */
	setRole(index: number, role: ColumnRole): void {
		if (!this.mapping || !this.mapping.columns[index]) return;
		this.mapping.columns[index].role = role;
		// A wide file mapped by hand is no longer the detected convention.
		if (this.mapping.layout !== 'long' && this.mapping.layout !== 'mapped') {
			this.mapping.layout = 'mapped';
		}
	}

	/** Switch the edited mapping between the wide and the long layout. */
	setLong(long: boolean): void {
		if (this.mapping) this.mapping.layout = long ? 'long' : 'mapped';
	}

	/** Re-apply the edited mapping to the file (kept in the worker). */
	async applyMapping(): Promise<void> {
		if (!this.mapping || this.status === 'reading') return;
		this.status = 'remapping';
		this.error = null;
		try {
			this.#accept(await this.#importer.remap($state.snapshot(this.mapping)));
		} catch (error) {
			this.#fail(error, false);
		}
	}

	/** Go back to the mapping the importer suggested. */
	async resetMapping(): Promise<void> {
		const suggested = await this.#importer.suggest().catch(() => undefined);
		if (suggested) this.mapping = structuredClone(suggested);
	}

	/** Forget the file (after it was kept, or to start over). */
	clear(): void {
		this.#controller?.abort();
		this.status = 'idle';
		this.reply = null;
		this.mapping = null;
		this.progress = null;
		this.error = null;
		this.fileName = '';
		this.fileBytes = 0;
	}

	#accept(reply: ImportReply): void {
		this.reply = reply;
		const mapping = reply.result.mapping;
		this.mapping = mapping ? structuredClone(mapping) : null;
		const cancelled = !reply.result.ok && reply.result.errors.some((e) => e.code === 'cancelled');
		this.status = cancelled ? 'cancelled' : 'done';
	}

	#fail(error: unknown, aborted: boolean): void {
		const abort = aborted || isAbortError(error);
		this.status = abort ? 'cancelled' : 'error';
		this.error = abort ? null : error instanceof Error ? error.message : String(error);
	}
}
