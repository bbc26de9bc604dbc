/**
 * Ids for channels, segments and creatives, generated from their names: lowercase letters,
 * digits and hyphens, at most 40 characters (the format's id rule), unique among their
 * siblings. An id follows its name while it is still the one generated from it; once the user
 * edits it by hand, it stays.
 */

/** Longest id the format accepts. */
export const MAX_ID_LENGTH = 40;

/** `"Social — prospecting (EU)"` → `"social-prospecting-eu"`; '' when nothing usable is left. */
export function slugify(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_ID_LENGTH)
		.replace(/-+$/, '');
}

/**
 * `base` made unique among `taken` by a numeric suffix (`display`, `display-2`, …), kept within
 * the length limit. An empty base becomes `fallback`.
 */
export function uniqueId(base: string, taken: Iterable<string>, fallback = 'item'): string {
	const used = new Set(taken);
	const root = base || fallback;
	if (!used.has(root)) return root;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = root.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
		if (!used.has(candidate)) return candidate;
	}
}

/** The id generated for `name` among sibling ids `taken`. */
export function idFromName(name: string, taken: Iterable<string>, fallback = 'item'): string {
	return uniqueId(slugify(name), taken, fallback);
}

/**
 * The id an item should have after its name changes from `oldName` to `newName`: regenerated
 * when the current id is the one generated from the old name (the user has not chosen one),
 * otherwise unchanged.
 */
export function idAfterRename(
	currentId: string,
	oldName: string,
	newName: string,
	siblingIds: readonly string[],
	fallback = 'item'
): string {
	const others = siblingIds.filter((id) => id !== currentId);
	const generated = idFromName(oldName, others, fallback);
	if (currentId !== generated && currentId !== '') return currentId;
	return idFromName(newName, others, fallback);
}

/**
 * Regime-shift paths after a channel or segment id changed: `channels[old].…` becomes
 * `channels[new].…` so shifts keep pointing at the same thing.
 */
export function renameInPath(
	path: string,
	list: 'channels' | 'segments',
	oldId: string,
	newId: string
): string {
	const prefix = `${list}[${oldId}]`;
	return path.startsWith(prefix) ? `${list}[${newId}]${path.slice(prefix.length)}` : path;
}
