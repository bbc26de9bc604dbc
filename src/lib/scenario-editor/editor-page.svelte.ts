/**
 * The scenario editor page as one object: the draft (ScenarioEditor), saved scenarios
 * (ScenarioLibrary), the previews (PreviewState), and what ties them together — where the page
 * starts, keeping the working draft across reloads, importing and exporting files, and handing
 * the scenario to the lab. The route only renders it and wires browser events to it.
 */
import { DEFAULT_PRESET, presetNames, presets } from '$lib/sim/presets';
import type { FieldError } from '$lib/sim/scenario';
import { toDraft, type Draft } from './draft';
import { ScenarioEditor, type DraftOrigin } from './editor.svelte';
import { ScenarioLibrary } from './library.svelte';
import { PreviewState } from './preview.svelte';
import type { ScenarioStore } from './store';
import { readWorkingDraft, writeWorkingDraft } from './working-draft';

/** A scenario file that could not be opened, and what is wrong with it. */
export interface ImportProblem {
	fileName: string;
	errors: FieldError[];
	/** The file's content when it has a scenario's shape: it may be opened anyway and fixed. */
	editable: Draft | null;
}

/** A file to download. */
export interface Download {
	fileName: string;
	text: string;
}

/** What the page needs from the browser (the page passes the real ones, tests fakes). */
export interface EditorPageOptions {
	store: ScenarioStore;
	/** Where the working draft is kept (sessionStorage), or null for nowhere. */
	storage: Storage | null;
	/** Clock for undo grouping and the kept draft, ms. */
	now?: () => number;
	/** Quiet time before the previews recompute, ms. */
	previewDelayMs?: number;
}

/** How the page is opened: `?scenario=<id>` opens a saved scenario; else the kept draft or a preset. */
export interface StartOptions {
	savedId?: string | null;
}

/** `Holiday sale (v2)` → `holiday-sale-v2.scenario.json`. */
export function exportFileName(name: unknown): string {
	const base = String(name ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${base || 'scenario'}.scenario.json`;
}

/** The editor page's state and actions (see the module comment). */
export class EditorPage {
	readonly editor: ScenarioEditor;
	readonly library: ScenarioLibrary;
	readonly preview: PreviewState;
	/** The last file that could not be opened (null when the last import worked or none). */
	importProblem = $state.raw<ImportProblem | null>(null);
	/** True once the start-up (kept draft or saved scenario, saved list) is done. */
	ready = $state(false);

	readonly #storage: Storage | null;
	readonly #now: () => number;

	constructor(options: EditorPageOptions) {
		this.#storage = options.storage;
		this.#now = options.now ?? (() => Date.now());
		const kept = readWorkingDraft(this.#storage);
		this.editor = kept
			? new ScenarioEditor(
					kept.draft,
					{
						origin: { kind: 'restored' },
						savedId: kept.savedId,
						preset: kept.preset,
						baseline: kept.baseline
					},
					this.#now
				)
			: new ScenarioEditor(
					toDraft(presets[DEFAULT_PRESET]),
					{ origin: { kind: 'preset', name: DEFAULT_PRESET }, preset: DEFAULT_PRESET },
					this.#now
				);
		this.library = new ScenarioLibrary(options.store, this.editor);
		this.preview = new PreviewState(options.previewDelayMs);
	}

	/** Names of the built-in presets. */
	readonly presetNames = presetNames();

	/** Load the saved list; with `savedId`, open that saved scenario (unless a draft was kept for it). */
	async start(options: StartOptions = {}): Promise<void> {
		const id = options.savedId;
		const keptForIt = this.editor.origin.kind === 'restored' && this.editor.savedId === id;
		if (id && !keptForIt) await this.library.open(id);
		await this.library.refresh();
		this.ready = true;
	}

	/** Start over from a preset (undoable). */
	openPreset(name: string): void {
		const input = presets[name];
		if (!input) return;
		this.editor.load(toDraft(input), { origin: { kind: 'preset', name }, preset: name });
		this.importProblem = null;
		this.library.notice = { tone: 'ok', text: `Started from the “${name}” preset.` };
	}

	/** Open a saved scenario (undoable). */
	async openSaved(id: string): Promise<void> {
		this.importProblem = null;
		await this.library.open(id);
	}

	/**
	 * Read a scenario file. A valid one becomes the draft (not yet saved); a bad one changes
	 * nothing — neither the draft nor anything stored — and its problems are listed by field path.
	 */
	importFile(text: string, fileName: string): boolean {
		const result = this.editor.importJson(text, fileName);
		if (result.ok) {
			this.importProblem = null;
			this.library.notice = {
				tone: 'ok',
				text: `Opened “${result.scenario.name}” from ${fileName}. Save it to keep it in this browser.`
			};
			return true;
		}
		// The problem panel lists what is wrong; a second notice would repeat it.
		this.importProblem = { fileName, errors: result.errors, editable: result.editable };
		this.library.notice = null;
		return false;
	}

	/** Open the last bad file anyway, to fix it field by field (its problems show in the form). */
	openImportAnyway(): void {
		const problem = this.importProblem;
		if (!problem?.editable) return;
		const origin: DraftOrigin = { kind: 'file', fileName: problem.fileName };
		// Nothing counts as saved: the file is not valid, so leaving asks first.
		this.editor.load(problem.editable, { origin, baseline: '' });
		this.importProblem = null;
		this.library.notice = {
			tone: 'error',
			text: `Opened ${problem.fileName} with its problems marked in red; fix them to save.`
		};
	}

	/** The draft as a scenario file to download (valid or not: nothing typed is lost). */
	exportFile(): Download {
		return { fileName: exportFileName(this.editor.draft.name), text: this.editor.exportJson() };
	}

	/**
	 * Save the draft when it has changes or was never saved, and return the saved id the lab can
	 * open; null when it cannot be saved (the notice says why).
	 */
	async saveForLab(): Promise<string | null> {
		const editor = this.editor;
		if (editor.savedId && !editor.dirty) return editor.savedId;
		return (await this.library.save()) ? editor.savedId : null;
	}

	/** Keep the working draft (called whenever it changes). */
	keep(): void {
		const editor = this.editor;
		writeWorkingDraft(this.#storage, {
			draft: $state.snapshot(editor.draft) as Draft,
			savedId: editor.savedId,
			preset: editor.preset,
			baseline: editor.baseline,
			at: this.#now()
		});
	}

	/** Stop pending work (the page is closing). */
	dispose(): void {
		this.preview.dispose();
	}
}
