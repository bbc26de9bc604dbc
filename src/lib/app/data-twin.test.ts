import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/dataset';
import type { MmmFit, TwinResult } from '$lib/data/mmm';
import { loadPreset } from '$lib/sim/presets';
import type { ScenarioRecord, ScenarioToSave, Stored } from '$lib/storage';
import { DataTwin, labQuery } from './data-twin.svelte';

const dataset = { name: 'sales.csv' } as Dataset;
const fit = {} as MmmFit;
const twin: TwinResult = { scenario: loadPreset('two-channels'), assumed: ['segments[0].margin'] };

describe('DataTwin', () => {
	it('builds the twin, saves it as a scenario and keeps its id for the Lab link', async () => {
		const saved: ScenarioToSave[] = [];
		const state = new DataTwin({
			twinScenario: async () => twin,
			saveScenario: async (input): Promise<Stored<ScenarioRecord>> => {
				saved.push(input);
				return {
					ok: true,
					value: {
						id: 'abc 1',
						name: input.name!,
						savedAt: 0,
						preset: null,
						scenario: input.scenario
					}
				};
			}
		});
		await state.create(fit, dataset);
		expect(saved).toEqual([{ name: 'Twin of sales.csv', preset: null, scenario: twin.scenario }]);
		expect(state.savedId).toBe('abc 1');
		expect(state.twin?.assumed).toEqual(['segments[0].margin']);
		expect(labQuery(state.savedId!)).toBe('?scenario=abc%201');
	});

	it('shows why the twin could not be built or saved', async () => {
		const broken = new DataTwin({
			twinScenario: async () => {
				throw new Error('no channels');
			},
			saveScenario: async () => {
				throw new Error('unreachable');
			}
		});
		await broken.create(fit, dataset);
		expect(broken.twin).toBeNull();
		expect(broken.error).toBe('The twin could not be built: no channels');

		const full = new DataTwin({
			twinScenario: async () => twin,
			saveScenario: async () => ({
				ok: false,
				error: { kind: 'quota', message: 'Storage is full.' }
			})
		});
		await full.create(fit, dataset);
		expect(full.savedId).toBeNull();
		expect(full.error).toBe('Storage is full.');
		expect(full.busy).toBe(false);
	});

	it('drops a twin cancelled by a reset, without an error or a save', async () => {
		let seen: AbortSignal | undefined;
		let saves = 0;
		const state = new DataTwin({
			twinScenario: (_f, _d, signal) =>
				new Promise<TwinResult>((_resolve, reject) => {
					seen = signal;
					signal?.addEventListener('abort', () => reject(new DOMException('gone', 'AbortError')));
				}),
			saveScenario: async () => {
				saves++;
				throw new Error('unreachable');
			}
		});
		const run = state.create(fit, dataset);
		expect(state.busy).toBe(true);
		state.reset();
		await run;
		expect(seen?.aborted).toBe(true);
		expect([state.twin, state.error, state.savedId, state.busy, saves]).toEqual([
			null,
			null,
			null,
			false,
			0
		]);
	});
});
