import { describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { modelUrl, readModelRecord } from './models';
import type { ModelRecord } from './schema';

const record: ModelRecord = {
	id: 'm1',
	kind: 'rl',
	name: 'Policy net',
	savedAt: 2,
	url: modelUrl('m1'),
	scenarioName: 'Two channels',
	scenario: loadPreset('two-channels'),
	settings: { episodes: 10 },
	metrics: { reward: 1.5 },
	weights: null
};

describe('saved models', () => {
	it('keeps weights in tf.io under the model’s id', () => {
		expect(modelUrl('m1')).toBe('indexeddb://marginal-m1');
	});

	it('reads a stored record back', () => {
		expect(readModelRecord(structuredClone(record))).toEqual(record);
		const { weights: _weights, ...withoutWeights } = record;
		expect(readModelRecord(withoutWeights)?.weights).toBeNull();
	});

	it('skips records it cannot read', () => {
		for (const broken of [
			undefined,
			[],
			{ ...record, kind: 'mmm' },
			{ ...record, url: null },
			{ ...record, scenario: 'two-channels' }
		]) {
			expect(readModelRecord(broken)).toBeNull();
		}
	});
});
