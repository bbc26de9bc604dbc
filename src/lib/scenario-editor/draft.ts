/**
 * The editor's draft: a scenario document as the user is writing it. It has the shape of
 * `ScenarioInput` (defaults may be left out), but any leaf may hold what the user typed and the
 * schema rejects (text in a number field): the draft is never thrown away for being invalid,
 * and `parseScenario` says what is wrong with it. Pure functions over plain objects.
 */
import { parseScenario, type ScenarioInput } from '$lib/sim/scenario';
import { idAfterRename, idFromName, renameInPath } from './ids';
import { getAt, keysOf, pathOf, setAt } from './paths';

/** A scenario being edited (see the module comment: leaves may be invalid). */
export type Draft = ScenarioInput;
type ChannelDraft = Draft['channels'][number];
type SegmentDraft = Draft['segments'][number];
type CreativeDraft = ChannelDraft['creatives'][number];

/** A deep copy of a scenario (or draft) as a new draft. */
export function toDraft(input: ScenarioInput | Draft): Draft {
	return JSON.parse(JSON.stringify(input)) as Draft;
}

/** The draft as a scenario file: pretty JSON, exactly what re-importing reads back. */
export function draftToJson(draft: Draft): string {
	return `${JSON.stringify(draft, null, 2)}\n`;
}

/** The draft's channel/segment ids, for uniqueness. */
const idsOf = (items: readonly { id?: unknown }[] | undefined) =>
	(items ?? []).map((item) => String(item?.id ?? ''));

/** A new creative for a channel that has `taken` creative ids. */
export function newCreative(taken: readonly string[]): CreativeDraft {
	const name = `Creative ${taken.length + 1}`;
	return { id: idFromName(name, taken, 'creative'), name, quality: 1, ctrIndex: 1 };
}

/** A new mid-funnel channel with middling parameters, reaching every segment of `draft`. */
export function newChannel(draft: Draft): ChannelDraft {
	const name = `Channel ${(draft.channels?.length ?? 0) + 1}`;
	return {
		id: idFromName(name, idsOf(draft.channels), 'channel'),
		name,
		stage: 'mid',
		historicalShare: 0.1,
		auction: { medianCpm: 10, spread: 0.6 },
		impressionsPerUser: 1,
		reach: (draft.segments ?? []).map(() => 0.5),
		maxConversionRate: 5e-5,
		ctr: 0.01,
		hill: { halfSaturation: 0.3, slope: 1 },
		adstock: { decay: 0.3 },
		lastTouchWeight: 1,
		platformClaim: 0.5,
		creatives: [newCreative([])]
	};
}

/** A new average segment. */
export function newSegment(draft: Draft): SegmentDraft {
	const name = `Segment ${(draft.segments?.length ?? 0) + 1}`;
	return {
		id: idFromName(name, idsOf(draft.segments), 'segment'),
		name,
		population: 1_000_000,
		baselineConversions: 30,
		propensity: 1,
		orderValue: 50,
		margin: 0.4,
		repeatOrdersPerMonth: 0.3,
		retention: { alpha: 1, beta: 4 }
	};
}

/** Add a segment; every channel gets a reach entry for it, so reach lists stay one per segment. */
export function addSegment(draft: Draft): void {
	draft.segments = [...(draft.segments ?? []), newSegment(draft)];
	for (const channel of draft.channels ?? []) {
		if (Array.isArray(channel.reach)) channel.reach.push(0.5);
	}
}

/** Remove segment `s` and its reach entry in every channel. */
export function removeSegment(draft: Draft, s: number): void {
	draft.segments.splice(s, 1);
	for (const channel of draft.channels ?? []) {
		if (Array.isArray(channel.reach)) channel.reach.splice(s, 1);
	}
}

/** Add a channel at the end. */
export function addChannel(draft: Draft): void {
	draft.channels = [...(draft.channels ?? []), newChannel(draft)];
}

/** Copy channel `c` right after itself, under a new name and id. */
export function duplicateChannel(draft: Draft, c: number): void {
	const copy = JSON.parse(JSON.stringify(draft.channels[c])) as ChannelDraft;
	copy.name = `${String(copy.name ?? 'Channel')} (copy)`.slice(0, 80);
	copy.id = idFromName(copy.name, idsOf(draft.channels), 'channel');
	draft.channels.splice(c + 1, 0, copy);
}

