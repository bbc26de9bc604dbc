/**
 * A short fingerprint of a pilot's numbers, so people can check that a shared link, a saved
 * run and the CLI reproduce the same result bit for bit. The engine's arithmetic is portable
 * (see sim/portable-math), so the same scenario, config and seeds give the same fingerprint in
 * node and in any browser.
 */
import type { PilotResult } from './pilot';

/** Fingerprint of a pilot result: 16 hex digits (two independent 32-bit hash lanes). */
export function resultFingerprint(result: PilotResult): string {
	return fingerprintText(canonicalText(result));
}

/**
 * Deterministic text of a value: object keys sorted, typed arrays as lists, numbers in the
 * shortest round-trip form (which the language fixes), non-finite numbers spelled out.
 */
export function canonicalText(value: unknown): string {
	const parts: string[] = [];
	write(value, parts);
	return parts.join('');
}

function write(value: unknown, out: string[]): void {
	if (typeof value === 'number') {
		out.push(Number.isFinite(value) ? String(value) : `"${String(value)}"`);
	} else if (typeof value === 'string') {
		out.push(JSON.stringify(value));
	} else if (typeof value === 'boolean') {
		out.push(value ? 'true' : 'false');
	} else if (value === null || value === undefined) {
		out.push('null');
	} else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		writeList(Array.from(value as unknown as ArrayLike<number>), out);
	} else if (Array.isArray(value)) {
		writeList(value, out);
	} else if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort();
		out.push('{');
		keys.forEach((key, i) => {
			if (i > 0) out.push(',');
			out.push(JSON.stringify(key), ':');
			write(record[key], out);
		});
		out.push('}');
	} else {
		out.push('null');
	}
}

function writeList(values: readonly unknown[], out: string[]): void {
	out.push('[');
	values.forEach((item, i) => {
		if (i > 0) out.push(',');
		write(item, out);
	});
	out.push(']');
}

/** Two 32-bit multiplicative hash lanes over UTF-16 code units (cyrb53-style mixing). */
export function fingerprintText(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return hex(h1) + hex(h2);
}

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
