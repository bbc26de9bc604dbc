import { describe, expect, it } from 'vitest';
import { createByteDecoder, sniffEncoding } from './decode';

const utf16 = (text: string, endian: 'le' | 'be', bom = true): Uint8Array => {
	const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	const units = (bom ? '\uFEFF' : '') + text;
	for (let i = 0; i < units.length; i++) {
		const u = units.charCodeAt(i);
		out[2 * i + (endian === 'le' ? 0 : 1)] = u & 0xff;
		out[2 * i + (endian === 'le' ? 1 : 0)] = u >> 8;
	}
	return out;
};

/** Decode feeding the bytes in pieces of `size`. */
const decodeInPieces = (bytes: Uint8Array, size: number): string => {
	const decoder = createByteDecoder();
	let text = '';
	for (let at = 0; at < bytes.length; at += size)
		text += decoder.decode(bytes.subarray(at, at + size));
	return text + decoder.flush();
};

const sample = 'Datum;Umsatz €;Größe\n2024-01-01;1.234,5;ü\n'.repeat(200);

describe('createByteDecoder', () => {
	it('strips a UTF-8 BOM', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
		expect(decodeInPieces(bytes, 1 << 20)).toBe(sample);
	});

	it('keeps multi-byte characters split across chunks', () => {
		const bytes = new TextEncoder().encode(sample);
		for (const size of [1, 3, 7, 4_097]) expect(decodeInPieces(bytes, size)).toBe(sample);
	});

	it('decodes UTF-16 with a BOM, little- and big-endian', () => {
		expect(decodeInPieces(utf16(sample, 'le'), 5)).toBe(sample);
		expect(decodeInPieces(utf16(sample, 'be'), 5)).toBe(sample);
	});

	it('recognises UTF-16 without a BOM by its zero bytes', () => {
		expect(sniffEncoding(utf16('date,kpi\n', 'le', false))).toBe('utf-16le');
		expect(sniffEncoding(utf16('date,kpi\n', 'be', false))).toBe('utf-16be');
	});

	it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
		// "Größe" as Windows-1252: ö = 0xF6, ß = 0xDF.
		const bytes = new Uint8Array([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x0a]);
		const decoder = createByteDecoder();
		expect(decoder.decode(bytes) + decoder.flush()).toBe('Größe\n');
		expect(decoder.encoding).toBe('windows-1252');
	});

	it('decodes short input that never fills the sniffing window', () => {
		const decoder = createByteDecoder();
		expect(decoder.decode(new TextEncoder().encode('a,b\n'))).toBe('');
		expect(decoder.flush()).toBe('a,b\n');
		expect(decoder.encoding).toBe('utf-8');
	});
});