/** Move item `i` of a list by `delta` places (clamped to the list). */
export function moveItem<T>(list: T[], i: number, delta: number): void {
	const j = Math.max(0, Math.min(list.length - 1, i + delta));
	if (j === i) return;
	const [item] = list.splice(i, 1);
	list.splice(j, 0, item);
}

/** A new event in the first week of the horizon. */
export function newEvent(): NonNullable<Draft['events']>[number] {
	return { name: 'New event', startDay: 0, endDay: 6, demandMultiplier: 1.2 };
}

/** A new regime shift: the first channel's median CPM up by a fifth from mid-horizon. */
export function newShift(draft: Draft): NonNullable<Draft['regimeShifts']>[number] {
	const channel = draft.channels?.[0];
	const cpm = Number(channel?.auction?.medianCpm);
	const days = Number(draft.days);
	return {
		day: Number.isInteger(days) && days > 1 ? Math.floor(days / 2) : 1,
		path: `channels[${String(channel?.id ?? 0)}].auction.medianCpm`,
		value: Number.isFinite(cpm) ? Math.round(cpm * 1.2 * 100) / 100 : 10
	};
}

/** Paths whose change renames an item: `channels[2].name`, `segments[0].id`, creatives' names. */
const NAMED = /^(channels|segments)\[(\d+)\](?:\.creatives\[(\d+)\])?\.(name|id)$/;

/**
 * Set a field, keeping what depends on it consistent: a renamed item gets a new id while its id
 * is still the generated one, and regime shifts that name a channel or segment by id follow it.
 * `value` undefined removes an optional field (its default applies).
 */
export function setField(draft: Draft, path: string, value: unknown): void {
	const match = NAMED.exec(path);
	if (!match) {
		setAt(draft, path, value);
		return;
	}
	const [, list, index, creative, key] = match;
	const itemPath =
		creative !== undefined ? `${list}[${index}].creatives[${creative}]` : `${list}[${index}]`;
	const siblings = getAt(draft, pathOf(keysOf(itemPath).slice(0, -1))) as
		{ id?: unknown }[] | undefined;
	const oldId = String(getAt(draft, `${itemPath}.id`) ?? '');
	// A new name regenerates the id while it is still the generated one; an id edit is taken as typed.
	const newId =
		key === 'name'
			? idAfterRename(
					oldId,
					String(getAt(draft, `${itemPath}.name`) ?? ''),
					String(value ?? ''),
					idsOf(siblings),
					creative !== undefined ? 'creative' : list.slice(0, -1)
				)
			: String(value ?? '');
	setAt(draft, path, value);
	if (key === 'name') setAt(draft, `${itemPath}.id`, newId);
	if (creative === undefined && newId !== oldId && oldId !== '') {
		for (const shift of draft.regimeShifts ?? []) {
			if (typeof shift?.path === 'string') {
				shift.path = renameInPath(shift.path, list as 'channels' | 'segments', oldId, newId);
			}
		}
	}
}

/** Whether the draft is a valid scenario (a shortcut for tests and guards). */
export const isValidDraft = (draft: Draft): boolean => parseScenario(draft).ok;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isListOf = (value: unknown, item: (v: unknown) => boolean) =>
	Array.isArray(value) && value.every(item);

/**
 * Whether a value has the shape the form can show, valid or not: an object whose lists (channels,
 * segments, creatives, events, regime shifts) are lists of objects. An invalid scenario of that
 * shape can be opened and fixed field by field; anything else is refused whole.
 */
export function isEditableDraft(value: unknown): value is Draft {
	if (!isObject(value)) return false;
	const channelOk = (c: unknown) =>
		isObject(c) &&
		isListOf(c.creatives, isObject) &&
		(c.reach === undefined || Array.isArray(c.reach));
	return (
		isListOf(value.channels, channelOk) &&
		isListOf(value.segments, isObject) &&
		(value.events === undefined || isListOf(value.events, isObject)) &&
		(value.regimeShifts === undefined || isListOf(value.regimeShifts, isObject))
	);
}
