/**
 * What a person sees when a link cannot be opened: what happened, in their terms, and what the
 * lab did instead. One kind per cause, so the UI and tests can tell them apart.
 */
import { formatFieldError, type FieldError } from '../sim/scenario';

/** Why a link could not be opened. */
export type ShareErrorKind =
	| 'foreign'
	| 'damaged'
	| 'too-large'
	| 'too-deep'
	| 'newer'
	| 'older'
	| 'unknown-preset'
	| 'invalid';

/** A link that could not be opened: the cause, a sentence to show, and field errors if any. */
export interface ShareError {
	kind: ShareErrorKind;
	message: string;
	/** Problems in the link's scenario or pilot settings, by field path (kind 'invalid'). */
	errors: FieldError[];
}

/** What the lab does after a bad link: said at the end of every message. */
const FALLBACK = 'The lab opened with its default settings instead.';

/** A share error with its message. */
export function shareError(
	kind: ShareErrorKind,
	detail: { version?: number; latest?: number; preset?: string; errors?: FieldError[] } = {}
): ShareError {
	const errors = detail.errors ?? [];
	const messages: Record<ShareErrorKind, string> = {
		foreign: `This is not a Marginal link: it carries no lab settings. ${FALLBACK}`,
		damaged: `This link is damaged: part of it is missing or changed, perhaps cut off when it was copied. Ask for the link again. ${FALLBACK}`,
		'too-large': `This link is too large to be a Marginal link, so it was not opened. ${FALLBACK}`,
		'too-deep': `This link’s settings are nested far deeper than any Marginal link’s, so it was not opened. ${FALLBACK}`,
		newer: `This link was made by a newer version of Marginal (link version ${detail.version}; this page reads up to ${detail.latest}). Reload the page to get the latest version. ${FALLBACK}`,
		older: `This link was made by an old version of Marginal (link version ${detail.version}) that this one no longer reads. Ask for a new link. ${FALLBACK}`,
		'unknown-preset': `This link starts from a scenario called “${detail.preset}”, which this version of Marginal does not have. ${FALLBACK}`,
		invalid: `This link’s settings are not valid: ${errors.slice(0, 3).map(formatFieldError).join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}. ${FALLBACK}`
	};
	return { kind, message: messages[kind], errors };
}

/** Said when a link opens but its fingerprint differs: the presets or policies have changed since. */
export const DRIFT_NOTE =
	'This link was made with a different version of Marginal’s scenarios or policies: the numbers may differ from the ones its sender saw.';
