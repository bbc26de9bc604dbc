import { describe, expect, it } from 'vitest';
import {
	canonicalJson,
	checkJsonShape,
	jsonEqual,
	nestsDeeperThan,
	toJsonValue
} from './json-value';

describe('JSON value checks', () => {
	it('measures nesting in text, ignoring brackets inside strings', () => {
		expect(nestsDeeperThan('[[1]]', 2)).toBe(false);
		expect(nestsDeeperThan('[[[1]]]', 2)).toBe(true);
		expect(nestsDeeperThan('{"a":{"b":1}}', 2)).toBe(false);
		expect(nestsDeeperThan('["[[[[", "\\"[[[["]', 1)).toBe(false);
	});

	it('bounds depth and size, and refuses prototype keys', () => {
		const limits = { maxDepth: 3, maxNodes: 10 };
		expect(checkJsonShape({ a: [1, { b: 2 }] }, limits)).toBeNull();
		expect(checkJsonShape({ a: [[{ b: 2 }]] }, limits)).toMatch(/deeper than 3/);
		expect(checkJsonShape(Array(20).fill(0), limits)).toMatch(/more than 10 values/);
		expect(checkJsonShape(JSON.parse('{"__proto__":{"x":1}}'), limits)).toMatch(/__proto__/);
	});

	it('writes the same canonical text whatever the field order', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
		expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
		expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
	});

	it('turns Infinity into null and drops undefined fields, as links and files do', () => {
		expect(toJsonValue({ max: Infinity, min: 0, gone: undefined })).toEqual({ max: null, min: 0 });
	});
});
