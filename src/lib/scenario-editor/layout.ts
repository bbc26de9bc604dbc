/**
 * Where every field of a scenario appears in the editor: the groups, their sections and fields,
 * and the "anchors" — every place a validation message can be shown (an input, a list entry, a
 * card, a list, a group). Components render from these lists and errors are placed with them,
 * so an error always lands beside the input that causes it, or at the nearest card or list
 * that holds it when no input does (an unknown field, a missing object).
 */
import type { FieldError } from '$lib/sim/scenario';
import { child, isWithin, keysOf, parentPath } from './paths';

/** A titled run of fields (paths relative to the item or group that holds them). */
export interface FieldSection {
	title: string;
	fields: readonly string[];
}

/** The editor's top-level groups, in page order. */
export const GROUPS = [
	{ id: 'general', title: 'General' },
	{ id: 'channels', title: 'Channels' },
	{ id: 'segments', title: 'Segments' },
	{ id: 'seasonality', title: 'Seasonality and events' },
	{ id: 'dynamics', title: 'Noise, halo and attribution' },
	{ id: 'ltv', title: 'Lifetime value' },
	{ id: 'shifts', title: 'Regime shifts' }
] as const;

/** A group id. */
export type GroupId = (typeof GROUPS)[number]['id'];

/** Top-level fields of the general group (intraday profile aside). */
export const GENERAL_FIELDS: readonly FieldSection[] = [
	{ title: 'Scenario', fields: ['name', 'description', 'seed', 'currency'] },
	{ title: 'Time and budget', fields: ['days', 'startDate', 'dailyBudget', 'slotsPerDay'] },
	{ title: 'History before the pilot', fields: ['history.days', 'history.flighting'] }
];

/** A channel's fields by section, relative to `channels[i]` (creatives are a table of their own). */
export const CHANNEL_SECTIONS: readonly FieldSection[] = [
	{ title: 'Channel', fields: ['name', 'id', 'stage', 'historicalShare'] },
	{ title: 'Auction', fields: ['auction.medianCpm', 'auction.spread', 'impressionsPerUser'] },
	{
		title: 'Response',
		fields: ['maxConversionRate', 'ctr', 'hill.halfSaturation', 'hill.slope']
	},
	{
		title: 'Carry-over',
		fields: ['adstock.decay', 'adstock.delayStages', 'conversionDelayDays']
	},
	{
		title: 'Attribution and halo',
		fields: ['lastTouchWeight', 'platformClaim', 'haloStrength', 'haloReceptivity']
	},
	{
		title: 'Waste and refreshes',
		fields: ['unsafeShare', 'existingCustomerShare', 'refreshQualitySd']
	}
];

/** Columns of the creatives table, relative to `channels[i].creatives[k]`. */
export const CREATIVE_FIELDS = [
	'name',
	'id',
	'quality',
	'ctrIndex',
	'fatigueRate',
	'recoveryRate',
	'active'
] as const;

/** A segment's fields by section, relative to `segments[i]`. */
export const SEGMENT_SECTIONS: readonly FieldSection[] = [
	{ title: 'Segment', fields: ['name', 'id', 'population', 'baselineConversions'] },
	{ title: 'Media', fields: ['propensity', 'cpmIndex'] },
	{ title: 'Value', fields: ['orderValue', 'margin', 'repeatOrdersPerMonth'] },
	{ title: 'Retention', fields: ['retention.alpha', 'retention.beta'] }
];

/** Scalar fields of the seasonality group (the weekly pattern and events are lists). */
export const SEASONALITY_FIELDS = [
	'seasonality.yearlyAmplitude',
	'seasonality.yearlyPeakDay',
	'seasonality.trendPerYear',
	'seasonality.cpmElasticity'
] as const;

/** Columns of an event row, relative to `events[i]`. */
export const EVENT_FIELDS = ['name', 'startDay', 'endDay', 'demandMultiplier'] as const;

/** Fields of the dynamics group. */
export const DYNAMICS_FIELDS = [
	'noise.demandSd',
	'halo.decay',
	'attribution.directWeight'
] as const;

/** Fields of the lifetime-value group. */
export const LTV_FIELDS = ['ltv.horizonDays', 'ltv.annualDiscountRate'] as const;

/** Columns of a regime-shift row, relative to `regimeShifts[i]`. */
export const SHIFT_FIELDS = ['day', 'path', 'value'] as const;

