import { describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { canonicalText, fingerprintText, resultFingerprint } from './fingerprint';
import { parsePilotConfig } from './pilot-config';
import { runSeed, summarizePilot } from './pilot';

describe('canonicalText', () => {
	it('sorts keys, lists typed arrays and spells out non-finite numbers', () => {
		expect(canonicalText({ b: 1, a: new Float64Array([0.5, NaN]), c: undefined })).toBe(
			'{"a":[0.5,"NaN"],"b":1}'
		);
		expect(canonicalText({ x: [1, 'two', null, Infinity] })).toBe(
			'{"x":[1,"two",null,"Infinity"]}'
		);
	});
});

describe('fingerprintText', () => {
	it('is 16 hex digits and changes with any character', () => {
		const a = fingerprintText('{"a":1}');
		expect(a).toMatch(/^[0-9a-f]{16}$/);
		expect(fingerprintText('{"a":2}')).not.toBe(a);
		expect(fingerprintText('{"a":1}')).toBe(a);
	});
});

describe('resultFingerprint', () => {
	it('is the same for the same pilot and differs for another seed', () => {
		const scenario = loadPreset('two-channels');
		const parsed = parsePilotConfig(
			{ policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }], seeds: 1, days: 20 },
			scenario
		);
		if (!parsed.ok) throw new Error('config');
		const config = parsed.value;
		const once = (seed: number) => {
			const result = runSeed(scenario, config, seed);
			if (!result) throw new Error('the seed did not finish');
			return resultFingerprint(summarizePilot(scenario, config, [result]));
		};
		expect(once(3)).toBe(once(3));
		expect(once(4)).not.toBe(once(3));
	});
});
