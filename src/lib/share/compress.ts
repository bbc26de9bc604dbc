/**
 * Raw DEFLATE (fflate) for share links, with a hard cap on what decompression may produce: a
 * link is untrusted input, and a few kilobytes of crafted DEFLATE can expand a thousandfold. The
 * input is fed in small chunks so inflation stops soon after the cap instead of allocating the
 * whole bomb first.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';

/** Text compressed with DEFLATE at the highest level (links are made once, read many times). */
export function deflateText(text: string): Uint8Array {
	return deflateSync(strToU8(text), { level: 9 });
}

/** Compressed bytes fed to the inflater at a time: bounds the overshoot past the cap (~1,032×). */
const CHUNK = 256;

/** The outcome of a capped inflation: the text, or why there is none. */
export type InflateResult =
	{ ok: true; text: string } | { ok: false; reason: 'too-large' | 'damaged' };

/** Inflate raw DEFLATE bytes to UTF-8 text, refusing output beyond `maxBytes`. */
export function inflateText(data: Uint8Array, maxBytes: number): InflateResult {
	const parts: Uint8Array[] = [];
	let size = 0;
	let done = false;
	const inflater = new Inflate((chunk, final) => {
		size += chunk.length;
		if (size <= maxBytes) parts.push(chunk);
		if (final) done = true;
	});
	try {
		for (let i = 0; i < data.length && size <= maxBytes; i += CHUNK) {
			inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
		}
	} catch {
		return { ok: false, reason: 'damaged' };
	}
	if (size > maxBytes) return { ok: false, reason: 'too-large' };
	// Empty input or a stream without its final block: cut off.
	if (!done || data.length === 0) return { ok: false, reason: 'damaged' };
	const out = new Uint8Array(size);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return { ok: true, text: strFromU8(out) };
}
