/**
 * Saved scenarios: save (new or overwrite by id), list, get, delete. Scenarios are checked with
 * `parseScenario` both ways: nothing invalid is written, and a scenario read back from an older
 * version is validated again before the lab uses it.
 */
import { formatFieldError, parseScenario, type Scenario } from '../sim/scenario';
import { notStored, storageError, type Stored } from './errors';
import { commit, StorageFailure, withDatabase } from './db';
import { newId } from './ids';
import { cleanName, MAX_NAME_LENGTH } from './run-record';
import type { ScenarioRecord } from './schema';

/** A scenario to save; with an `id`, the saved one is replaced. */
export interface ScenarioToSave {
	id?: string;
	/** Defaults to the scenario's own name. */
	name?: string;
	preset: string | null;
	scenario: Scenario;
}

/** A saved scenario as a list shows it. */
export interface ScenarioSummary {
	id: string;
	name: string;
	savedAt: number;
	preset: string | null;
	channels: number;
	segments: number;
	days: number;
}

/** Save a scenario; returns the stored record. */
export async function saveScenario(
	input: ScenarioToSave,
	now = Date.now()
): Promise<Stored<ScenarioRecord>> {
	const action = 'save the scenario';
	const parsed = parseScenario(input.scenario);
	if (!parsed.ok) {
		return notStored(
			storageError('invalid', action, parsed.errors.map(formatFieldError).join('; '))
		);
	}
	const name = cleanName(input.name ?? parsed.value.name);
	if (!name) {
		return notStored(
			storageError('invalid', action, `a name needs 1 to ${MAX_NAME_LENGTH} characters`)
		);
	}
	const record: ScenarioRecord = {
		id: input.id ?? newId(),
		name,
		savedAt: now,
		preset: input.preset,
		scenario: parsed.value
	};
	return withDatabase(action, async (db) => {
		const tx = db.transaction('scenarios', 'readwrite');
		await commit(tx, [tx.objectStore('scenarios').put(record)]);
		return record;
	});
}

/** Every saved scenario, most recently saved first. */
export function listScenarios(): Promise<Stored<ScenarioSummary[]>> {
	return withDatabase('list your saved scenarios', async (db) => {
		const records = await db.getAllFromIndex('scenarios', 'savedAt');
		return records
			.filter((r) => typeof r?.id === 'string' && typeof r.scenario === 'object' && r.scenario)
			.reverse()
			.map((r) => ({
				id: r.id,
				name: r.name,
				savedAt: r.savedAt,
				preset: r.preset ?? null,
				channels: r.scenario.channels?.length ?? 0,
				segments: r.scenario.segments?.length ?? 0,
				days: r.scenario.days
			}));
	});
}

/** A saved scenario, validated again. */
export function getScenario(id: string): Promise<Stored<ScenarioRecord>> {
	const action = 'open the scenario';
	return withDatabase(action, async (db) => {
		const record = await db.get('scenarios', id);
		if (!record) throw new StorageFailure(storageError('not-found', action));
		const parsed = parseScenario(record.scenario);
		if (!parsed.ok) {
			const detail = `it is no longer valid (${parsed.errors.map(formatFieldError).join('; ')})`;
			throw new StorageFailure(storageError('invalid', action, detail));
		}
		return { ...record, scenario: parsed.value };
	});
}

/** Delete a saved scenario (a missing one is not an error). */
export function deleteScenario(id: string): Promise<Stored<void>> {
	return withDatabase('delete the scenario', async (db) => {
		const tx = db.transaction('scenarios', 'readwrite');
		await commit(tx, [tx.objectStore('scenarios').delete(id)]);
	});
}
