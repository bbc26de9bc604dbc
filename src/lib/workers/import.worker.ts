/**
 * The import worker: reads a File (or text) in chunks, parses and validates it off the main
 * thread, and keeps the parsed table so an edited mapping can be re-applied without reading
 * the file again. Thin by design: the logic is in src/lib/data/import (tested in node).
 *
 * The UI imports only `ImportApi` (a type) and talks through comlink; progress comes back
 * through a `Comlink.proxy` callback, and the dataset's typed arrays are transferred, not copied.
 */
import * as Comlink from 'comlink';
import {
	createImportService,
	datasetBuffers,
	type ColumnMapping,
	type ImportFileOptions,
	type ImportProgress,
	type ImportReply
} from '$lib/data/import';
import { importSimulatedMarket } from '$lib/data/simulated-market';

const service = createImportService();

/** Hand the dataset's buffers over to the caller (the worker keeps only the parsed table). */
const transferred = (reply: ImportReply): ImportReply =>
	reply.result.ok ? Comlink.transfer(reply, datasetBuffers(reply.result.dataset)) : reply;

const api = {
	/**
	 * Import a File/Blob or CSV text. A new call cancels the one running (latest wins).
	 * @param onProgress pass `Comlink.proxy(fn)`; called after each chunk (about 1 MB)
	 */
	async importFile(
		input: Blob | string,
		options: ImportFileOptions = {},
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportReply> {
		return transferred(await service.importFile(input, options, onProgress));
	},
	/**
	 * Simulate a market with known truth (simulated-market.ts), import its CSV file like any
	 * other, and attach the true ROAS per channel to the dataset.
	 */
	async simulate(seed: number): Promise<ImportReply> {
		return transferred(await importSimulatedMarket(service, seed));
	},
	/** Re-apply an edited mapping to the last file read. */
	async remap(mapping: ColumnMapping, previewRows?: number): Promise<ImportReply> {
		return transferred(service.remap(mapping, previewRows));
	},
	/** The suggested mapping of the last file read (to reset the editor). */
	async suggest(): Promise<ColumnMapping | undefined> {
		return service.suggest();
	},
	/** Stop the import in progress; it resolves with a `cancelled` error. */
	async cancel(): Promise<void> {
		service.cancel();
	},
	/** Forget the last file (frees its memory). */
	async clear(): Promise<void> {
		service.clear();
	}
};

Comlink.expose(api);

/** The worker's API, for `Comlink.wrap<ImportApi>(worker)` in the bridge. */
export type ImportApi = typeof api;
