import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url } from './base64url';

describe('base64url', () => {
	it('matches node’s encoder and reads back every byte string', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
				const text = bytesToBase64url(bytes);
				expect(text).toBe(Buffer.from(bytes).toString('base64url'));
				expect(base64urlToBytes(text)).toEqual(bytes);
			}),
			{ numRuns: 300 }
		);
	});

	it.each([
		['a character outside the alphabet', 'ab+d'],
		['padding', 'YQ=='],
		['a length no byte count gives', 'abcde'],
		['non-zero padding bits', 'YR'],
		['a non-ASCII character', 'abé']
	])('refuses %s', (_, text) => {
		expect(base64urlToBytes(text)).toBeNull();
	});
});
