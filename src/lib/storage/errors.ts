/**
 * Storage problems as values the UI can show: what happened, that nothing already saved was
 * lost, and what to do. IndexedDB reports failures as DOMExceptions with a `name`; each name
 * maps to one kind and one message here, so every caller words them the same way.
 */

/** Why a storage call failed. */
export type StorageErrorKind =
	'unavailable' | 'quota' | 'blocked' | 'outdated' | 'not-found' | 'invalid' | 'failed';

/** A failed storage call: the cause and a message to show as is. */
export interface StorageError {
	kind: StorageErrorKind;
	message: string;
}

/** A storage call's outcome: the value, or the error to show. */
export type Stored<T> = { ok: true; value: T } | { ok: false; error: StorageError };

/** A successful outcome. */
export const stored = <T>(value: T): Stored<T> => ({ ok: true, value });

/** A failed outcome. */
export const notStored = <T = never>(error: StorageError): Stored<T> => ({ ok: false, error });

/**
 * The error for `kind`; `action` completes "could not …" ("save the run"), `detail` is the
 * browser's own wording for unexpected failures or the reason a record is invalid.
 */
export function storageError(kind: StorageErrorKind, action: string, detail = ''): StorageError {
	const messages: Record<StorageErrorKind, string> = {
		unavailable: `Saving is not available in this browser window (private browsing, or site storage turned off), so Marginal could not ${action}. The lab still works, but runs and scenarios will not be kept after you close the page.`,
		quota: `Storage is full: Marginal could not ${action}, and nothing was lost. Delete runs you no longer need on the Runs page, or allow this site more storage in your browser’s settings.`,
		blocked: `Close other Marginal tabs: another tab still uses an older version of your saved data, so this one cannot update it to ${action}. Nothing was lost; try again once the other tabs are closed or reloaded.`,
		outdated: `Your saved data was written by a newer version of Marginal, so this page could not ${action}. Reload the page to get the newer version. Nothing was lost.`,
		'not-found': `Marginal could not ${action}: it is no longer saved (it may have been deleted in another tab).`,
		invalid: `Marginal could not ${action}: ${detail || 'the data is not in a form it can store'}. Nothing already saved was lost.`,
		failed: `Storage failed: Marginal could not ${action}${detail ? ` (${detail})` : ''}. Nothing already saved was lost; try again, or reload the page.`
	};
	return { kind, message: messages[kind] };
}

/** The DOMException (or Error) name and message of a thrown value. */
function describe(error: unknown): { name: string; message: string } {
	if (typeof error === 'object' && error !== null) {
		const { name, message } = error as { name?: unknown; message?: unknown };
		return {
			name: typeof name === 'string' ? name : 'Error',
			message: typeof message === 'string' ? message : ''
		};
	}
	return { name: 'Error', message: String(error) };
}

/**
 * The storage error for an exception thrown (or a transaction error reported) while trying to
 * `action`. `atOpen`: the failure happened opening the database, where browsers that forbid
 * storage (private windows, blocked cookies) throw InvalidStateError, SecurityError or UnknownError.
 */
export function fromException(error: unknown, action: string, atOpen = false): StorageError {
	const { name, message } = describe(error);
	if (name === 'QuotaExceededError') return storageError('quota', action);
	if (name === 'VersionError') return storageError('outdated', action);
	if (name === 'DataCloneError') {
		return storageError('invalid', action, 'it holds data the browser cannot store');
	}
	if (
		atOpen &&
		(name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError')
	) {
		return storageError('unavailable', action);
	}
	return storageError('failed', action, message ? `${name}: ${message}` : name);
}
