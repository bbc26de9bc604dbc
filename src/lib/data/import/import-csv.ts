/**
 * The whole import in one call: bytes or text → parsed table → suggested (or given) mapping
 * → Dataset. `importCsvStream` consumes chunks as they are read (from a File in a worker),
 * reports progress and stops when its signal is aborted; `importCsvText` and
 * `importCsvBytes` are the synchronous forms for tests, the CLI and small inputs.
 */
import type { Dataset } from '../dataset';
import { applyMapping } from './apply-mapping';
import {
	createCsvParser,
	type CsvParser,
	type CsvParserOptions,
	type CsvTable
} from './csv-parser';
import { createByteDecoder, type ByteDecoder } from './decode';
import { IssueList, type ImportIssue } from './issues';
import type { ColumnMapping } from './mapping';
import { failure, type ImportResult } from './result';
import { suggestMapping, SUGGEST_SAMPLE_ROWS } from './suggest-mapping';

/** Options of an import. */
export interface ImportOptions {
	/** File name, recorded in the dataset's source and used as its default name. */
	fileName?: string;
	/** Display name of the dataset. */
	name?: string;
	/** A mapping to apply instead of the suggested one (it must match the file's header). */
	mapping?: ColumnMapping;
	/** Limits of the CSV parser. */
	parser?: CsvParserOptions;
}

/** Something that says whether work should stop (an `AbortSignal` fits). */
export interface AbortFlag {
	readonly aborted: boolean;
}

/** Progress of a streamed import. */
export interface ImportProgress {
	/** Bytes (or characters, for text input) consumed so far. */
	loaded: number;
	/** Total bytes (or characters), when known. */
	total: number | undefined;
	/** Share done, 0–1 (0 while the total is unknown). */
	fraction: number;
	/** Data rows parsed so far. */
	rows: number;
}

/** Options of a streamed import. */
export interface StreamImportOptions extends ImportOptions {
	/** Total size of the input, in bytes (or characters), for the progress fraction. */
	total?: number;
	/** Called after each chunk, and once more when parsing is done (`fraction` 1). */
	onProgress?: (progress: ImportProgress) => void;
	/** Checked between chunks; when set, the import stops with a `cancelled` error. */
	signal?: AbortFlag;
}

/** The result, plus the parsed table (kept by a worker so the mapping can be edited and re-applied). */
export interface ImportOutcome {
	result: ImportResult;
	/** The parsed file, when it could be read. */
	table?: CsvTable;
}

/** A text or byte chunk of the input. */
export type InputChunk = string | Uint8Array;

/** Import CSV text (the whole file as one string). */
export function importCsvText(text: string, options: ImportOptions = {}): ImportResult {
	const parser = createCsvParser(options.parser);
	for (let at = 0; at < text.length && !parser.failed; at += TEXT_CHUNK_CHARS)
		parser.push(text.slice(at, at + TEXT_CHUNK_CHARS));
	return finishImport(parser, options, []).result;
}

/** Import CSV bytes (any supported encoding, sniffed from the bytes). */
export function importCsvBytes(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
	const parser = createCsvParser(options.parser);
	const decoder = createByteDecoder();
	for (let at = 0; at < bytes.length && !parser.failed; at += BYTE_CHUNK)
		parser.push(decoder.decode(bytes.subarray(at, at + BYTE_CHUNK)));
	parser.push(decoder.flush());
	return finishImport(parser, options, encodingWarnings(decoder)).result;
}

/**
 * Import a stream of chunks (bytes or text, not mixed), parsing each as it arrives.
 * Never rejects on bad data; a failing source (a read error) ends as an `encoding` error.
 */
