/**
 * Suggestions for a regime shift's field: every number field of the draft a shift may change,
 * channels and segments named by id (`channels[display].auction.medianCpm`), as the format's
 * paths allow. Only suggestions: validation decides what is accepted.
 */
import type { Draft } from './draft';
import { CHANNEL_SECTIONS, DYNAMICS_FIELDS, SEASONALITY_FIELDS, SEGMENT_SECTIONS } from './layout';
import { fieldSpec } from './schema-fields';

const isNumber = (path: string) => {
	const kind = fieldSpec(path)?.kind;
	return kind === 'number' || kind === 'integer';
};

/** Number fields relative to a list item (checked on item 0 of the list's schema). */
const numberFields = (list: 'channels' | 'segments', sections: typeof CHANNEL_SECTIONS) =>
	sections.flatMap((s) => s.fields).filter((field) => isNumber(`${list}[0].${field}`));

const CHANNEL_NUMBERS = numberFields('channels', CHANNEL_SECTIONS);
const SEGMENT_NUMBERS = numberFields('segments', SEGMENT_SECTIONS);
/** Top-level fields a shift may change (days and slots cannot change during a run). */
const TOP_NUMBERS = ['dailyBudget', ...SEASONALITY_FIELDS, ...DYNAMICS_FIELDS];

/** Paths a regime shift could target in this draft. */
export function shiftTargets(draft: Draft): string[] {
	const ids = (items: readonly { id?: unknown }[] | undefined) =>
		(items ?? [])
			.map((item) => item?.id)
			.filter((id): id is string => typeof id === 'string' && id !== '');
	return [
		...TOP_NUMBERS,
		...ids(draft.channels).flatMap((id) => CHANNEL_NUMBERS.map((f) => `channels[${id}].${f}`)),
		...ids(draft.segments).flatMap((id) => SEGMENT_NUMBERS.map((f) => `segments[${id}].${f}`))
	];
}
