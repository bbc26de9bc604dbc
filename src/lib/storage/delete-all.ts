/**
 * "Delete all my data": every store of Marginal's database emptied in one transaction (all or
 * nothing), then tf.io's database of trained models' weights deleted.
 */
import { notStored, storageError, stored, type Stored } from './errors';
import { commit, hasIndexedDb, withDatabase } from './db';
import { STORE_NAMES } from './schema';

/** The database tf.io keeps 'indexeddb://' models in. */
export const TFJS_DB_NAME = 'tensorflowjs';

/** How long to wait for other tabs to let go of tf.io's database before saying so, ms. */
const BLOCKED_GRACE_MS = 3000;

/** Delete a whole database; resolves with what happened (never rejects). */
export function deleteIndexedDb(name: string): Promise<'deleted' | 'blocked' | 'failed'> {
	return new Promise((resolve) => {
		let request: IDBOpenDBRequest;
		try {
			request = indexedDB.deleteDatabase(name);
		} catch {
			resolve('failed');
			return;
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		request.onsuccess = () => {
			clearTimeout(timer);
			resolve('deleted');
		};
		request.onerror = () => {
			clearTimeout(timer);
			resolve('failed');
		};
		// Another tab (or a worker) holds it open: the deletion stays queued and happens when
		// they close it, but the caller hears about it now rather than waiting forever.
		request.onblocked = () => {
			timer = setTimeout(() => resolve('blocked'), BLOCKED_GRACE_MS);
		};
	});
}

/**
 * Delete every saved run, scenario, dataset, model and setting, and tf.io's stored weights.
 * Clearing the stores (rather than deleting Marginal's database) works even while other
 * Marginal tabs are open, and they see the empty stores at once.
 */
export async function deleteAllData(): Promise<Stored<void>> {
	const action = 'delete your data';
	if (!hasIndexedDb()) return notStored(storageError('unavailable', action));
	const cleared = await withDatabase(action, async (db) => {
		const tx = db.transaction([...STORE_NAMES], 'readwrite');
		await commit(
			tx,
			STORE_NAMES.map((name) => tx.objectStore(name).clear())
		);
	});
	if (!cleared.ok) return cleared;
	const weights = await deleteIndexedDb(TFJS_DB_NAME);
	if (weights === 'deleted') return stored(undefined);
	// Marginal's own stores are empty already: say exactly what is left, not "nothing was lost".
	return notStored({
		kind: weights === 'blocked' ? 'blocked' : 'failed',
		message:
			weights === 'blocked'
				? 'Your runs, scenarios, datasets and settings are deleted. Trained models’ weights will be deleted as soon as other Marginal tabs are closed.'
				: 'Your runs, scenarios, datasets and settings are deleted, but the browser refused to delete trained models’ weights. Clear this site’s data in the browser’s settings to remove them.'
	});
}
