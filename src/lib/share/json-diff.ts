/**
 * A small JSON patch: the changes that turn one JSON value into another, as a list of
 * operations `[path, value]` (set) or `[path]` (remove a field). Share links carry the diff of a
 * scenario against the preset it started from, so a link to a preset with a few edits stays
 * short. Arrays of equal length are compared item by item; an array whose length changed is
 * replaced whole (adding a channel rewrites the channel list, which compresses well anyway).
 */
import { FORBIDDEN_KEYS, isJsonObject, jsonEqual, type JsonValue } from './json-value';

/** A key of an object field or an index into an array. */
export type PathKey = string | number;

/** Set the value at a path, or (without a value) remove the object field at the path. */
export type PatchOp = [path: PathKey[], value: JsonValue] | [path: PathKey[]];

/** The operations that turn `base` into `target` (empty when they are equal). */
export function diffJson(base: JsonValue, target: JsonValue): PatchOp[] {
	const ops: PatchOp[] = [];
	const walk = (a: JsonValue, b: JsonValue, path: PathKey[]) => {
		if (jsonEqual(a, b)) return;
		if (isJsonObject(a) && isJsonObject(b) && path.length < MAX_PATH) {
			for (const key of Object.keys(b)) {
				if (Object.hasOwn(a, key)) walk(a[key], b[key], [...path, key]);
				else ops.push([[...path, key], b[key]]);
			}
			for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) ops.push([[...path, key]]);
			return;
		}
		if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && path.length < MAX_PATH) {
			a.forEach((item, i) => walk(item, b[i], [...path, i]));
			return;
		}
		ops.push([path, b]);
	};
	walk(base, target, []);
	return ops;
}

/** Longest path an operation may have (scenarios nest about five deep). */
export const MAX_PATH = 16;

/** The patched value, or what was wrong with the patch (it may come from an untrusted link). */
export type PatchResult = { ok: true; value: JsonValue } | { ok: false; message: string };

/**
 * Apply `ops` to a copy of `base`. Every operation is checked: the path must lead through
 * existing objects and arrays, array indices must exist, and no key may reach a prototype.
 */
export function applyJsonPatch(base: JsonValue, ops: unknown): PatchResult {
	if (!Array.isArray(ops)) return { ok: false, message: 'the changes are not a list' };
	let root = structuredClone(base);
	for (let i = 0; i < ops.length; i++) {
		const op: unknown = ops[i];
		const fail = (why: string): PatchResult => ({ ok: false, message: `change ${i + 1} ${why}` });
		if (!Array.isArray(op) || op.length < 1 || op.length > 2) return fail('is not [path, value]');
		const [path, value] = op as [unknown, JsonValue | undefined];
		if (!Array.isArray(path) || path.length > MAX_PATH) return fail('has no valid path');
		if (path.length === 0) {
			if (op.length === 1) return fail('removes the whole value');
			root = structuredClone(value!);
			continue;
		}
		let parent: JsonValue = root;
		for (let k = 0; k < path.length; k++) {
			const key: unknown = path[k];
			const last = k === path.length - 1;
			if (Array.isArray(parent)) {
				if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= parent.length)
					return fail(`points outside a list (${String(key)})`);
				if (last) {
					if (op.length === 1) return fail('removes a list item');
					parent[key] = structuredClone(value!);
				} else parent = parent[key];
			} else if (isJsonObject(parent)) {
				if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key))
					return fail(`has an invalid field name (${String(key)})`);
				if (last) {
					if (op.length === 1) delete parent[key];
					else parent[key] = structuredClone(value!);
				} else {
					if (!Object.hasOwn(parent, key)) return fail(`goes through a missing field (${key})`);
					parent = parent[key];
				}
			} else return fail('goes through a plain value');
		}
	}
	return { ok: true, value: root };
}
