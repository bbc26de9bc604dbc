/**
 * Settings kept between visits, one record per key. Values come back as `unknown`: a setting
 * may have been written by an older version, so the caller validates it (as it would a file).
 */
import type { Stored } from './errors';
import { commit, withDatabase } from './db';

/** A setting's value (undefined when never set). */
export function getSetting(key: string): Promise<Stored<unknown>> {
	return withDatabase('read your settings', async (db) => (await db.get('settings', key))?.value);
}

/** Store a setting (any structured-cloneable value: plain data, typed arrays, dates). */
export function setSetting(key: string, value: unknown): Promise<Stored<void>> {
	return withDatabase('save your settings', async (db) => {
		const tx = db.transaction('settings', 'readwrite');
		await commit(tx, [tx.objectStore('settings').put({ key, value })]);
	});
}

/** The setting the Lab reads to offer trained policies (app/lab-models.ts: specs by kind, the latest ticked). */
export const LAB_EXTRA_POLICY = 'lab.extraPolicy';
