/**
 * JSON for pilot results and shard files that round-trips exactly. Plain `JSON.stringify` loses
 * three things a pilot holds: typed arrays (decision logs) become `{"0": …}` objects, NaN and
 * ±Infinity (no estimate, one-seed intervals, "no limit" guardrails) become null, and −0
 * becomes 0. Here typed arrays are written as plain arrays and revived by shape (decision logs
 * are the only typed arrays in results), and the special numbers are written as the strings
 * "NaN", "Infinity", "-Infinity" and "-0" that most tools read. A text value that happens to
 * spell one of those (a channel named "NaN") is escaped with a leading "~" (and "~NaN" with
 * "~~", and so on), so every string survives too.
 */
import type { DecisionLog } from './decision-log';

const SPECIAL = /^(~*)(NaN|Infinity|-Infinity|-0)$/;
const SPECIAL_NUMBERS: Record<string, number> = {
	NaN: NaN,
	Infinity: Infinity,
	'-Infinity': -Infinity,
	'-0': -0
};

/** The typed arrays of a decision log and their types, to revive them by name. */
const LOG_ARRAYS = {
	day: Int32Array,
	previousSpend: Float64Array,
	newSpend: Float64Array,
	askedSpend: Float64Array,
	marginalReturn: Float64Array,
	uncertainty: Float64Array,
	reasons: Uint16Array
} as const;

function encode(this: unknown, _key: string, value: unknown): unknown {
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return 'NaN';
		if (value === Infinity) return 'Infinity';
		if (value === -Infinity) return '-Infinity';
		if (Object.is(value, -0)) return '-0';
		return value;
	}
	if (typeof value === 'string') return SPECIAL.test(value) ? `~${value}` : value;
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		return Array.from(value as unknown as ArrayLike<number>);
	}
	return value;
}

/** Whether a parsed object has the shape of a decision log written by `toResultsJson`. */
function isDecisionLog(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const record = value as Record<string, unknown>;
	return (
		typeof record.C === 'number' &&
		typeof record.length === 'number' &&
		Array.isArray(record.clips) &&
		Object.keys(LOG_ARRAYS).every((key) => Array.isArray(record[key]))
	);
}

function decode(this: unknown, _key: string, value: unknown): unknown {
	if (typeof value === 'string') {
		const match = SPECIAL.exec(value);
		if (!match) return value;
		return match[1] ? value.slice(1) : SPECIAL_NUMBERS[match[2]];
	}
	if (isDecisionLog(value)) {
		const log = { ...value };
		for (const [key, Type] of Object.entries(LOG_ARRAYS)) {
			log[key] = Type.from(value[key] as number[]);
		}
		return log as unknown as DecisionLog;
	}
	return value;
}

/** Serialize results (a PilotResult, SeedResults, a shard file) as JSON that `fromResultsJson` restores exactly. */
export function toResultsJson(value: unknown, space?: number): string {
	return JSON.stringify(value, encode, space);
}

/** Parse JSON written by `toResultsJson` (throws SyntaxError on text that is not JSON). */
export function fromResultsJson(text: string): unknown {
	return JSON.parse(text, decode);
}
