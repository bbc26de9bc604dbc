/**
 * The scenario editor's state: the draft, what validation says about it, where each message is
 * shown, and an undo history. The draft is only ever replaced on purpose (a preset, a saved
 * scenario, a good import, undo): an invalid edit stays in it with its message beside the field,
 * and a bad import leaves it untouched.
 */
import { parseJson } from '$lib/sim/json';
import { parseScenario, type FieldError, type Scenario } from '$lib/sim/scenario';
import { draftToJson, isEditableDraft, setField, toDraft, type Draft } from './draft';
import { anchorsOf, groupOf, placeErrors, type GroupId } from './layout';
import { getAt } from './paths';

/** Where the draft came from. */
export type DraftOrigin =
	| { kind: 'preset'; name: string }
	| { kind: 'saved'; id: string }
	| { kind: 'file'; fileName: string }
	| { kind: 'restored' };

/** An undo step: the draft before a change. */
interface UndoStep {
	json: string;
	/** The field the change edited (consecutive keystrokes in one field are one step). */
	path: string | null;
	/** When the step was recorded, ms. */
	at: number;
	/** What the change was, for the undo button's title. */
	label: string;
	origin: DraftOrigin;
	savedId: string | null;
	preset: string | null;
	baseline: string;
}

/** Keystrokes in the same field closer than this are undone together, ms. */
const COALESCE_MS = 1500;
/** Undo steps kept. */
const UNDO_LIMIT = 100;

/**
 * The result of reading a scenario file: opened, or what is wrong (line and column for broken
 * JSON, field paths for invalid values) with, when the file has a scenario's shape, its content
 * so the user may open it anyway and fix it in the form.
 */
export type ImportResult =
	{ ok: true; scenario: Scenario } | { ok: false; errors: FieldError[]; editable: Draft | null };

/** How a draft is opened. */
export interface LoadOptions {
	origin: DraftOrigin;
	/** The saved scenario it saves over (default: none, saving creates one). */
	savedId?: string | null;
	/** The preset it started from (default: none). */
	preset?: string | null;
	/** The JSON it counts as saved (default: the draft itself, so it opens without changes). */
	baseline?: string;
}

/** The draft being edited, its validation and its undo history. */
export class ScenarioEditor {
	/** The scenario as the user is writing it (may be invalid). */
	draft = $state<Draft>() as Draft;
	/** Where the draft came from. */
	origin = $state.raw<DraftOrigin>({ kind: 'restored' });
	/** The saved scenario the draft saves over (null: saving creates a new one). */
	savedId = $state<string | null>(null);
	/** The preset the draft started from (kept with saved scenarios and links), if any. */
	preset = $state<string | null>(null);
	/** The draft's JSON when it was last loaded or saved (to tell unsaved changes). */
	baseline = $state('');
	/** The channel the previews emphasise (the one last edited or pointed at). */
	focusedChannel = $state(0);
	/** Undo steps available. */
	undoDepth = $state(0);
	/** What the next undo reverts ('' when nothing). */
	undoLabel = $state('');

	/** Validation of the draft by the format's own schema: the only rules the editor applies. */
	readonly validation = $derived.by(() => parseScenario($state.snapshot(this.draft)));
	/** Every problem with the draft. */
	readonly errors = $derived<FieldError[]>(this.validation.ok ? [] : this.validation.errors);
	/** The validated scenario (defaults filled), or null while the draft is invalid. */
	readonly scenario = $derived<Scenario | null>(this.validation.ok ? this.validation.value : null);
	/** Messages by the path of the input, card or list that shows them. */
	readonly placed = $derived(placeErrors(this.errors, anchorsOf(this.draft)));
	/** Problems per group (for the badges on collapsed groups). */
	readonly errorCounts = $derived.by(() => {
		const counts: Partial<Record<GroupId, number>> = {};
		for (const error of this.errors) {
			const group = groupOf(error.path);
			counts[group] = (counts[group] ?? 0) + 1;
		}
		return counts;
	});
	/** The currency code for unit labels (USD while the field is invalid). */
	readonly currency = $derived(
		typeof this.draft.currency === 'string' && /^[A-Z]{3}$/.test(this.draft.currency)
			? this.draft.currency
			: 'USD'
	);
	/** Whether the draft differs from what was last loaded or saved. */
	readonly dirty = $derived(draftToJson($state.snapshot(this.draft)) !== this.baseline);

