import { describe, expect, it } from 'vitest';
import { presets } from '$lib/sim/presets';
import { parseScenario } from '$lib/sim/scenario';
import {
	addChannel,
	addSegment,
	draftToJson,
	duplicateChannel,
	isEditableDraft,
	moveItem,
	removeSegment,
	setField,
	toDraft
} from './draft';

const dtc = () => toDraft(presets['dtc-default']);

describe('draft edits', () => {
	it('sets a nested field and leaves the preset object untouched', () => {
		const draft = dtc();
		setField(draft, 'channels[0].hill.slope', 2.5);
		expect(draft.channels[0].hill.slope).toBe(2.5);
		expect(presets['dtc-default'].channels[0].hill.slope).not.toBe(2.5);
	});

	it('keeps what the user typed in a number field and reports it by path', () => {
		const draft = dtc();
		setField(draft, 'channels[1].hill.halfSaturation', '12,5');
		const parsed = parseScenario(draft);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[0].path).toBe('channels[1].hill.halfSaturation');
		expect(draft.channels[1].hill.halfSaturation).toBe('12,5');
	});

	it('removes an optional field when set to undefined so its default applies', () => {
		const draft = dtc();
		setField(draft, 'channels[0].adstock.delayStages', 2);
		setField(draft, 'channels[0].adstock.delayStages', undefined);
		expect('delayStages' in draft.channels[0].adstock).toBe(false);
	});

	it('keeps a preset id that was not generated from the name', () => {
		const draft = dtc();
		setField(draft, 'segments[2].name', 'Collectors');
		expect(draft.segments[2].id).toBe('enthusiasts');
	});

	it('renames a channel: its generated id follows and regime shifts keep pointing at it', () => {
		const draft = dtc();
		const oldId = draft.channels[4].id;
		draft.regimeShifts = [{ day: 10, path: `channels[${oldId}].auction.medianCpm`, value: 20 }];
		setField(draft, 'channels[4].name', 'Connected TV');
		expect(draft.channels[4].id).toBe('connected-tv');
		expect(draft.regimeShifts[0].path).toBe('channels[connected-tv].auction.medianCpm');
		expect(parseScenario(draft).ok).toBe(true);
	});

	it('keeps an id the user chose by hand when the name changes', () => {
		const draft = dtc();
		setField(draft, 'channels[0].id', 'sem-brand');
		setField(draft, 'channels[0].name', 'Search (brand terms)');
		expect(draft.channels[0].id).toBe('sem-brand');
	});

	it('gives a renamed segment a unique id when the name clashes', () => {
		const draft = dtc();
		setField(draft, 'segments[0].name', 'Mainstream');
		expect(draft.segments[0].id).toBe('mainstream-2');
		expect(parseScenario(draft).ok).toBe(true);
	});

	it('adds and removes a segment with a reach entry in every channel', () => {
		const draft = dtc();
		addSegment(draft);
		expect(draft.segments).toHaveLength(4);
		for (const channel of draft.channels) expect(channel.reach).toHaveLength(4);
		expect(parseScenario(draft).ok).toBe(true);
		removeSegment(draft, 0);
		expect(draft.segments.map((s) => s.id)).toEqual(['mainstream', 'enthusiasts', 'segment-4']);
		for (const channel of draft.channels) expect(channel.reach).toHaveLength(3);
		expect(parseScenario(draft).ok).toBe(true);
	});

	it('adds a valid channel and duplicates one under a new id', () => {
		const draft = dtc();
		addChannel(draft);
		duplicateChannel(draft, 0);
		const ids = draft.channels.map((c) => c.id);
		expect(ids[1]).toBe('brand-search-copy');
		expect(ids.at(-1)).toBe('channel-7');
		expect(new Set(ids).size).toBe(ids.length);
		expect(parseScenario(draft).ok).toBe(true);
	});

	it('moves list items within bounds', () => {
		const list = ['a', 'b', 'c'];
		moveItem(list, 0, -1);
		expect(list).toEqual(['a', 'b', 'c']);
		moveItem(list, 0, 1);
		expect(list).toEqual(['b', 'a', 'c']);
		moveItem(list, 1, 5);
		expect(list).toEqual(['b', 'c', 'a']);
	});

	it('exports JSON that reads back as the same draft', () => {
		const draft = dtc();
		expect(JSON.parse(draftToJson(draft))).toEqual(draft);
	});

	it('tells an editable document from one the form cannot show', () => {
		expect(isEditableDraft(dtc())).toBe(true);
		expect(isEditableDraft({ ...dtc(), version: 7, name: 3 })).toBe(true);
		expect(isEditableDraft({ channels: 'none', segments: [] })).toBe(false);
		expect(isEditableDraft({ channels: [{ creatives: 'x' }], segments: [] })).toBe(false);
		expect(isEditableDraft([])).toBe(false);
		expect(isEditableDraft(null)).toBe(false);
	});
});
