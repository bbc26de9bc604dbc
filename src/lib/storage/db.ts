/**
 * The connection to Marginal's IndexedDB database: opened lazily once, upgraded through every
 * migration step, and given up gracefully. If another tab holds an older version open the
 * upgrade waits ("blocked") and callers get a message instead of hanging; when a newer version
 * in another tab needs to upgrade, this tab closes its connection ("blocking") so that tab can,
 * and this one then reports that its data is newer than this page.
 */
import { openDB, unwrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import {
	fromException,
	notStored,
	storageError,
	stored,
	type StorageError,
	type Stored
} from './errors';
import { DB_VERSION, upgradePlan, upgradeRecord } from './migrations';
import { DB_NAME, type MarginalDB, type StoreName } from './schema';

/** The open database. */
export type MarginalDatabase = IDBPDatabase<MarginalDB>;

let db: MarginalDatabase | null = null;
let pending: Promise<MarginalDatabase> | null = null;
let blocked = false;
const blockedListeners = new Set<() => void>();

/** Whether this window has IndexedDB at all (some sandboxes throw on merely reading it). */
export function hasIndexedDb(): boolean {
	try {
		return typeof indexedDB !== 'undefined' && indexedDB !== null;
	} catch {
		return false;
	}
}

/** Run the upgrade plan inside the versionchange transaction (see migrations.ts). */
function upgrade(
	database: MarginalDatabase,
	oldVersion: number,
	newVersion: number | null,
	tx: IDBPTransaction<MarginalDB, StoreNames<MarginalDB>[], 'versionchange'>
) {
	const plan = upgradePlan(oldVersion, newVersion ?? DB_VERSION);
	const raw = unwrap(tx);
	for (const step of plan) step.schema(unwrap(database), raw);
	// Existing records, rewritten once per store through every step's record upgrade. New
	// databases have none, and a failure aborts the transaction: the old data stays intact.
	const stores = new Set(plan.flatMap((step) => Object.keys(step.records ?? {}) as StoreName[]));
	if (oldVersion === 0 || stores.size === 0) return;
	void (async () => {
		for (const name of stores) {
			let cursor = await tx.objectStore(name).openCursor();
			while (cursor) {
				await cursor.update(upgradeRecord(name, cursor.value, oldVersion) as never);
				cursor = await cursor.continue();
			}
		}
	})().catch(() => raw.abort());
}

/** Open (or reuse) the database; `action` words any error ("save the run"). */
export async function database(action: string): Promise<Stored<MarginalDatabase>> {
	if (db) return stored(db);
	if (!hasIndexedDb()) return notStored(storageError('unavailable', action));
	if (!pending) {
		blocked = false;
		try {
			pending = openDB<MarginalDB>(DB_NAME, DB_VERSION, {
				upgrade,
				blocked() {
					blocked = true;
					for (const listener of blockedListeners) listener();
				},
				blocking() {
					// A newer Marginal in another tab wants to upgrade: step aside.
					db?.close();
					db = null;
				},
				terminated() {
					db = null;
				}
			});
		} catch (error) {
			return notStored(fromException(error, action, true));
		}
		const mine = pending;
		mine.then(
			(opened) => {
				if (pending !== mine) return;
				db = opened;
				pending = null;
				blocked = false;
			},
			() => {
				if (pending === mine) pending = null;
			}
		);
	}
	if (blocked) return notStored(storageError('blocked', action));
	let listener = () => {};
	const blockedNow = new Promise<'blocked'>((resolve) => {
		listener = () => resolve('blocked');
		blockedListeners.add(listener);
	});
	try {
		const outcome = await Promise.race([pending, blockedNow]);
		return outcome === 'blocked' ? notStored(storageError('blocked', action)) : stored(outcome);
	} catch (error) {
		return notStored(fromException(error, action, true));
	} finally {
		blockedListeners.delete(listener);
	}
}

/** A failure already worded, thrown inside `withDatabase` to end the call with it. */
export class StorageFailure extends Error {
	constructor(readonly error: StorageError) {
		super(error.message);
	}
}

/**
 * Run `body` with the database and turn every failure into a Stored error. A connection closed
 * under us (another tab upgraded) is reopened once.
 */
export async function withDatabase<T>(
	action: string,
	body: (database: MarginalDatabase) => Promise<T>
): Promise<Stored<T>> {
	for (let attempt = 0; ; attempt++) {
		const opened = await database(action);
		if (!opened.ok) return opened;
		try {
			return stored(await body(opened.value));
		} catch (error) {
			if (error instanceof StorageFailure) return notStored(error.error);
			const closing = (error as { name?: string })?.name === 'InvalidStateError';
			if (closing && attempt === 0) {
				db = null;
				continue;
			}
			return notStored(fromException(error, action));
		}
	}
}

/**
 * Wait for a transaction and its requests; on failure throw the transaction's own error (a full
 * disk shows up as the transaction's QuotaExceededError, its requests only see AbortError).
 */
export async function commit(
	tx: { done: Promise<void>; error: DOMException | null },
	requests: Promise<unknown>[] = []
): Promise<void> {
	try {
		await Promise.all([...requests, tx.done]);
	} catch (error) {
		let cause: unknown = null;
		try {
			cause = tx.error;
		} catch {
			// Reading `error` of an unfinished transaction throws in older browsers.
		}
		throw cause ?? error;
	}
}

/** Close the connection (tests, and before deleting the database). */
export function closeDatabase(): void {
	db?.close();
	db = null;
}
