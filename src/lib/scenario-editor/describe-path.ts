/**
 * A field path in words, for the list of problems: `channels[2].hill.slope` →
 * "Display › Hill slope", using the draft's own names and the editor's labels.
 */
import type { Draft } from './draft';
import { fieldText } from './field-text';
import { GROUPS, groupOf } from './layout';
import { genericPath, getAt, keysOf, pathOf } from './paths';

const nameOf = (draft: Draft, path: string, fallback: string) => {
	const name = getAt(draft, `${path}.name`);
	return typeof name === 'string' && name.trim() ? name.trim() : fallback;
};

/** Where `path` is, in words (the group when it is the whole group or the root). */
export function describePath(path: string, draft: Draft): string {
	if (path === '') return 'Scenario';
	const keys = keysOf(path);
	const parts: string[] = [];
	let rest = keys;
	const item = (list: string, noun: string) => {
		if (rest[0] === list && typeof rest[1] === 'number') {
			parts.push(nameOf(draft, pathOf(rest.slice(0, 2)), `${noun} ${rest[1] + 1}`));
			return true;
		}
		return false;
	};
	if (item('channels', 'Channel')) {
		const channel = pathOf(keys.slice(0, 2));
		rest = keys.slice(2);
		if (rest[0] === 'creatives' && typeof rest[1] === 'number') {
			parts.push(nameOf(draft, `${channel}.creatives[${rest[1]}]`, `Creative ${rest[1] + 1}`));
			rest = rest.slice(2);
		}
	} else if (
		item('segments', 'Segment') ||
		item('events', 'Event') ||
		item('regimeShifts', 'Shift')
	) {
		rest = keys.slice(2);
	} else {
		parts.push(GROUPS.find((g) => g.id === groupOf(path))?.title ?? 'General');
	}
	if (rest.length) {
		// The label of the deepest labelled field; list entries get their number.
		const entry = typeof rest.at(-1) === 'number' ? (rest.at(-1) as number) : null;
		const field = entry === null ? rest : rest.slice(0, -1);
		const label = fieldText(genericPath(path).replace(/\[\]$/, ''), 'USD').label;
		const known = label !== genericPath(path).replace(/\[\]$/, '');
		parts.push((known ? label : field.join('.')) + (entry !== null ? ` #${entry + 1}` : ''));
	}
	return parts.join(' › ');
}
