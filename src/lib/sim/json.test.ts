import { describe, expect, it } from 'vitest';
import { parseJson } from './json';

describe('parseJson', () => {
	it('parses valid JSON', () => {
		expect(parseJson('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toEqual({
			ok: true,
			value: { a: [1, 2500, true, null, 'xé'] }
		});
	});

	it('names line and column of the first error', () => {
		const cases: [string, number, number, string][] = [
			['{"a": 1,}', 1, 9, 'a quoted field name'],
			['{\n  "a": 1\n  "b": 2\n}', 3, 3, '"," or "}"'],
			['[1, 2', 1, 6, '"," or "]"'],
			['{"a": tru}', 1, 10, '"true"'],
			['{"a": 01}', 1, 8, '"," or "}"'],
			['', 1, 1, 'a value'],
			['{} x', 1, 4, 'the end of the text']
		];
		for (const [text, line, column, expected] of cases) {
			const result = parseJson(text);
			expect(result.ok, text).toBe(false);
			if (!result.ok) {
				expect([result.line, result.column], text).toEqual([line, column]);
				expect(result.message, text).toContain(`expected ${expected}`);
			}
		}
	});
});
