import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, diffJson } from './json-diff';
import { checkJsonShape, type JsonValue } from './json-value';

/** JSON values without keys that the patcher refuses on purpose. */
const safeJson = fc
	.jsonValue({ maxDepth: 4 })
	.filter((value) => checkJsonShape(value, { maxDepth: 10, maxNodes: 1e5 }) === null)
	.map((value) => JSON.parse(JSON.stringify(value)) as JsonValue);

describe('diffJson and applyJsonPatch', () => {
	it('applying the diff of two values gives the second, for any pair', () => {
		fc.assert(
			fc.property(safeJson, safeJson, (a, b) => {
				const patched = applyJsonPatch(a, JSON.parse(JSON.stringify(diffJson(a, b))));
				expect(patched).toEqual({ ok: true, value: b });
			}),
			{ numRuns: 500 }
		);
	});

	it('an equal value has an empty diff', () => {
		expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
	});

	it('changes fields in place, removes missing ones and replaces arrays whose length changed', () => {
		const base = { a: 1, b: { c: [1, 2, 3], d: 'x' }, e: [1, 2] };
		const target = { a: 1, b: { c: [1, 5, 3] }, e: [1, 2, 3], f: null };
		expect(diffJson(base, target)).toEqual([
			[['b', 'c', 1], 5],
			[['b', 'd']],
			[['e'], [1, 2, 3]],
			[['f'], null]
		]);
	});

	it('does not modify the base value', () => {
		const base = { a: { b: 1 } };
		applyJsonPatch(base, [[['a', 'b'], 2]]);
		expect(base).toEqual({ a: { b: 1 } });
	});

	it.each([
		['a patch that is not a list', { a: 1 }, /not a list/],
		['an operation that is not [path, value]', [[['a'], 1, 2]], /change 1 is not/],
		['a path through a missing field', [[['x', 'y'], 1]], /missing field \(x\)/],
		['an index outside the list', [[['list', 5], 1]], /outside a list/],
		['a string index into a list', [[['list', '0'], 1]], /outside a list/],
		['a prototype key', [[['__proto__', 'polluted'], true]], /invalid field name/],
		['a constructor key', [[['constructor'], 1]], /invalid field name/],
		['removing a list item', [[['list', 0]]], /removes a list item/],
		['a path through a number', [[['n', 'x'], 1]], /plain value/],
		['a path longer than allowed', [[Array(17).fill('a'), 1]], /no valid path/]
	])('refuses %s', (_, ops, message) => {
		const result = applyJsonPatch({ list: [1, 2], n: 3 }, ops);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
