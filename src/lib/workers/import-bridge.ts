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
import { abortError, type WorkerLike } from './sim-bridge';

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
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<ImportApi> | null = null;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;
	#calls = 0;
	#failStart: ((error: Error) => void)[] = [];

	constructor(create: () => WorkerLike, options: ImportBridgeOptions = {}) {
		this.#create = create;
		this.#idleMs = options.idleMs ?? 600_000;
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#worker !== null;
	}

	/**
	 * Read, parse and validate a file (or text) in the worker. A new import supersedes one still
	 * running (the worker cancels it, latest wins).
	 */
	importFile(input: Blob | string, options: ImportRunOptions = {}): Promise<ImportReply> {
		const { signal, onProgress, ...fileOptions } = options;
		if (signal?.aborted) return Promise.reject(abortError('The import was cancelled.'));
		return this.#call(async (remote) => {
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

	/** Re-apply an edited mapping to the last file read. */
	remap(mapping: ColumnMapping, previewRows?: number): Promise<ImportReply> {
		return this.#call((remote) => remote.remap(mapping, previewRows));
	}

	/** The suggested mapping of the last file read (undefined when none is kept). */
	suggest(): Promise<ColumnMapping | undefined> {
		return this.#call((remote) => remote.suggest());
	}

	/** Forget the last file and stop the worker (frees its memory). */
	release(): void {
		this.terminate();
	}

	/** Stop the worker now; calls in flight reject. */
	terminate(): void {
		this.#clearIdle();
		const failing = this.#failStart;
		this.#failStart = [];
		for (const fail of failing) fail(abortError('The importer was stopped.'));
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	async #call<T>(work: (remote: Comlink.Remote<ImportApi>) => Promise<T>): Promise<T> {
		this.#clearIdle();
		const remote = this.#start();
		this.#calls++;
		let fail: (error: Error) => void = () => {};
		const stopped = new Promise<never>((_, reject) => (fail = reject));
		this.#failStart.push(fail);
		try {
			return await Promise.race([work(remote), stopped]);
		} finally {
			this.#failStart = this.#failStart.filter((f) => f !== fail);
			this.#calls--;
			if (this.#calls === 0 && this.#worker) this.#scheduleIdle();
		}
	}

	#start(): Comlink.Remote<ImportApi> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		// A worker that fails to load never answers: fail the calls waiting on it.
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			const failing = this.#failStart;
			this.#failStart = [];
			for (const f of failing) f(new Error(`The importer stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<ImportApi>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (this.#calls === 0) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}

/** The app's import bridge: one module worker, started on the first import. */
export const importBridge = new ImportBridge(
	() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
);
