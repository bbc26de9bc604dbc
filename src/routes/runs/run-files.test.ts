import { describe, expect, it } from 'vitest';
import { fromResultsJson } from '$lib/experiment/results-json';
import { joinRun, runRecords } from '$lib/storage/run-record';
import { smallRun } from '$lib/storage/test-run';
import { runCsv, runFileStem, runJson } from './run-files';

const { summary, data } = runRecords({ ...smallRun(), name: 'Spring test' }, 'id-1', 0);
const run = joinRun(summary, data)!;

describe('run files', () => {
	it('names files after the run', () => {
		expect(runFileStem('Spring test: Thompson vs BAU (v2)')).toBe('spring-test-thompson-vs-bau-v2');
		expect(runFileStem('Café “élan”')).toBe('cafe-elan');
		expect(runFileStem('🛒🛒')).toBe('marginal-run');
		expect(runFileStem('x'.repeat(59) + ' y').length).toBeLessThanOrEqual(60);
	});

	it('exports the run as JSON that reads back exactly, typed arrays and infinities included', () => {
		const file = fromResultsJson(runJson(run)) as Record<string, unknown>;
		expect(file).toMatchObject({
			marginalRun: 1,
			id: 'id-1',
			name: 'Spring test',
			preset: 'two-channels'
		});
		expect(file.savedAt).toBe('1970-01-01T00:00:00.000Z');
		expect(file.result).toEqual(run.result);
		expect(file.config).toEqual(run.config);
		expect(file.scenario).toEqual(run.scenario);
	});

	it('exports one CSV row per policy under a header', () => {
		const lines = runCsv(run).trim().split('\n');
		expect(lines).toHaveLength(1 + run.result.policies.length);
		expect(lines[0].split(',').slice(0, 4)).toEqual(['policy', 'name', 'baseline', 'spend']);
		expect(lines[1].startsWith('bau-fixed,')).toBe(true);
	});
});
