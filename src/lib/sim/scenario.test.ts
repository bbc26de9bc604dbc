import { describe, expect, it } from 'vitest';
import { presetNames, presets } from './presets';
import {
	formatFieldError,
	parseScenario,
	parseScenarioJson,
	splitPath,
	type ScenarioInput
} from './scenario';

const base = (): ScenarioInput => JSON.parse(JSON.stringify(presets['dtc-default']));
const errorsOf = (input: unknown) => {
	const result = parseScenario(input);
	if (result.ok) throw new Error('expected the scenario to be rejected');
	return result.errors.map(formatFieldError);
};

describe('scenario format v1: valid scenarios', () => {
	it('accepts every built-in preset and fills defaults', () => {
		for (const name of presetNames()) {
			const result = parseScenario(presets[name]);
			expect(result.ok, name).toBe(true);
		}
		const result = parseScenario(presets['two-channels']);
		if (!result.ok) throw new Error();
		expect(result.value.slotsPerDay).toBe(1);
		expect(result.value.channels[0].creatives[0].quality).toBe(1);
		expect(result.value.regimeShifts).toEqual([]);
	});
});

describe('scenario format v1: invalid scenarios name the offending field', () => {
	it('names a bad nested number by its path', () => {
		const s = base();
		s.channels[2].hill.slope = -1;
		expect(errorsOf(s)).toContain('channels[2].hill.slope: must be between 0.1 and 5');
		s.channels[2].hill.slope = 1;
		s.channels[2].hill.halfSaturation = 0;
		expect(errorsOf(s)).toContain('channels[2].hill.halfSaturation: must be > 0');
	});

	it('rejects wrong types, non-finite numbers and missing fields', () => {
		const s = base() as unknown as { dailyBudget: unknown; segments: { population: unknown }[] };
		s.dailyBudget = 'lots';
		expect(errorsOf(s)).toContain('dailyBudget: must be a number');
		s.dailyBudget = Infinity;
		expect(errorsOf(s)).toContain('dailyBudget: must be a finite number');
		s.dailyBudget = 100;
		delete s.segments[1].population;
		expect(errorsOf(s)).toContain('segments[1].population: is missing');
	});

	it('refuses unknown and missing versions with a message', () => {
		expect(errorsOf({ ...base(), version: 2 })[0]).toMatch(
			/^version: 2 is not supported.*reads scenario version 1/
		);
		const s = base() as Partial<ScenarioInput>;
		delete s.version;
		expect(errorsOf(s)[0]).toMatch(/^version: is missing/);
	});

	it('flags misspelt fields instead of ignoring them', () => {
		const s = base() as unknown as Record<string, unknown>;
		s.dailyBudjet = 5;
		expect(errorsOf(s)).toContain('dailyBudjet: is not a field of this format (misspelt?)');
	});

	it('checks cross-field rules: reach per segment, unique ids, active creatives', () => {
		const s = base();
		s.channels[0].reach = [0.5];
		s.channels[1].id = s.channels[0].id;
		s.channels[3].creatives.forEach((c) => (c.active = false));
		const errors = errorsOf(s);
		expect(errors).toContain('channels[0].reach: must have one share per segment (3), has 1');
		expect(errors).toContain('channels[1].id: "brand-search" is already used by channels[0]');
		expect(errors).toContain('channels[3].creatives: needs at least one active creative');
	});

	it('validates regime shifts: path, target type and the new value', () => {
		const s = base();
		s.regimeShifts = [
			{ day: 10, path: 'channels[display].auction.medianCpm', value: 6 },
			{ day: 20, path: 'channels[nope].ctr', value: 0.1 },
			{ day: 30, path: 'channels[0].name', value: 1 },
			{ day: 40, path: 'channels[0].hill.slope', value: -2 },
			{ day: 400, path: 'dailyBudget', value: 100 }
		];
		const errors = errorsOf(s);
		expect(errors.some((e) => e.startsWith('regimeShifts[0]'))).toBe(false);
		expect(errors).toContain(
			'regimeShifts[1].path: "channels[nope].ctr" does not name a field of this scenario'
		);
		expect(errors).toContain('regimeShifts[2].path: "channels[0].name" is not a number field');
		expect(errors.find((e) => e.startsWith('regimeShifts[3].path'))).toMatch(
			/new value -2 is invalid: channels\[0\]\.hill\.slope/
		);
		expect(errors).toContain('regimeShifts[4].day: must be within the horizon (< 365)');
	});

	it('reports JSON syntax errors with line and column', () => {
		const result = parseScenarioJson('{\n  "version": 1,\n  "name": oops\n}');
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors[0].message).toBe(
				'Not valid JSON: expected a value but found "o" at line 3, column 11'
			);
		const notObject = parseScenarioJson('[1, 2]');
		expect(notObject.ok).toBe(false);
	});

	it('splits field paths and refuses malformed ones', () => {
		expect(splitPath('channels[2].hill.slope')).toEqual(['channels', 2, 'hill', 'slope']);
		expect(splitPath('channels[social].ctr')).toEqual(['channels', 'social', 'ctr']);
		expect(splitPath('channels..ctr')).toBeNull();
		expect(splitPath('channels[0]ctr')).toBeNull();
		expect(splitPath('')).toBeNull();
	});
});
