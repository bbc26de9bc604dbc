/**
 * Stable channel ids from display names: lowercase `[a-z0-9_-]`, unique within a dataset.
 * Ids end up in links, chart keys and the decision log, so they must not carry user markup.
 */

/** Longest id kept, in characters. */
const MAX_ID_LENGTH = 40;

/** The id of a channel name (`"Facebook Ads"` → `facebook_ads`, `"Channel0"` → `channel0`). */
export function toChannelId(name: string): string {
	const id = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9_-]+/g, '_')
		// The lookbehind makes a trailing run match only from its start: linear, not quadratic,
		// on a hostile name with long runs of `_` (channel names come from file cells).
		.replace(/^[_-]+|(?<![_-])[_-]+$/g, '')
		.slice(0, MAX_ID_LENGTH)
		.replace(/(?<![_-])[_-]+$/, '');
	return id === '' ? 'channel' : id;
}

/** Ids for several names, made unique with `-2`, `-3`… in order of appearance. */
export function uniqueChannelIds(names: readonly string[]): string[] {
	const used = new Set<string>();
	return names.map((name) => {
		const base = toChannelId(name);
		let id = base;
		for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
		used.add(id);
		return id;
	});
}
