/**
 * Saved runs: save (summary and data in one transaction, so a run is listed only once it is
 * completely written), list (summaries only, newest first), get, rename, delete. Every call
 * returns a Stored value; none throws.
 */
import { notStored, storageError, type Stored } from './errors';
import { commit, StorageFailure, withDatabase } from './db';
import { newId } from './ids';
import {
	cleanName,
	joinRun,
	MAX_NAME_LENGTH,
	readRunSummary,
	runRecords,
	type NewRun
} from './run-record';
import type { RunSummary, SavedRun } from './schema';

/** Saved runs as the list shows them, and how many records could not be read. */
export interface RunList {
	/** Newest first. */
	runs: RunSummary[];
	/** Records skipped because they are not in a shape this version reads. */
	unreadable: number;
}

/** Save a run; returns its summary (with its new id). */
export async function saveRun(run: NewRun, now = Date.now()): Promise<Stored<RunSummary>> {
	const action = 'save the run';
	let records: ReturnType<typeof runRecords>;
	try {
		records = runRecords(run, newId(), now);
	} catch {
		return notStored(storageError('invalid', action, 'the run’s results are incomplete'));
	}
	return withDatabase(action, async (db) => {
		const tx = db.transaction(['runs', 'runData'], 'readwrite');
		await commit(tx, [
			tx.objectStore('runData').put(records.data),
			tx.objectStore('runs').put(records.summary)
		]);
		return records.summary;
	});
}

/** Every saved run's summary, newest first (the series are not loaded). */
export function listRuns(): Promise<Stored<RunList>> {
	return withDatabase('list your saved runs', async (db) => {
		const values: unknown[] = await db.getAllFromIndex('runs', 'createdAt');
		const runs = values.map(readRunSummary);
		return {
			runs: runs.filter((r): r is RunSummary => r !== null).reverse(),
			unreadable: runs.filter((r) => r === null).length
		};
	});
}

/** A saved run in full (result, config, scenario). */
export function getRun(id: string): Promise<Stored<SavedRun>> {
	const action = 'open the run';
	return withDatabase(action, async (db) => {
		const tx = db.transaction(['runs', 'runData'], 'readonly');
		const [summary, data] = await Promise.all([
			tx.objectStore('runs').get(id),
			tx.objectStore('runData').get(id),
			tx.done
		]);
		if (summary === undefined) throw new StorageFailure(storageError('not-found', action));
		const read = readRunSummary(summary);
		const run = read && joinRun(read, data);
		if (!run) {
			throw new StorageFailure(
				storageError('invalid', action, 'its saved data is incomplete or from an unknown version')
			);
		}
		return run;
	});
}

/** Give a run a new name (1–120 characters). */
export async function renameRun(id: string, name: string): Promise<Stored<RunSummary>> {
	const action = 'rename the run';
	const clean = cleanName(name);
	if (!clean) {
		return notStored(
			storageError('invalid', action, `a name needs 1 to ${MAX_NAME_LENGTH} characters`)
		);
	}
	return withDatabase(action, async (db) => {
		const tx = db.transaction('runs', 'readwrite');
		const summary = await tx.objectStore('runs').get(id);
		if (!summary) {
			tx.abort();
			await tx.done.catch(() => {});
			throw new StorageFailure(storageError('not-found', action));
		}
		const renamed = { ...summary, name: clean };
		await commit(tx, [tx.objectStore('runs').put(renamed)]);
		return renamed;
	});
}

/** Delete a run (both records, in one transaction). Deleting a missing run is not an error. */
export function deleteRun(id: string): Promise<Stored<void>> {
	return withDatabase('delete the run', async (db) => {
		const tx = db.transaction(['runs', 'runData'], 'readwrite');
		await commit(tx, [tx.objectStore('runs').delete(id), tx.objectStore('runData').delete(id)]);
	});
}
