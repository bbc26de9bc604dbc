/**
 * The upgrade path of the database, one step per version. A browser may hold data from any
 * earlier version, so opening runs every step from the stored version up to DB_VERSION, in
 * order, inside one versionchange transaction: if a step fails the transaction aborts and the
 * old data stays as it was.
 *
 * Each step has two parts: `schema` creates or changes stores and indexes (given the raw
 * database and the upgrade transaction), and `records` rewrites existing records of a store
 * from the previous version's shape to this one's — pure functions on plain objects, so they
 * are unit-tested on real records saved by the earlier version (keep a fixture per version).
 *
 * To change the schema: add `{ version: n + 1, … }` at the end, never edit an earlier step.
 */
import type { StoreName } from './schema';

/** The part of IDBDatabase a schema step uses (a test can record the calls). */
export interface SchemaDatabase {
	readonly objectStoreNames: { contains(name: string): boolean };
	createObjectStore(
		name: string,
		options?: IDBObjectStoreParameters
	): { createIndex(name: string, keyPath: string | string[]): unknown };
	deleteObjectStore(name: string): void;
}

/** The part of the upgrade transaction a schema step uses (to change an existing store). */
export interface SchemaTransaction {
	objectStore(name: string): {
		createIndex(name: string, keyPath: string | string[]): unknown;
		deleteIndex(name: string): void;
	};
}

/** One version's step. */
export interface Migration {
	/** The version this step upgrades to (1 creates the database). */
	version: number;
	/** What changed, for people reading the code and the upgrade log. */
	description: string;
	/** Create or change stores and indexes. */
	schema(db: SchemaDatabase, tx: SchemaTransaction): void;
	/** Upgrades of existing records, by store: previous version's record in, this version's out. */
	records?: Partial<Record<StoreName, (record: unknown) => unknown>>;
}

/** Every step, in version order. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description:
			'Scenarios, runs (summaries for the list), run data (result, config, scenario) and settings.',
		schema(db) {
			db.createObjectStore('scenarios', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
			db.createObjectStore('runs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
			db.createObjectStore('runData', { keyPath: 'id' });
			db.createObjectStore('settings', { keyPath: 'key' });
		}
	},
	{
		version: 2,
		description:
			'Imported datasets (with their latest MMM fit) and trained models’ records; version-1 data is kept as it was.',
		schema(db) {
			db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
			db.createObjectStore('models', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
		}
	}
];

/** The schema version this build writes. */
export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * The steps that take a database at `oldVersion` (0: none yet) to `newVersion`, in order.
 * Throws for a downgrade or a version with no step: both are bugs, not user errors (a newer
 * database is refused by the browser with a VersionError before any upgrade runs).
 */
export function upgradePlan(oldVersion: number, newVersion = DB_VERSION): Migration[] {
	if (newVersion < oldVersion)
		throw new Error(`cannot downgrade from ${oldVersion} to ${newVersion}`);
	const plan: Migration[] = [];
	for (let v = oldVersion + 1; v <= newVersion; v++) {
		const step = MIGRATIONS.find((m) => m.version === v);
		if (!step) throw new Error(`no migration to version ${v}`);
		plan.push(step);
	}
	return plan;
}

/**
 * A record saved at `fromVersion` in `store`, brought up to `toVersion` by every step's record
 * upgrade in turn (what the upgrade transaction does to each stored record).
 */
export function upgradeRecord(
	store: StoreName,
	record: unknown,
	fromVersion: number,
	toVersion = DB_VERSION
): unknown {
	let current = record;
	for (const step of upgradePlan(fromVersion, toVersion)) {
		const upgrade = step.records?.[store];
		if (upgrade) current = upgrade(current);
	}
	return current;
}
