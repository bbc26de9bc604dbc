/**
 * The stateful side of importing, as the import worker exposes it: import a file (latest
 * wins: a new import cancels the one running), keep the parsed table so the analyst can edit
 * the mapping and re-apply it without re-reading the file, preview, cancel.
 *
 * Pure TypeScript (no worker globals), so it is tested in node; the worker only wraps it.
 */
import type { CsvTable } from './csv-parser';
import {
	blobChunks,
	importCsvStream,
	textChunks,
	type BlobLike,
	type ImportProgress
} from './import-csv';
import { IssueList, type ImportIssue } from './issues';
import type { ColumnMapping } from './mapping';
import { preview, type Preview } from './preview';
import { failure, type ImportResult } from './result';
import { suggestMapping, SUGGEST_SAMPLE_ROWS } from './suggest-mapping';
import { applyMapping } from './apply-mapping';

/** Options of `importFile`. */
export interface ImportFileOptions {
	/** File name (defaults to the File's name when there is one). */
	fileName?: string;
	/** A mapping to apply instead of the suggested one. */
	mapping?: ColumnMapping;
	/** Rows in the returned preview (default 10). */
	previewRows?: number;
}

/** What an import sends back: the result and, when the file could be read, a preview. */
export interface ImportReply {
	result: ImportResult;
	/** First rows with the roles of the applied (or suggested) mapping. */
	preview?: Preview;
}

/** The import service: one per worker. */
export interface ImportService {
	/** Import a file or text; resolves with the result (a `cancelled` error when superseded or cancelled). */
	importFile(
		input: BlobLike | string,
		options?: ImportFileOptions,
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportReply>;
	/** Re-apply an edited mapping to the last file read. */
	remap(mapping: ColumnMapping, previewRows?: number): ImportReply;
	/** The suggested mapping of the last file read. */
	suggest(): ColumnMapping | undefined;
	/** Cancel the import in progress, if any. */
	cancel(): void;
	/** Forget the last file. */
	clear(): void;
}

/** Create an import service. */
export function createImportService(): ImportService {
	let table: CsvTable | undefined;
	let fileName = '';
	let readWarnings: ImportIssue[] = [];
	let running: { aborted: boolean } | undefined;

	const replyFor = (result: ImportResult, rows?: number): ImportReply => {
		const mapping = result.mapping;
		return table && mapping ? { result, preview: preview(table, mapping, rows) } : { result };
	};

	return {
		async importFile(input, options = {}, onProgress) {
			if (running) running.aborted = true;
			const signal = { aborted: false };
			running = signal;
			table = undefined;
			const name =
				options.fileName ??
				(typeof input === 'object' && 'name' in input && typeof input.name === 'string'
					? input.name
					: '');
			const chunks = typeof input === 'string' ? textChunks(input) : blobChunks(input);
			const total = typeof input === 'string' ? input.length : input.size;
			const outcome = await importCsvStream(chunks, {
				fileName: name,
				mapping: options.mapping,
				total,
				signal,
				onProgress
			});
			if (running === signal) running = undefined;
			if (signal.aborted) return { result: outcome.result };
			table = outcome.table;
			fileName = name;
			readWarnings = outcome.result.warnings.filter((w) => w.code === 'encoding');
			return replyFor(outcome.result, options.previewRows);
		},
		remap(mapping, rows) {
			if (!table) {
				const errors = new IssueList();
				errors.add({ code: 'mapping', message: 'No file is loaded; import a file first.' });
				return { result: failure(errors, []) };
			}
			return replyFor(applyMapping(table, mapping, { fileName, warnings: readWarnings }), rows);
		},
		suggest() {
			return table && suggestMapping(table.header, table.rows.slice(0, SUGGEST_SAMPLE_ROWS));
		},
		cancel() {
			if (running) running.aborted = true;
		},
		clear() {
			table = undefined;
			readWarnings = [];
		}
	};
}