export async function importCsvStream(
	chunks: AsyncIterable<InputChunk> | Iterable<InputChunk>,
	options: StreamImportOptions = {}
): Promise<ImportOutcome> {
	const parser = createCsvParser(options.parser);
	const decoder = createByteDecoder();
	let loaded = 0;
	try {
		for await (const chunk of chunks) {
			if (options.signal?.aborted) return cancelled();
			parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
			loaded += chunk.length;
			options.onProgress?.({
				loaded,
				total: options.total,
				fraction: options.total ? Math.min(1, loaded / options.total) : 0,
				rows: parser.rowCount
			});
			if (parser.failed) break;
		}
	} catch (error) {
		const errors = new IssueList();
		errors.add({
			code: 'encoding',
			message: `The file could not be read (${error instanceof Error ? error.message : 'read error'}); try saving it again.`
		});
		return { result: failure(errors, []) };
	}
	if (options.signal?.aborted) return cancelled();
	parser.push(decoder.flush());
	const outcome = finishImport(parser, options, encodingWarnings(decoder));
	// The last rows are parsed at the end; report the final count.
	options.onProgress?.({ loaded, total: options.total, fraction: 1, rows: parser.rowCount });
	return outcome;
}

/** Finish parsing, choose the mapping and build the dataset. */
function finishImport(
	parser: CsvParser,
	options: ImportOptions,
	warnings: readonly ImportIssue[]
): ImportOutcome {
	const parsed = parser.finish();
	if (!parsed.ok) {
		return {
			result: {
				ok: false,
				errors: parsed.errors,
				totalErrors: parsed.totalErrors,
				warnings: [...warnings]
			}
		};
	}
	const { table } = parsed;
	const mapping =
		options.mapping ?? suggestMapping(table.header, table.rows.slice(0, SUGGEST_SAMPLE_ROWS));
	const result = applyMapping(table, mapping, {
		fileName: options.fileName,
		name: options.name,
		warnings: [...warnings, ...parsed.warnings]
	});
	return { result, table };
}

function encodingWarnings(decoder: ByteDecoder): ImportIssue[] {
	return decoder.encoding === 'windows-1252'
		? [
				{
					code: 'encoding',
					message:
						'The file is not UTF-8; it was read as Windows-1252 (what Excel on Windows writes). Check that accented names look right; if they do not, save the file as “CSV UTF-8” (Excel: File › Save As) and import it again.'
				}
			]
		: [];
}

function cancelled(): ImportOutcome {
	return {
		result: {
			ok: false,
			errors: [{ code: 'cancelled', message: 'The import was cancelled.' }],
			totalErrors: 1,
			warnings: []
		}
	};
}

/** Characters per chunk when text is fed in slices. */
const TEXT_CHUNK_CHARS = 1 << 20;
/** Bytes per chunk when reading a file. */
const BYTE_CHUNK = 1 << 20;

/** The minimal Blob surface the importer reads (a `File` or node's `Blob` fits). */
export interface BlobLike {
	readonly size: number;
	slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Read a Blob/File in chunks, so no more than one chunk of raw bytes is held at a time. */
export async function* blobChunks(
	blob: BlobLike,
	chunkBytes = BYTE_CHUNK
): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < blob.size; at += chunkBytes) {
		yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + chunkBytes)).arrayBuffer());
	}
}

/**
 * Slice a string into chunks, letting the event loop run between them so a cancel message
 * reaches a worker mid-import.
 */
export async function* textChunks(
	text: string,
	chunkChars = TEXT_CHUNK_CHARS
): AsyncGenerator<string> {
	for (let at = 0; at < text.length; at += chunkChars) {
		if (at > 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
		yield text.slice(at, at + chunkChars);
	}
}

/** Typed-array buffers of a dataset, for transferring it between threads without copying. */
export function datasetBuffers(dataset: Dataset): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	const add = (a: Float64Array | undefined) => {
		if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
	};
	add(dataset.kpi.values);
	add(dataset.kpi.revenuePerConversion);
	for (const c of dataset.channels) {
		add(c.spend);
		add(c.impressions);
		add(c.clicks);
	}
	for (const s of [...dataset.controls, ...dataset.events, ...dataset.organic]) add(s.values);
	return [...buffers];
}
