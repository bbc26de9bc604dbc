import { describe, expect, it } from 'vitest';
import {
	DB_VERSION,
	MIGRATIONS,
	upgradePlan,
	upgradeRecord,
	type SchemaDatabase
} from './migrations';
import { readRunSummary, runRecords } from './run-record';
import { STORE_NAMES } from './schema';
import { smallRun } from './test-run';

/** A database that records the stores and indexes a schema step creates. */
function recordingDatabase() {
	const stores = new Map<string, { options?: IDBObjectStoreParameters; indexes: string[] }>();
	const db: SchemaDatabase = {
		objectStoreNames: { contains: (name) => stores.has(name) },
		createObjectStore(name, options) {
			if (stores.has(name)) throw new Error(`store ${name} exists`);
			const store = { options, indexes: [] as string[] };
			stores.set(name, store);
			return { createIndex: (index) => store.indexes.push(index) };
		},
		deleteObjectStore: (name) => void stores.delete(name)
	};
	const tx = {
		objectStore: (name: string) => ({
			createIndex: (index: string) => stores.get(name)!.indexes.push(index),
			deleteIndex: (index: string) => {
				const store = stores.get(name)!;
				store.indexes = store.indexes.filter((i) => i !== index);
			}
		})
	};
	return { db, tx, stores };
}

describe('database migrations', () => {
	it('has one step per version, from 1 to the current one', () => {
		expect(MIGRATIONS.map((m) => m.version)).toEqual(
			Array.from({ length: DB_VERSION }, (_, i) => i + 1)
		);
	});

	it('creates the current stores, keys and indexes from nothing', () => {
		const { db, tx, stores } = recordingDatabase();
		for (const step of upgradePlan(0)) step.schema(db, tx);
		expect([...stores.keys()].sort()).toEqual([...STORE_NAMES].sort());
		expect(stores.get('runs')).toEqual({ options: { keyPath: 'id' }, indexes: ['createdAt'] });
		expect(stores.get('runData')).toEqual({ options: { keyPath: 'id' }, indexes: [] });
		expect(stores.get('scenarios')).toEqual({ options: { keyPath: 'id' }, indexes: ['savedAt'] });
		expect(stores.get('settings')).toEqual({ options: { keyPath: 'key' }, indexes: [] });
		expect(stores.get('datasets')).toEqual({ options: { keyPath: 'id' }, indexes: ['savedAt'] });
		expect(stores.get('models')).toEqual({ options: { keyPath: 'id' }, indexes: ['savedAt'] });
	});

	it('upgrades every earlier version by adding only what it lacks', () => {
		for (let from = 1; from < DB_VERSION; from++) {
			const { db, tx, stores } = recordingDatabase();
			for (const step of upgradePlan(0, from)) step.schema(db, tx);
			const before = new Map([...stores].map(([k, v]) => [k, structuredClone(v)]));
			// Would throw "store … exists" if a later step recreated an earlier store.
			for (const step of upgradePlan(from)) step.schema(db, tx);
			expect([...stores.keys()].sort()).toEqual([...STORE_NAMES].sort());
			for (const [name, store] of before) expect(stores.get(name)).toEqual(store);
		}
	});

	it('adds the datasets and models stores in version 2', () => {
		const { db, tx, stores } = recordingDatabase();
		for (const step of upgradePlan(0, 1)) step.schema(db, tx);
		expect([...stores.keys()].sort()).toEqual(['runData', 'runs', 'scenarios', 'settings']);
		for (const step of upgradePlan(1, 2)) step.schema(db, tx);
		expect(stores.has('datasets') && stores.has('models')).toBe(true);
	});

	it('plans every step after the stored version, and nothing at the current one', () => {
		expect(upgradePlan(0).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
		expect(upgradePlan(DB_VERSION)).toEqual([]);
		expect(() => upgradePlan(DB_VERSION + 1)).toThrow(/cannot downgrade/);
		expect(() => upgradePlan(0, DB_VERSION + 1)).toThrow(/no migration to version/);
	});

	it('brings a run saved by every earlier version to the current shape', () => {
		const { summary } = runRecords(smallRun(), 'v1-run', 1_763_000_000_000);
		// A version-1 summary as version 1 stored it (plain data after structured cloning).
		const v1 = structuredClone(summary);
		for (let from = 1; from <= DB_VERSION; from++) {
			const upgraded = upgradeRecord('runs', v1, from);
			expect(readRunSummary(upgraded)).not.toBeNull();
		}
		expect(upgradeRecord('runs', v1, 1)).toEqual(summary);
	});

	it('keeps version-1 scenarios, run data and settings as they were', () => {
		const run = smallRun();
		const { data } = runRecords(run, 'v1-run', 1_763_000_000_000);
		const scenario = { id: 's1', name: 'Mine', savedAt: 5, preset: null, scenario: run.scenario };
		const setting = { key: 'objective', value: 'revenue' };
		for (const [store, record] of [
			['runData', data],
			['scenarios', scenario],
			['settings', setting]
		] as const) {
			expect(upgradeRecord(store, structuredClone(record), 1)).toEqual(record);
		}
	});
});
