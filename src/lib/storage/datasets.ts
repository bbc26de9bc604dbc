/**
 * Imported datasets (database version 2): save, list (summaries), get, attach the latest MMM fit,
 * delete. A dataset is stored as is (typed arrays included) with its fit in the same record, so
 * opening it on the data page restores both in one read.
 */
import type { Dataset } from '../data/dataset';
import { notStored, storageError, type Stored } from './errors';
import { commit, StorageFailure, withDatabase } from './db';
import { newId } from './ids';
import { cleanName, MAX_NAME_LENGTH } from './run-record';
import type { DatasetRecord, DatasetSummary } from './schema';

export type { DatasetRecord, DatasetSummary } from './schema';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Approximate bytes a dataset takes: its typed arrays plus its text (two bytes a character). */
export function datasetBytes(dataset: Dataset): number {
	let bytes = 0;
	const text = (s: string) => (bytes += 2 * s.length);
	const series = (a: ArrayBufferView | undefined) => (bytes += a?.byteLength ?? 0);
	text(dataset.name);
	dataset.dates.forEach(text);
	text(dataset.kpi.name);
	series(dataset.kpi.values);
	series(dataset.kpi.revenuePerConversion);
	for (const c of dataset.channels) {
		text(c.id);
		text(c.name);
		series(c.spend);
		series(c.impressions);
		series(c.clicks);
	}
	for (const s of [...dataset.controls, ...dataset.events, ...dataset.organic]) {
		text(s.name);
		series(s.values);
	}
	return bytes;
}

/** The list entry of a stored record. */
function summaryOf(record: DatasetRecord): DatasetSummary {
	const { id, name, savedAt, bytes, periods, channels } = record;
	return { id, name, savedAt, bytes, periods, channels };
}

/** A stored record if it has what the data page reads, else null (skipped). */
export function readDatasetRecord(value: unknown): DatasetRecord | null {
	if (!isObject(value) || !isObject(value.dataset)) return null;
	const d = value.dataset;
	const ok =
		typeof value.id === 'string' &&
		typeof value.name === 'string' &&
		typeof value.savedAt === 'number' &&
		typeof value.bytes === 'number' &&
		typeof value.periods === 'number' &&
		typeof value.channels === 'number' &&
		Array.isArray(d.dates) &&
		Array.isArray(d.channels) &&
		isObject(d.kpi) &&
		d.kpi.values instanceof Float64Array;
	return ok ? ({ ...value, fit: value.fit ?? null } as unknown as DatasetRecord) : null;
}

/** Save an imported dataset under `name` (defaults to the dataset's name); returns its summary. */
export async function saveDataset(
	dataset: Dataset,
	name?: string,
	now = Date.now()
): Promise<Stored<DatasetSummary>> {
	const action = 'save the dataset';
	const clean = cleanName(name ?? dataset.name) ?? cleanName(dataset.source?.fileName ?? '');
	if (!clean) {
		return notStored(
			storageError('invalid', action, `a name needs 1 to ${MAX_NAME_LENGTH} characters`)
		);
	}
	let record: DatasetRecord;
	try {
		record = {
			id: newId(),
			name: clean,
			savedAt: now,
			bytes: datasetBytes(dataset),
			periods: dataset.dates.length,
			channels: dataset.channels.length,
			dataset,
			fit: null
		};
	} catch {
		return notStored(storageError('invalid', action, 'the dataset is incomplete'));
	}
	return withDatabase(action, async (db) => {
		const tx = db.transaction('datasets', 'readwrite');
		await commit(tx, [tx.objectStore('datasets').put(record)]);
		return summaryOf(record);
	});
}

/** Every saved dataset's summary, most recently saved first (unreadable records skipped). */
export function listDatasets(): Promise<Stored<DatasetSummary[]>> {
	return withDatabase('list your saved datasets', async (db) => {
		const values: unknown[] = await db.getAllFromIndex('datasets', 'savedAt');
		return values
			.map(readDatasetRecord)
			.filter((r): r is DatasetRecord => r !== null)
			.reverse()
			.map(summaryOf);
	});
}

/** A saved dataset in full, with its latest fit (null if never fitted). */
export function getDataset(id: string): Promise<Stored<DatasetRecord>> {
	const action = 'open the dataset';
	return withDatabase(action, async (db) => {
		const value: unknown = await db.get('datasets', id);
		if (value === undefined) throw new StorageFailure(storageError('not-found', action));
		const record = readDatasetRecord(value);
		if (!record) {
			throw new StorageFailure(
				storageError('invalid', action, 'its saved data is incomplete or from an unknown version')
			);
		}
		return record;
	});
}

/** Keep `fit` (plain data, typed arrays allowed) as the dataset's latest MMM fit. */
export function saveDatasetFit(id: string, fit: unknown): Promise<Stored<void>> {
	const action = 'save the model fit';
	return withDatabase(action, async (db) => {
		// Read and write in one transaction, so a fit never resurrects a dataset deleted meanwhile.
		const tx = db.transaction('datasets', 'readwrite');
		const record = await tx.objectStore('datasets').get(id);
		if (!record) {
			tx.abort();
			await tx.done.catch(() => {});
			throw new StorageFailure(storageError('not-found', action));
		}
		await commit(tx, [tx.objectStore('datasets').put({ ...record, fit })]);
	});
}

/** Delete a saved dataset and its fit (a missing one is not an error). */
export function deleteDataset(id: string): Promise<Stored<void>> {
	return withDatabase('delete the dataset', async (db) => {
		const tx = db.transaction('datasets', 'readwrite');
		await commit(tx, [tx.objectStore('datasets').delete(id)]);
	});
}
