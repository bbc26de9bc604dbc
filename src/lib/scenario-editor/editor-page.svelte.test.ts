import { describe, expect, it } from 'vitest';
import { presets } from '$lib/sim/presets';
import { toDraft } from './draft';
import { EditorPage, exportFileName } from './editor-page.svelte';
import { memoryStore, type ScenarioStore } from './store';

/** sessionStorage in memory. */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
}

function setup(store: ScenarioStore = memoryStore(), storage = memoryStorage()) {
	const page = new EditorPage({ store, storage, previewDelayMs: 0 });
	return { page, store, storage };
}

describe('EditorPage', () => {
	it('opens on the default preset', async () => {
		const { page } = setup();
		await page.start();
		expect(page.editor.draft.name).toBe(presets['dtc-default'].name);
		expect(page.editor.origin).toEqual({ kind: 'preset', name: 'dtc-default' });
		expect(page.library.saved).toEqual([]);
	});

	it('brings back the working draft, unsaved changes and all, after a reload', async () => {
		const { page, store, storage } = setup();
		page.editor.set('channels[0].hill.slope', 'abc');
		page.keep();
		const reloaded = setup(store, storage).page;
		await reloaded.start();
		expect(reloaded.editor.value('channels[0].hill.slope')).toBe('abc');
		expect(reloaded.editor.dirty).toBe(true);
		expect(reloaded.editor.errorsAt('channels[0].hill.slope')[0].message).toBe('must be a number');
	});

	it('saves, finds the scenario after a reload, duplicates and deletes it', async () => {
		const { page, store, storage } = setup();
		page.editor.set('name', 'Spring plan');
		expect(await page.library.save()).toBe(true);
		page.keep();
		const reloaded = setup(store, storage).page;
		await reloaded.start();
		expect(reloaded.library.saved.map((s) => s.name)).toEqual(['Spring plan']);
		expect(reloaded.editor.dirty).toBe(false);

		expect(await reloaded.library.duplicate()).toBe(true);
		expect(reloaded.library.saved.map((s) => s.name).sort()).toEqual([
			'Spring plan',
			'Spring plan (copy)'
		]);
		const copyId = reloaded.editor.savedId;
		expect(copyId).not.toBe(page.editor.savedId);
		expect(await reloaded.library.remove()).toBe(true);
		expect(reloaded.library.saved.map((s) => s.name)).toEqual(['Spring plan']);
	});

	it('opens a saved scenario asked for by id', async () => {
		const store = memoryStore();
		const saved = await store.saveScenario({
			preset: null,
			scenario: (await import('$lib/sim/presets')).loadPreset('two-channels')
		});
		if (!saved.ok) throw new Error('not saved');
		const { page } = setup(store);
		await page.start({ savedId: saved.value.id });
		expect(page.editor.savedId).toBe(saved.value.id);
		expect(page.editor.draft.channels).toHaveLength(2);
	});

	it('refuses a bad file by field path and changes nothing stored', async () => {
		const { page, store } = setup();
		await page.library.save();
		const draftBefore = page.editor.exportJson();
		const bad = toDraft(presets['dtc-default']);
		bad.segments[1].margin = 2;
		expect(page.importFile(JSON.stringify(bad), 'bad.json')).toBe(false);
		expect(page.importProblem?.errors[0].path).toBe('segments[1].margin');
		expect(page.library.notice).toBeNull();
		expect(page.editor.exportJson()).toBe(draftBefore);
		const listed = await store.listScenarios();
		expect(listed.ok && listed.value.length).toBe(1);

		page.openImportAnyway();
		expect(page.editor.value('segments[1].margin')).toBe(2);
		expect(page.editor.dirty).toBe(true);
	});

	it('exports a file that imports back as the same scenario', () => {
		const { page } = setup();
		page.editor.set('dailyBudget', 4321);
		const file = page.exportFile();
		expect(file.fileName).toBe('dtc-brand-default.scenario.json');
		const other = setup().page;
		expect(other.importFile(file.text, file.fileName)).toBe(true);
		expect(other.editor.exportJson()).toBe(file.text);
	});

	it('saves before handing the scenario to the lab, and not when invalid', async () => {
		const { page } = setup();
		const id = await page.saveForLab();
		expect(id).toBe(page.editor.savedId);
		expect(await page.saveForLab()).toBe(id);
		page.editor.set('dailyBudget', -5);
		expect(await page.saveForLab()).toBeNull();
		expect(page.library.notice?.tone).toBe('error');
	});

	it('names export files after the scenario', () => {
		expect(exportFileName('Holiday sale (v2)')).toBe('holiday-sale-v2.scenario.json');
		expect(exportFileName('')).toBe('scenario.scenario.json');
	});
});
