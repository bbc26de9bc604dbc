/**
 * What the editor needs of scenario storage: the four scenario functions of `$lib/storage`
 * (IndexedDB), with their `Stored<T>` results that carry a message instead of throwing. The
 * page passes the real ones; tests pass `memoryStore()`, which keeps the same contract
 * (validation on save, a `not-found` error for a missing id).
 */
import { parseScenario, formatFieldError } from '$lib/sim/scenario';
import {
	notStored,
	storageError,
	stored,
	type ScenarioRecord,
	type ScenarioSummary,
	type ScenarioToSave,
	type Stored
} from '$lib/storage';

/** Scenario storage as the editor uses it (structurally, `$lib/storage` itself). */
export interface ScenarioStore {
	/** Save a scenario (replacing the one with the same `id`, if given). */
	saveScenario(input: ScenarioToSave): Promise<Stored<ScenarioRecord>>;
	/** Every saved scenario, most recently saved first. */
	listScenarios(): Promise<Stored<ScenarioSummary[]>>;
	/** One saved scenario, validated again. */
	getScenario(id: string): Promise<Stored<ScenarioRecord>>;
	/** Delete a saved scenario (a missing one is not an error). */
	deleteScenario(id: string): Promise<Stored<void>>;
}

/** A store in memory with the same contract (tests; or a browser without IndexedDB). */
export function memoryStore(now: () => number = () => Date.now()): ScenarioStore {
	const records = new Map<string, ScenarioRecord>();
	let next = 1;
	const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
	return {
		async saveScenario(input) {
			const parsed = parseScenario(input.scenario);
			if (!parsed.ok) {
				const detail = parsed.errors.map(formatFieldError).join('; ');
				return notStored(storageError('invalid', 'save the scenario', detail));
			}
			const record: ScenarioRecord = {
				id: input.id ?? `scenario-${next++}`,
				name: (input.name ?? parsed.value.name).trim(),
				savedAt: now(),
				preset: input.preset,
				scenario: parsed.value
			};
			records.set(record.id, clone(record));
			return stored(clone(record));
		},
		async listScenarios() {
			return stored(
				[...records.values()]
					.sort((a, b) => b.savedAt - a.savedAt)
					.map((r) => ({
						id: r.id,
						name: r.name,
						savedAt: r.savedAt,
						preset: r.preset,
						channels: r.scenario.channels.length,
						segments: r.scenario.segments.length,
						days: r.scenario.days
					}))
			);
		},
		async getScenario(id) {
			const record = records.get(id);
			return record
				? stored(clone(record))
				: notStored(storageError('not-found', 'open the scenario'));
		},
		async deleteScenario(id) {
			records.delete(id);
			return stored(undefined);
		}
	};
}
