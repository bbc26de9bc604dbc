/**
 * Results JSON round-trips exactly: decision logs' typed arrays, NaN, ±Infinity and −0 come back
 * as they were, text that spells a special number stays text, and the file is standard JSON.
 */
import { describe, expect, it } from 'vitest';
import { fromResultsJson, toResultsJson } from '../../src/lib/experiment/results-json';
import { summarizePilot } from '../../src/lib/experiment/pilot';
import { tinyPilot, tinySeedResults } from './cli-fixtures';

const seedResults = tinySeedResults();
const { scenario, config } = tinyPilot();

describe('results JSON', () => {
	it('restores per-seed results with their decision logs exactly', () => {
		const text = toResultsJson(seedResults);
		const back = fromResultsJson(text) as typeof seedResults;
		expect(back).toStrictEqual(seedResults);
		const log = back[0].logs['thompson'];
		expect(log.day).toBeInstanceOf(Int32Array);
		expect(log.marginalReturn).toBeInstanceOf(Float64Array);
		expect(log.reasons).toBeInstanceOf(Uint16Array);
		expect(log.length).toBeGreaterThan(0);
	});

	it('restores a whole pilot result, and writes it again byte for byte', () => {
		const result = summarizePilot(scenario, config, seedResults);
		const text = toResultsJson(result);
		const back = fromResultsJson(text);
		expect(back).toStrictEqual(result);
		expect(toResultsJson(back)).toBe(text);
	});

	it('writes typed arrays as plain arrays and special numbers as strings, in standard JSON', () => {
		const value = {
			log: { C: 1, length: 1, day: new Int32Array([3]), previousSpend: new Float64Array([NaN]) },
			numbers: [NaN, Infinity, -Infinity, -0, 0, 1.5]
		};
		const plain = JSON.parse(toResultsJson(value));
		expect(plain).toEqual({
			log: { C: 1, length: 1, day: [3], previousSpend: ['NaN'] },
			numbers: ['NaN', 'Infinity', '-Infinity', '-0', 0, 1.5]
		});
		const back = fromResultsJson(toResultsJson(value)) as typeof value;
		expect(back.numbers).toStrictEqual([NaN, Infinity, -Infinity, -0, 0, 1.5]);
		expect(Object.is(back.numbers[3], -0)).toBe(true);
	});

	it('keeps text that spells a special number as text', () => {
		const value = { names: ['NaN', '~Infinity', '~~-0', '-Infinity', 'Infinity!', '~'] };
		const text = toResultsJson(value);
		expect(JSON.parse(text).names).toEqual([
			'~NaN',
			'~~Infinity',
			'~~~-0',
			'~-Infinity',
			'Infinity!',
			'~'
		]);
		expect(fromResultsJson(text)).toStrictEqual(value);
	});
});
