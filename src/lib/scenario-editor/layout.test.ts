import { describe, expect, it } from 'vitest';
import { presets } from '$lib/sim/presets';
import { parseScenario, ScenarioSchema } from '$lib/sim/scenario';
import { setField, toDraft } from './draft';
import { FIELD_TEXT } from './field-text';
import {
	anchorFor,
	anchorsOf,
	CHANNEL_SECTIONS,
	CREATIVE_FIELDS,
	DYNAMICS_FIELDS,
	EVENT_FIELDS,
	GENERAL_FIELDS,
	groupOf,
	LTV_FIELDS,
	messageAt,
	placeErrors,
	SEASONALITY_FIELDS,
	SEGMENT_SECTIONS,
	SHIFT_FIELDS
} from './layout';
import { fieldSpec } from './schema-fields';

const dtc = () => toDraft(presets['dtc-default']);

/** Every leaf field path of the schema, lists as `[]` (walks the valibot schema objects). */
function schemaLeaves(node: unknown, prefix = ''): string[] {
	type Node = {
		type: string;
		entries?: Record<string, Node>;
		wrapped?: Node;
		item?: Node;
		pipe?: Node[];
	};
	let n = node as Node;
	while (n.type === 'optional' && n.wrapped) n = n.wrapped;
	if (n.type === 'strict_object' || n.type === 'object') {
		return Object.entries(n.entries ?? {}).flatMap(([key, entry]) =>
			schemaLeaves(entry, prefix ? `${prefix}.${key}` : key)
		);
	}
	const item = n.item ?? n.pipe?.find((step) => step.item)?.item;
	if (n.type === 'array' && item && (item.type === 'strict_object' || item.type === 'object')) {
		return schemaLeaves(item, `${prefix}[]`);
	}
	return [prefix];
}

describe('editor layout', () => {
	it('has an input with a label for every field of the scenario format', () => {
		const shown = new Set<string>([
			...GENERAL_FIELDS.flatMap((s) => s.fields),
			...CHANNEL_SECTIONS.flatMap((s) => s.fields.map((f) => `channels[].${f}`)),
			...CREATIVE_FIELDS.map((f) => `channels[].creatives[].${f}`),
			...SEGMENT_SECTIONS.flatMap((s) => s.fields.map((f) => `segments[].${f}`)),
			...SEASONALITY_FIELDS,
			...EVENT_FIELDS.map((f) => `events[].${f}`),
			...DYNAMICS_FIELDS,
			...LTV_FIELDS,
			...SHIFT_FIELDS.map((f) => `regimeShifts[].${f}`),
			// Lists of numbers with their own component (NumberList), and the format version.
			'channels[].reach',
			'seasonality.weekly',
			'intraday.inventoryShare',
			'intraday.cpmIndex',
			'version'
		]);
		const leaves = schemaLeaves(ScenarioSchema);
		expect(leaves).toContain('channels[].creatives[].recoveryRate');
		expect(leaves.length).toBeGreaterThan(60);
		const missing = leaves.filter((path) => !shown.has(path));
		expect(missing).toEqual([]);
		const unlabelled = [...shown].filter((path) => path !== 'version' && !FIELD_TEXT[path]);
		expect(unlabelled).toEqual([]);
	});

	it('reads ranges and defaults from the schema', () => {
		expect(fieldSpec('channels[3].hill.slope')).toMatchObject({ kind: 'number', min: 0.1, max: 5 });
		expect(fieldSpec('channels[0].auction.medianCpm')).toMatchObject({
			min: 0,
			exclusiveMin: true
		});
		expect(fieldSpec('slotsPerDay')).toMatchObject({
			kind: 'integer',
			optional: true,
			defaultValue: 1
		});
		expect(fieldSpec('channels[0].stage')?.options).toEqual(['upper', 'mid', 'lower']);
		expect(fieldSpec('channels[0].nope')).toBeNull();
	});

	it('places a validation error at the input of the field it names', () => {
		const draft = dtc();
		setField(draft, 'channels[2].hill.slope', 9);
		const parsed = parseScenario(draft);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		const placed = placeErrors(parsed.errors, anchorsOf(draft));
		expect([...placed.keys()]).toEqual(['channels[2].hill.slope']);
		expect(messageAt(parsed.errors[0], 'channels[2].hill.slope')).toBe('must be between 0.1 and 5');
	});

	it('shows an error without an input on the nearest card, with the rest of the path', () => {
		const draft = dtc() as unknown as { channels: Record<string, unknown>[] };
		(draft.channels[1].hill as Record<string, unknown>).slopes = 1;
		const parsed = parseScenario(draft);
		if (parsed.ok) throw new Error('expected an error');
		const anchors = anchorsOf(draft);
		const error = parsed.errors[0];
		expect(error.path).toBe('channels[1].hill.slopes');
		expect(anchorFor(error.path, anchors)).toBe('channels[1]');
		expect(messageAt(error, 'channels[1]')).toBe(
			'hill.slopes: is not a field of this format (misspelt?)'
		);
	});

	it('counts reach and creative entries as anchors of their channel', () => {
		const anchors = anchorsOf(dtc());
		expect(anchors.has('channels[5].reach[2]')).toBe(true);
		expect(anchors.has('channels[5].reach[3]')).toBe(false);
		expect(anchors.has('channels[0].creatives[2].fatigueRate')).toBe(true);
	});

	it('puts each path in its group', () => {
		expect(groupOf('channels[0].ctr')).toBe('channels');
		expect(groupOf('events[1].endDay')).toBe('seasonality');
		expect(groupOf('halo.decay')).toBe('dynamics');
		expect(groupOf('regimeShifts[0].path')).toBe('shifts');
		expect(groupOf('dailyBudget')).toBe('general');
	});
});