/** The group a path belongs to. */
export function groupOf(path: string): GroupId {
	const first = keysOf(path)[0];
	switch (first) {
		case 'channels':
			return 'channels';
		case 'segments':
			return 'segments';
		case 'seasonality':
		case 'events':
			return 'seasonality';
		case 'noise':
		case 'halo':
		case 'attribution':
			return 'dynamics';
		case 'ltv':
			return 'ltv';
		case 'regimeShifts':
			return 'shifts';
		default:
			return 'general';
	}
}

/** The draft's shape as far as anchors need it (it may be partly invalid). */
interface DraftShape {
	channels?: unknown;
	segments?: unknown;
	events?: unknown;
	regimeShifts?: unknown;
	intraday?: unknown;
	slotsPerDay?: unknown;
}

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const flat = (sections: readonly FieldSection[]) => sections.flatMap((s) => s.fields);

/** Every path the editor can show a message at, for this draft. */
export function anchorsOf(draft: DraftShape): Set<string> {
	const out = new Set<string>(['']);
	const add = (path: string) => out.add(path);
	for (const field of flat(GENERAL_FIELDS)) add(field);
	for (const path of ['history', 'seasonality', 'noise', 'halo', 'attribution', 'ltv']) add(path);
	for (const field of [...SEASONALITY_FIELDS, ...DYNAMICS_FIELDS, ...LTV_FIELDS]) add(field);
	add('seasonality.weekly');
	for (let d = 0; d < 7; d++) add(`seasonality.weekly[${d}]`);
	if (draft.intraday !== undefined) {
		add('intraday');
		const intraday = draft.intraday as Record<string, unknown>;
		for (const key of ['inventoryShare', 'cpmIndex']) {
			add(`intraday.${key}`);
			for (let j = 0; j < lengthOf(intraday?.[key]); j++) add(`intraday.${key}[${j}]`);
		}
	}
	const lists: [string, number, readonly string[]][] = [
		['segments', lengthOf(draft.segments), flat(SEGMENT_SECTIONS)],
		['events', lengthOf(draft.events), EVENT_FIELDS],
		['regimeShifts', lengthOf(draft.regimeShifts), SHIFT_FIELDS]
	];
	for (const [list, n, fields] of lists) {
		add(list);
		for (let i = 0; i < n; i++) {
			add(`${list}[${i}]`);
			for (const field of fields) add(child(`${list}[${i}]`, ...keysOf(field)));
		}
	}
	add('channels');
	const channels = Array.isArray(draft.channels) ? draft.channels : [];
	channels.forEach((channel: Record<string, unknown>, c) => {
		const base = `channels[${c}]`;
		add(base);
		for (const field of flat(CHANNEL_SECTIONS)) add(child(base, ...keysOf(field)));
		add(`${base}.reach`);
		for (let s = 0; s < lengthOf(channel?.reach); s++) add(`${base}.reach[${s}]`);
		add(`${base}.creatives`);
		for (let k = 0; k < lengthOf(channel?.creatives); k++) {
			add(`${base}.creatives[${k}]`);
			for (const field of CREATIVE_FIELDS) add(`${base}.creatives[${k}].${field}`);
		}
	});
	return out;
}

/** The anchor an error is shown at: its own path if shown, else the nearest enclosing anchor. */
export function anchorFor(path: string, anchors: ReadonlySet<string>): string {
	let at = path;
	while (at !== '' && !anchors.has(at)) at = parentPath(at);
	return at;
}

/** Errors grouped by the anchor they are shown at. */
export function placeErrors(
	errors: readonly FieldError[],
	anchors: ReadonlySet<string>
): Map<string, FieldError[]> {
	const placed = new Map<string, FieldError[]>();
	for (const error of errors) {
		const at = anchorFor(error.path, anchors);
		const list = placed.get(at);
		if (list) list.push(error);
		else placed.set(at, [error]);
	}
	return placed;
}

/**
 * What a message reads at its anchor: the bare message at its own field, the rest of the path
 * first when shown on an enclosing card (`hill.slopes: is not a field…`).
 */
export function messageAt(error: FieldError, anchor: string): string {
	if (error.path === anchor) return error.message;
	const rest = anchor === '' ? error.path : error.path.slice(anchor.length).replace(/^\./, '');
	return rest ? `${rest}: ${error.message}` : error.message;
}

/** Errors at or inside `path` (a card, a list or a group's top-level keys). */
export function errorsWithin(errors: readonly FieldError[], path: string): FieldError[] {
	return errors.filter((e) => isWithin(e.path, path));
}