	#undo: UndoStep[] = [];
	readonly #now: () => number;

	constructor(initial: Draft, options: LoadOptions, now: () => number = () => Date.now()) {
		this.#now = now;
		this.draft = toDraft(initial);
		this.#open(options);
	}

	/** The draft's value at `path`. */
	value(path: string): unknown {
		return getAt(this.draft, path);
	}

	/** Messages shown at `anchor` (an input's path, a card, a list). */
	errorsAt(anchor: string): FieldError[] {
		return this.placed.get(anchor) ?? [];
	}

	/** Set one field (undefined removes an optional one); typing in one field is one undo step. */
	set(path: string, value: unknown): void {
		const last = this.#undo.at(-1);
		const now = this.#now();
		if (!(last && last.path === path && now - last.at < COALESCE_MS)) {
			this.#record(path, `edit ${path}`);
		} else last.at = now;
		setField(this.draft, path, value);
	}

	/** A structural change (add, remove, move), one undo step. */
	change(label: string, apply: (draft: Draft) => void): void {
		this.#record(null, label);
		apply(this.draft);
	}

	/** Replace the draft with another scenario (undoable). */
	load(input: Draft, options: LoadOptions): void {
		this.#record(null, 'open another scenario');
		this.draft = toDraft(input);
		this.#open(options);
	}

	/**
	 * Read a scenario file. A valid one becomes the draft, exactly as written; otherwise the
	 * draft is untouched and the result lists what is wrong (line and column for broken JSON,
	 * field paths for invalid values).
	 */
	importJson(text: string, fileName: string): ImportResult {
		const json = parseJson(text);
		if (!json.ok) {
			const message = `Not valid JSON: ${json.message}`;
			return { ok: false, errors: [{ path: '', message }], editable: null };
		}
		const parsed = parseScenario(json.value);
		if (!parsed.ok) {
			const editable = isEditableDraft(json.value) ? json.value : null;
			return { ok: false, errors: parsed.errors, editable };
		}
		this.load(json.value as Draft, { origin: { kind: 'file', fileName } });
		return { ok: true, scenario: parsed.value };
	}

	/** The draft as a scenario file. */
	exportJson(): string {
		return draftToJson($state.snapshot(this.draft));
	}

	/** Note that the draft was saved as `id` (it is no longer "unsaved"). */
	markSaved(id: string): void {
		this.savedId = id;
		this.origin = { kind: 'saved', id };
		this.baseline = this.exportJson();
	}

	/** Revert the last change. */
	undo(): void {
		const step = this.#undo.pop();
		if (!step) return;
		this.draft = JSON.parse(step.json) as Draft;
		this.origin = step.origin;
		this.savedId = step.savedId;
		this.preset = step.preset;
		this.baseline = step.baseline;
		this.#sync();
	}

	#open(options: LoadOptions): void {
		this.origin = options.origin;
		this.savedId = options.savedId ?? null;
		this.preset = options.preset ?? null;
		this.baseline = options.baseline ?? draftToJson($state.snapshot(this.draft));
		this.focusedChannel = 0;
	}

	#record(path: string | null, label: string): void {
		this.#undo.push({
			json: JSON.stringify($state.snapshot(this.draft)),
			path,
			at: this.#now(),
			label,
			origin: this.origin,
			savedId: this.savedId,
			preset: this.preset,
			baseline: this.baseline
		});
		if (this.#undo.length > UNDO_LIMIT) this.#undo.shift();
		this.#sync();
	}

	#sync(): void {
		this.undoDepth = this.#undo.length;
		this.undoLabel = this.#undo.at(-1)?.label ?? '';
	}
}
