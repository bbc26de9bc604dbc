/**
 * The draft being edited, kept in the tab's sessionStorage as it changes, so a reload or a
 * crash loses nothing — not even an invalid draft, which cannot be saved as a scenario.
 * sessionStorage (not localStorage) because a draft belongs to one tab: two tabs editing would
 * otherwise overwrite each other's work. Storage that is missing, full or forbidden is ignored:
 * this is a safety net, and leaving the page with unsaved changes still asks first.
 */
import { isEditableDraft, type Draft } from './draft';

/** The sessionStorage key. */
export const WORKING_DRAFT_KEY = 'marginal:scenario-editor:draft';

/** What is kept: the draft and what it saves over. */
export interface WorkingDraft {
	draft: Draft;
	/** The saved scenario it saves over (null: none). */
	savedId: string | null;
	/** The preset it started from. */
	preset: string | null;
	/** The JSON last loaded or saved (so a restored draft knows whether it has unsaved changes). */
	baseline: string;
	/** When it was written, ms since 1970. */
	at: number;
}

/** The kept draft, or null (none, unreadable, or not a draft's shape). */
export function readWorkingDraft(storage: Storage | null): WorkingDraft | null {
	try {
		const text = storage?.getItem(WORKING_DRAFT_KEY);
		if (!text) return null;
		const value = JSON.parse(text) as Partial<WorkingDraft>;
		if (!isEditableDraft(value?.draft)) return null;
		return {
			draft: value.draft,
			savedId: typeof value.savedId === 'string' ? value.savedId : null,
			preset: typeof value.preset === 'string' ? value.preset : null,
			baseline: typeof value.baseline === 'string' ? value.baseline : '',
			at: typeof value.at === 'number' ? value.at : 0
		};
	} catch {
		return null;
	}
}

/** Keep the draft (silently does nothing when storage is unavailable). */
export function writeWorkingDraft(storage: Storage | null, working: WorkingDraft): void {
	try {
		storage?.setItem(WORKING_DRAFT_KEY, JSON.stringify(working));
	} catch {
		// Full or forbidden: the draft is still on screen, and saving reports its own errors.
	}
}

/** The tab's sessionStorage, or null where reading it throws (sandboxed frames). */
export function browserStorage(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}
