/**
 * Trained models' records (database version 2): what was trained, on which scenario, with which
 * settings and results. The weights themselves are saved by tf.io inside the training worker
 * under `url` (its own 'tensorflowjs' database); this record is what the models page lists.
 * Save the weights first and the record last, so a listed model always has its weights.
 */
import { notStored, storageError, type Stored } from './errors';
import { commit, StorageFailure, withDatabase } from './db';
import { cleanName, MAX_NAME_LENGTH } from './run-record';
import type { ModelRecord } from './schema';

export type { ModelRecord } from './schema';

/** The tf.io URL of a model's weights: 'indexeddb://marginal-<id>'. */
export const modelUrl = (id: string): string => `indexeddb://marginal-${id}`;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored record if it has what the models page reads, else null (skipped). */
export function readModelRecord(value: unknown): ModelRecord | null {
	if (!isObject(value)) return null;
	const ok =
		typeof value.id === 'string' &&
		(value.kind === 'rl' || value.kind === 'ltv') &&
		typeof value.name === 'string' &&
		typeof value.savedAt === 'number' &&
		typeof value.url === 'string' &&
		typeof value.scenarioName === 'string' &&
		isObject(value.scenario);
	return ok ? ({ weights: null, ...value } as unknown as ModelRecord) : null;
}

/** Save (or replace, same id) a model's record; returns it as stored. Get ids from `newId()`. */
export async function saveModelRecord(record: ModelRecord): Promise<Stored<ModelRecord>> {
	const action = 'save the model';
	const name = cleanName(record.name);
	if (!name) {
		return notStored(
			storageError('invalid', action, `a name needs 1 to ${MAX_NAME_LENGTH} characters`)
		);
	}
	const clean = { ...record, name };
	if (!readModelRecord(clean)) {
		return notStored(storageError('invalid', action, 'the model’s record is incomplete'));
	}
	return withDatabase(action, async (db) => {
		const tx = db.transaction('models', 'readwrite');
		await commit(tx, [tx.objectStore('models').put(clean)]);
		return clean;
	});
}

/** Every saved model's record, most recently saved first (unreadable records skipped). */
export function listModelRecords(): Promise<Stored<ModelRecord[]>> {
	return withDatabase('list your saved models', async (db) => {
		const values: unknown[] = await db.getAllFromIndex('models', 'savedAt');
		return values
			.map(readModelRecord)
			.filter((r): r is ModelRecord => r !== null)
			.reverse();
	});
}

/** A saved model's record. */
export function getModelRecord(id: string): Promise<Stored<ModelRecord>> {
	const action = 'open the model';
	return withDatabase(action, async (db) => {
		const value: unknown = await db.get('models', id);
		if (value === undefined) throw new StorageFailure(storageError('not-found', action));
		const record = readModelRecord(value);
		if (!record) {
			throw new StorageFailure(
				storageError('invalid', action, 'its saved data is incomplete or from an unknown version')
			);
		}
		return record;
	});
}

/**
 * Delete a model's record (a missing one is not an error). Its tf.io weights are removed by the
 * caller with `tf.io.removeModel(record.url)` in the worker that owns TF.js.
 */
export function deleteModelRecord(id: string): Promise<Stored<void>> {
	return withDatabase('delete the model', async (db) => {
		const tx = db.transaction('models', 'readwrite');
		await commit(tx, [tx.objectStore('models').delete(id)]);
	});
}
