/**
 * JSON parsing with errors that say where: engines differ in what `JSON.parse` reports (recent
 * V8 gives no position), so on failure a small validating scan finds the first bad character.
 */

/** The parsed value, or a message with the 1-based line and column of the problem. */
export type JsonResult =
	{ ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

export function parseJson(text: string): JsonResult {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		const { offset, expected } = locateJsonError(text);
		const before = text.slice(0, offset);
		const line = before.split('\n').length;
		const column = offset - before.lastIndexOf('\n');
		const found = offset < text.length ? `"${text[offset]}"` : 'the end of the text';
		return {
			ok: false,
			message: `expected ${expected} but found ${found} at line ${line}, column ${column}`,
			line,
			column
		};
	}
}

/** Offset of the first character where `text` stops being valid JSON, and what was expected. */
export function locateJsonError(text: string): { offset: number; expected: string } {
	let i = 0;
	const fail = (expected: string): never => {
		throw { offset: i, expected };
	};
	const space = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	const literal = (word: string) => {
		for (const ch of word) {
			if (text[i] !== ch) fail(`"${word}"`);
			i++;
		}
	};
	const string = () => {
		i++; // opening quote
		while (i < text.length && text[i] !== '"') {
			const code = text.charCodeAt(i);
			if (code < 0x20) fail('a closed string');
			if (text[i] === '\\') {
				i++;
				if (text[i] === 'u') {
					for (let j = 1; j <= 4; j++)
						if (!/[0-9a-fA-F]/.test(text[i + j] ?? '')) fail('a \\u escape');
					i += 4;
				} else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('an escape');
			}
			i++;
		}
		if (i >= text.length) fail('a closing quote');
		i++;
	};
	const number = () => {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
		if (!match) fail('a number');
		i += match![0].length;
	};
	const value = (): void => {
		space();
		const ch = text[i];
		if (ch === '{') {
			i++;
			space();
			if (text[i] === '}') return void i++;
			for (;;) {
				space();
				if (text[i] !== '"') fail('a quoted field name');
				string();
				space();
				if (text[i] !== ':') fail('":"');
				i++;
				value();
				space();
				if (text[i] === ',') i++;
				else if (text[i] === '}') return void i++;
				else fail('"," or "}"');
			}
		}
		if (ch === '[') {
			i++;
			space();
			if (text[i] === ']') return void i++;
			for (;;) {
				value();
				space();
				if (text[i] === ',') i++;
				else if (text[i] === ']') return void i++;
				else fail('"," or "]"');
			}
		}
		if (ch === '"') return string();
		if (ch === 't') return literal('true');
		if (ch === 'f') return literal('false');
		if (ch === 'n') return literal('null');
		if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
		fail('a value');
	};
	try {
		value();
		space();
		if (i < text.length) fail('the end of the text');
		return { offset: text.length, expected: 'valid JSON' };
	} catch (error) {
		if (typeof error === 'object' && error !== null && 'offset' in error) {
			return error as { offset: number; expected: string };
		}
		throw error;
	}
}
