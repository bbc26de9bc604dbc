/**
 * Upgrades of share-link payloads, one function per version: `SHARE_UPGRADES[n]` turns a
 * version-n payload into a version-(n + 1) one, so a link made by any earlier supported version
 * opens in this one. Links are read by value only (no code runs from them), and each upgrade is a
 * pure function on plain JSON, tested on real links of its version.
 *
 * Version 1 is the first: nothing to upgrade yet. When the payload changes, bump SHARE_VERSION,
 * add `SHARE_UPGRADES[1]`, and keep a saved v1 link in the tests.
 */
import type { JsonValue } from './json-value';

/** The payload version this build writes. */
export const SHARE_VERSION = 1;

/** The oldest payload version this build still reads (raise it only to drop an upgrade). */
export const OLDEST_SHARE_VERSION = 1;

/** `SHARE_UPGRADES[n]`: a version-n payload as a version-(n + 1) payload. */
export const SHARE_UPGRADES: Readonly<Record<number, (payload: JsonValue) => JsonValue>> = {};

/** A payload of `version` brought up to SHARE_VERSION, or null if an upgrade is missing. */
export function upgradePayload(payload: JsonValue, version: number): JsonValue | null {
	let current = payload;
	for (let v = version; v < SHARE_VERSION; v++) {
		const upgrade = SHARE_UPGRADES[v];
		if (!upgrade) return null;
		current = upgrade(current);
	}
	return current;
}
