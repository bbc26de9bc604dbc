/**
 * Saved scenarios as the editor uses them: the list, and save / save as copy / open / delete
 * for the editor's draft. Storage answers with values (`Stored<T>`), never throws; a failure
 * becomes a notice and the draft is left as it was.
 */
import type { ScenarioSummary } from '$lib/storage';
import type { Draft } from './draft';
import type { ScenarioEditor } from './editor.svelte';
import type { ScenarioStore } from './store';

/** A message about the last action, for a status line. */
export interface Notice {
	tone: 'ok' | 'error';
	text: string;
}

/** The saved scenarios and the save / duplicate / open / delete actions on the draft. */
export class ScenarioLibrary {
	/** Saved scenarios, most recently saved first. */
	saved = $state.raw<ScenarioSummary[]>([]);
	/** True while a storage call is under way. */
	busy = $state(false);
	/** What the last action did or why it failed. */
	notice = $state.raw<Notice | null>(null);

	readonly #store: ScenarioStore;
	readonly #editor: ScenarioEditor;

	constructor(store: ScenarioStore, editor: ScenarioEditor) {
		this.#store = store;
		this.#editor = editor;
	}

	/** Reload the list. */
	async refresh(): Promise<void> {
		const listed = await this.#store.listScenarios();
		if (listed.ok) this.saved = listed.value;
		else this.notice = { tone: 'error', text: listed.error.message };
	}

	/**
	 * Save the draft: over the saved scenario it came from, or as a new one (`asCopy`, or when it
	 * has never been saved). Only a valid draft can be saved; returns whether it was.
	 */
	async save(asCopy = false): Promise<boolean> {
		const editor = this.#editor;
		const scenario = editor.scenario;
		if (!scenario) {
			const n = editor.errors.length;
			this.notice = {
				tone: 'error',
				text: `Not saved: the scenario has ${n} ${n === 1 ? 'problem' : 'problems'} to fix first (marked in red).`
			};
			return false;
		}
		this.busy = true;
		try {
			const result = await this.#store.saveScenario({
				id: asCopy ? undefined : (editor.savedId ?? undefined),
				name: scenario.name,
				preset: editor.preset,
				scenario
			});
			if (!result.ok) {
				this.notice = { tone: 'error', text: result.error.message };
				return false;
			}
			editor.markSaved(result.value.id);
			this.notice = { tone: 'ok', text: `Saved “${result.value.name}”.` };
			await this.refresh();
			return true;
		} finally {
			this.busy = false;
		}
	}

	/** Duplicate: the draft renamed "… (copy)" and saved as a new scenario. */
	async duplicate(): Promise<boolean> {
		const editor = this.#editor;
		if (!editor.scenario) return this.save(true);
		const name = `${editor.scenario.name} (copy)`.slice(0, 80);
		editor.change('duplicate the scenario', (draft) => (draft.name = name));
		return this.save(true);
	}

	/** Open a saved scenario in the editor. */
	async open(id: string): Promise<boolean> {
		this.busy = true;
		try {
			const result = await this.#store.getScenario(id);
			if (!result.ok) {
				this.notice = { tone: 'error', text: result.error.message };
				return false;
			}
			const record = result.value;
			this.#editor.load(record.scenario as Draft, {
				origin: { kind: 'saved', id: record.id },
				savedId: record.id,
				preset: record.preset
			});
			this.notice = { tone: 'ok', text: `Opened “${record.name}”.` };
			return true;
		} finally {
			this.busy = false;
		}
	}

	/** Delete the saved scenario the draft came from; the draft stays open, unsaved. */
	async remove(): Promise<boolean> {
		const editor = this.#editor;
		const id = editor.savedId;
		if (!id) return false;
		const name = this.saved.find((s) => s.id === id)?.name ?? 'the scenario';
		this.busy = true;
		try {
			const result = await this.#store.deleteScenario(id);
			if (!result.ok) {
				this.notice = { tone: 'error', text: result.error.message };
				return false;
			}
			editor.savedId = null;
			editor.baseline = '';
			this.notice = {
				tone: 'ok',
				text: `Deleted “${name}” from saved scenarios. It is still open here: save it again to keep it.`
			};
			await this.refresh();
			return true;
		} finally {
			this.busy = false;
		}
	}
}
