/**
 * Bytes → text, chunk by chunk, with the encoding sniffed from the first bytes.
 *
 * Spreadsheet exports come as UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode
 * text" from Excel) and, from older Windows Excel, Windows-1252. The decoder is streaming
 * (`TextDecoder` with `stream: true`), so a character split across two chunks survives.
 */

/** Encodings the importer reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A streaming decoder: feed byte chunks in order, then `flush()` once. */
export interface ByteDecoder {
	/** Decode the next chunk; returns the text decoded so far (may be empty while sniffing). */
	decode(bytes: Uint8Array): string;
	/** Decode whatever is buffered at the end of the input. */
	flush(): string;
	/** The encoding in use, once sniffed. */
	readonly encoding: TextEncodingName | undefined;
}

/**
 * Bytes looked at before the encoding is decided: BOMs are at most 3 bytes, but telling UTF-8
 * from Windows-1252 needs a few lines (the header is often plain ASCII).
 */
const SNIFF_BYTES = 4096;

/**
 * Guess the encoding from the first bytes: a BOM wins; otherwise NUL bytes at every other
 * position mean UTF-16 without a BOM; otherwise UTF-8 unless the bytes are not valid UTF-8,
 * in which case Windows-1252 (what Excel on Windows writes for "CSV").
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	const pairs = Math.floor(Math.min(head.length, 64) / 2);
	if (pairs >= 2) {
		let evenZero = 0;
		let oddZero = 0;
		for (let i = 0; i < pairs; i++) {
			if (head[2 * i] === 0) evenZero++;
			if (head[2 * i + 1] === 0) oddZero++;
		}
		// ASCII text in UTF-16: one byte of each pair is zero.
		if (oddZero >= pairs * 0.75 && evenZero === 0) return 'utf-16le';
		if (evenZero >= pairs * 0.75 && oddZero === 0) return 'utf-16be';
	}
	return validUtf8Prefix(head) ? 'utf-8' : 'windows-1252';
}

/** Whether the bytes are valid UTF-8, allowing a multi-byte sequence cut off at the end. */
function validUtf8Prefix(bytes: Uint8Array): boolean {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		const len =
			b < 0x80
				? 1
				: b >= 0xc2 && b < 0xe0
					? 2
					: b >= 0xe0 && b < 0xf0
						? 3
						: b >= 0xf0 && b < 0xf5
							? 4
							: 0;
		if (len === 0) return false;
		for (let k = 1; k < len; k++) {
			if (i + k >= bytes.length) return true;
			if ((bytes[i + k] & 0xc0) !== 0x80) return false;
		}
		i += len;
	}
	return true;
}

/** A streaming decoder that sniffs the encoding from the first chunk(s). */
export function createByteDecoder(): ByteDecoder {
	// Typed structurally: the engine compiles without the DOM library.
	let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
	let encoding: TextEncodingName | undefined;
	let pending: Uint8Array | undefined;

	const start = (head: Uint8Array): void => {
		encoding = sniffEncoding(head.subarray(0, SNIFF_BYTES));
		// ignoreBOM: false → the decoder swallows a leading BOM; fatal: false → bad bytes become
		// U+FFFD and fail later as a specific cell error instead of throwing here.
		decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
	};

	return {
		get encoding() {
			return encoding;
		},
		decode(bytes) {
			if (!decoder) {
				const head = pending ? concat(pending, bytes) : bytes;
				if (head.length < SNIFF_BYTES) {
					pending = head.slice();
					return '';
				}
				pending = undefined;
				start(head);
				return decoder!.decode(head, { stream: true });
			}
			return decoder.decode(bytes, { stream: true });
		},
		flush() {
			if (!decoder) {
				const head = pending ?? new Uint8Array(0);
				pending = undefined;
				start(head);
				return decoder!.decode(head);
			}
			return decoder.decode();
		}
	};
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}
