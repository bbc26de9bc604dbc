/**
 * The one owner of the CSV import worker: starts it on first use, forwards progress, cancels an
 * import through the worker's own `cancel` (parsing checks it between chunks, so the worker and
 * the file it keeps survive a cancel), and shuts the worker down after a long idle spell.
 *
 * The worker keeps the last parsed table so an edited mapping can be re-applied without reading
 * the file again; shutting it down forgets that table, and `remap` then answers with a message
 * asking for the file again (never a crash).
 */
import * as Comlink from 'comlink';
import type {
	ColumnMapping,
	ImportFileOptions,
	ImportProgress,
	ImportReply
} from '$lib/data/import';
import type { ImportApi } from './import.worker';
import { abortError, WorkerClient, type WorkerLike } from './worker-client';

/** Options of one import. */
export interface ImportRunOptions extends ImportFileOptions {
	/** Aborting cancels the import: the promise rejects with an AbortError. */
	signal?: AbortSignal;
	/** Hears how far the file has been read. */
	onProgress?: (progress: ImportProgress) => void;
}

/** Options of the bridge. */
export interface ImportBridgeOptions {
	/** Terminate the worker after this long without a call, milliseconds (default 10 minutes). */
	idleMs?: number;
}

/** Owner of one import worker. */
export class ImportBridge {
	readonly #client: WorkerClient<ImportApi>;

	constructor(create: () => WorkerLike, options: ImportBridgeOptions = {}) {
		this.#client = new WorkerClient<ImportApi>(create, {
			name: 'The importer',
			idleMs: options.idleMs ?? 600_000,
			cancelled: 'The importer was stopped.'
		});
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#client.started;
	}

	/**
	 * Read, parse and validate a file (or text) in the worker. A new import supersedes one still
	 * running (the worker cancels it, latest wins). Aborting `signal` cancels inside the worker,
	 * which keeps it (and a file read earlier) alive.
	 */
	importFile(input: Blob | string, options: ImportRunOptions = {}): Promise<ImportReply> {
		const { signal, onProgress, ...fileOptions } = options;
		if (signal?.aborted) return Promise.reject(abortError('The import was cancelled.'));
		return this.#client.call(async (remote) => {
			const onAbort = () => void remote.cancel();
			signal?.addEventListener('abort', onAbort, { once: true });
			const progress = onProgress
				? Comlink.proxy((p: ImportProgress) => {
						if (!signal?.aborted) onProgress(p);
					})
				: undefined;
			try {
				const reply = await remote.importFile(input, fileOptions, progress);
				if (signal?.aborted) throw abortError('The import was cancelled.');
				return reply;
			} finally {
				signal?.removeEventListener('abort', onAbort);
			}
		});
	}

	/** Simulate a market with known truth and import it (see import.worker.ts `simulate`). */
	simulate(seed: number): Promise<ImportReply> {
		return this.#client.call((remote) => remote.simulate(seed));
	}

	/** Re-apply an edited mapping to the last file read. */
	remap(mapping: ColumnMapping, previewRows?: number): Promise<ImportReply> {
		return this.#client.call((remote) => remote.remap(mapping, previewRows));
	}

	/** The suggested mapping of the last file read (undefined when none is kept). */
	suggest(): Promise<ColumnMapping | undefined> {
		return this.#client.call((remote) => remote.suggest());
	}

	/** Forget the last file and stop the worker (frees its memory). */
	release(): void {
		this.terminate();
	}

	/** Stop the worker now; calls in flight reject. */
	terminate(): void {
		this.#client.terminate();
	}
}

/** The app's import bridge: one module worker, started on the first import. */
export const importBridge = new ImportBridge(
	() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
);
