import { describe, expect, it } from 'vitest';
import { presets } from '$lib/sim/presets';
import { toDraft } from './draft';
import { ScenarioEditor } from './editor.svelte';

/** An editor on dtc-default with a clock the test moves. */
function setup() {
	let now = 0;
	const editor = new ScenarioEditor(
		toDraft(presets['dtc-default']),
		{ origin: { kind: 'preset', name: 'dtc-default' }, preset: 'dtc-default' },
		() => now
	);
	return { editor, tick: (ms: number) => (now += ms) };
}

describe('ScenarioEditor', () => {
	it('starts valid and without unsaved changes', () => {
		const { editor } = setup();
		expect(editor.errors).toEqual([]);
		expect(editor.scenario?.channels).toHaveLength(6);
		expect(editor.dirty).toBe(false);
	});

	it('keeps an invalid value in the draft and shows its message at the field', () => {
		const { editor } = setup();
		editor.set('channels[0].hill.slope', 0);
		expect(editor.scenario).toBeNull();
		expect(editor.value('channels[0].hill.slope')).toBe(0);
		expect(editor.errorsAt('channels[0].hill.slope')).toEqual([
			{ path: 'channels[0].hill.slope', message: 'must be between 0.1 and 5' }
		]);
		expect(editor.errorCounts).toEqual({ channels: 1 });
		expect(editor.dirty).toBe(true);
	});

	it('undoes a run of keystrokes in one field as one step', () => {
		const { editor, tick } = setup();
		const before = editor.value('dailyBudget');
		editor.set('dailyBudget', 1);
		tick(200);
		editor.set('dailyBudget', 12);
		tick(200);
		editor.set('dailyBudget', 120);
		expect(editor.undoDepth).toBe(1);
		tick(5000);
		editor.set('dailyBudget', 1200);
		expect(editor.undoDepth).toBe(2);
		editor.undo();
		expect(editor.value('dailyBudget')).toBe(120);
		editor.undo();
		expect(editor.value('dailyBudget')).toBe(before);
		expect(editor.dirty).toBe(false);
	});

	it('imports a valid file exactly and refuses a broken one without touching the draft', () => {
		const { editor } = setup();
		const file = toDraft(presets['two-channels']);
		expect(editor.importJson(JSON.stringify(file), 'two.json').ok).toBe(true);
		expect(JSON.parse(editor.exportJson())).toEqual(file);
		const before = editor.exportJson();

		const broken = {
			...file,
			channels: [{ ...file.channels[0], hill: { halfSaturation: 1, slope: -1 } }]
		};
		const result = editor.importJson(JSON.stringify(broken), 'broken.json');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[0].path).toBe('channels[0].hill.slope');
			expect(result.editable).not.toBeNull();
		}
		const syntax = editor.importJson('{"version": 1,', 'cut.json');
		expect(syntax.ok).toBe(false);
		if (!syntax.ok) expect(syntax.errors[0].message).toMatch(/^Not valid JSON/);
		expect(editor.exportJson()).toBe(before);
	});

	it('marks the draft saved and tells later changes apart', () => {
		const { editor } = setup();
		editor.set('name', 'Mine');
		editor.markSaved('abc');
		expect(editor.savedId).toBe('abc');
		expect(editor.dirty).toBe(false);
		editor.change('add a channel', (d) => d.channels.push({ ...d.channels[0], id: 'x' }));
		expect(editor.dirty).toBe(true);
	});
});
