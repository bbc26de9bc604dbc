/**
 * Plain JSON values and the checks an untrusted one must pass before anything recursive touches
 * it: bounded depth and size (a link may carry `[[[[…]]]]` a hundred thousand deep), and keys
 * that cannot reach an object's prototype.
 */

/** A value JSON can carry. */
export type JsonValue =
	null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A plain JSON object (not an array, not null). */
export type JsonObject = { [key: string]: JsonValue };

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that would reach or replace an object's prototype when assigned. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
	'__proto__',
	'constructor',
	'prototype'
]);

/** Limits on an untrusted JSON value. */
export interface ShapeLimits {
	/** Deepest nesting of arrays and objects allowed (the top level is depth 1). */
	maxDepth: number;
	/** Most values (objects, arrays, leaves) allowed in total. */
	maxNodes: number;
}

/**
 * Null when `value` fits the limits, else what is wrong. Walks with an explicit stack, so a
 * hostile depth cannot overflow the call stack here.
 */
export function checkJsonShape(value: unknown, limits: ShapeLimits): string | null {
	const stack: [unknown, number][] = [[value, 1]];
	let nodes = 0;
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (++nodes > limits.maxNodes) return `has more than ${limits.maxNodes} values`;
		if (typeof item !== 'object' || item === null) continue;
		if (depth > limits.maxDepth) return `is nested deeper than ${limits.maxDepth} levels`;
		if (Array.isArray(item)) {
			for (const child of item) stack.push([child, depth + 1]);
		} else {
			for (const [key, child] of Object.entries(item)) {
				if (FORBIDDEN_KEYS.has(key)) return `uses the reserved field name "${key}"`;
				stack.push([child, depth + 1]);
			}
		}
	}
	return null;
}

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, found by one scan of the
 * text before parsing: a hostile `[[[[…` fails here in microseconds instead of being built.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (inString) {
			if (ch === 92 /* \\ */) i++;
			else if (ch === 34 /* " */) inString = false;
		} else if (ch === 34) inString = true;
		else if (ch === 91 /* [ */ || ch === 123 /* { */) {
			if (++depth > maxDepth) return true;
		} else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
	}
	return false;
}

/**
 * The JSON form of a value, as a link or file would carry it: Infinity and NaN become null (the
 * guardrail schema reads null as "no limit"), undefined fields disappear.
 */
export function toJsonValue(value: unknown): JsonValue {
	return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * JSON text with every object's keys sorted: the same value always gives the same text, whatever
 * order its fields were built in (used for fingerprints).
 */
export function canonicalJson(value: JsonValue): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isJsonObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** Whether two JSON values are equal (objects compared by their fields, in any order). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
	}
	if (isJsonObject(a) && isJsonObject(b)) {
		const keys = Object.keys(a);
		return (
			keys.length === Object.keys(b).length &&
			keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
		);
	}
	return false;
}
