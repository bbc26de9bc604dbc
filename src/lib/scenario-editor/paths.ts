/**
 * Field paths in a scenario draft, in the format's own notation (`channels[2].hill.slope`, as
 * `formatPath` writes and validation errors report): read, write and compare them.
 *
 * Inputs in the editor are addressed by these paths, so an error from `parseScenario` finds its
 * input by string equality, with no second naming scheme to keep in sync.
 */
import { formatPath, splitPath } from '$lib/sim/scenario';

/** One step of a path: an object key or a list index. */
export type PathKey = string | number;

/** The keys of a path; throws on a malformed one (paths here are written by the editor). */
export function keysOf(path: string): PathKey[] {
	if (path === '') return [];
	const keys = splitPath(path);
	if (!keys) throw new Error(`Not a field path: "${path}"`);
	return keys;
}

/** Join keys into a path (`['channels', 2, 'hill']` → `channels[2].hill`). */
export const pathOf = (keys: readonly PathKey[]): string => formatPath(keys);

/** Append keys to a path (`child('channels[2]', 'hill', 'slope')`). */
export function child(path: string, ...keys: PathKey[]): string {
	return pathOf([...keysOf(path), ...keys]);
}

/** The path one level up (`channels[2].hill` → `channels[2]`; the root's parent is the root). */
export function parentPath(path: string): string {
	return pathOf(keysOf(path).slice(0, -1));
}

/**
 * The path with list indexes blanked (`channels[2].hill.slope` → `channels[].hill.slope`): the
 * key under which a field's label, unit and schema live, whichever channel it belongs to.
 */
export function genericPath(path: string): string {
	return keysOf(path)
		.map((key, i) => (typeof key === 'number' ? '[]' : i === 0 ? key : `.${key}`))
		.join('');
}

/** The value at `path` (undefined when any step is missing). */
export function getAt(root: unknown, path: string): unknown {
	let node = root;
	for (const key of keysOf(path)) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<PathKey, unknown>)[key];
	}
	return node;
}

/**
 * Set the value at `path`, creating missing objects on the way; `undefined` removes the key
 * (an optional field falls back to its default). Mutates `root`.
 */
export function setAt(root: object, path: string, value: unknown): void {
	const keys = keysOf(path);
	if (keys.length === 0) throw new Error('Cannot replace the root of a draft');
	let node = root as Record<PathKey, unknown>;
	for (let i = 0; i < keys.length - 1; i++) {
		let next = node[keys[i]];
		if (typeof next !== 'object' || next === null) {
			next = typeof keys[i + 1] === 'number' ? [] : {};
			node[keys[i]] = next;
		}
		node = next as Record<PathKey, unknown>;
	}
	const last = keys[keys.length - 1];
	if (value === undefined && !Array.isArray(node)) delete node[last];
	else node[last] = value;
}

/** Whether `path` is `ancestor` or lies inside it (`channels[1].hill` is within `channels[1]`). */
export function isWithin(path: string, ancestor: string): boolean {
	if (ancestor === '') return true;
	if (path === ancestor) return true;
	return (
		path.startsWith(ancestor) && (path[ancestor.length] === '.' || path[ancestor.length] === '[')
	);
}
