/**
 * Share links: the lab's scenario and pilot settings in a URL fragment (`#pilot=1.<payload>`),
 * so whoever opens the link gets exactly the same numbers. The payload is JSON
 * `{ v, preset, scenarioDiff, config, check }` — the scenario as a diff against the preset it
 * started from, the pilot config in full (Infinity as null) and a fingerprint of both — deflated
 * (fflate) and written as base64url. The fragment never reaches a server.
 *
 * Decoding treats the text as hostile: sizes are capped before and during inflation, nesting is
 * bounded before anything recursive runs, the scenario and config go through the same validators
 * as files (`parseScenario`, `parsePilotConfig`), and every failure is a value with a message.
 */
import type { PilotConfig } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { hashString } from '../sim/random';
import { presets, loadPreset } from '../sim/presets';
import { parseScenario, type Scenario } from '../sim/scenario';
import { base64urlToBytes, bytesToBase64url } from './base64url';
import { deflateText, inflateText } from './compress';
import { applyJsonPatch, diffJson } from './json-diff';
import {
	canonicalJson,
	checkJsonShape,
	isJsonObject,
	nestsDeeperThan,
	toJsonValue,
	type JsonObject,
	type JsonValue
} from './json-value';
import { DRIFT_NOTE, shareError, type ShareError } from './messages';
import { OLDEST_SHARE_VERSION, SHARE_VERSION, upgradePayload } from './upgrades';

/** What a link carries: a scenario (with the preset it started from) and a pilot config. */
export interface SharedPilot {
	/** Name of the preset the scenario was edited from; null for a scenario of its own. */
	preset: string | null;
	/** The validated scenario. */
	scenario: Scenario;
	/** The validated pilot config: policies, objective, seeds, first seed, days, guardrails. */
	config: PilotConfig;
}

/** A decoded link: the state (with notes worth showing), or why it could not be opened. */
export type DecodedShare =
	{ ok: true; value: SharedPilot; notes: string[] } | { ok: false; error: ShareError };

/** Fragment prefix before the version number. */
export const SHARE_PREFIX = 'pilot=';

/** Longest link text decoded at all, characters (a full custom scenario needs ~30,000). */
export const MAX_LINK_CHARS = 200_000;

/** Most bytes a payload may inflate to (the largest valid scenario is well below). */
export const MAX_PAYLOAD_BYTES = 2_000_000;

/** Nesting and size bounds on the payload JSON (scenarios nest about six deep). */
const SHAPE_LIMITS = { maxDepth: 24, maxNodes: 200_000 };

/** A fingerprint of the scenario and config as JSON: 8 hex digits of FNV-1a. */
function fingerprint(scenario: JsonValue, config: JsonValue): string {
	return hashString(canonicalJson({ scenario, config })).toString(16).padStart(8, '0');
}

const presetCache = new Map<string, JsonValue>();

/**
 * The preset's scenario as JSON (an empty object when there is none to diff against). Cached:
 * presets are fixed, and neither the diff nor the patch modifies its base.
 */
function presetJson(preset: string | null): JsonValue {
	if (preset === null || !Object.hasOwn(presets, preset)) return {};
	let json = presetCache.get(preset);
	if (json === undefined) {
		json = toJsonValue(loadPreset(preset));
		presetCache.set(preset, json);
	}
	return json;
}

/** The fragment (without `#`) that carries `state`. */
export function encodeShareLink(state: SharedPilot): string {
	const preset =
		state.preset !== null && Object.hasOwn(presets, state.preset) ? state.preset : null;
	const scenario = toJsonValue(state.scenario);
	const config = toJsonValue(state.config);
	// The fingerprint covers the config as decoding will rebuild it: the validator fills
	// settings that the lab may have left to their defaults.
	const rebuilt = parsePilotConfig(config, state.scenario);
	const payload = {
		v: SHARE_VERSION,
		preset,
		scenarioDiff: diffJson(presetJson(preset), scenario),
		config,
		check: fingerprint(scenario, rebuilt.ok ? toJsonValue(rebuilt.value) : config)
	};
	return `${SHARE_PREFIX}${SHARE_VERSION}.${bytesToBase64url(deflateText(JSON.stringify(payload)))}`;
}

/** A full URL for `state`: `base` (the lab's address) with the link as its fragment. */
export function shareUrl(base: string | URL, state: SharedPilot): string {
	const url = new URL(base);
	url.hash = encodeShareLink(state);
	return url.href;
}

/** The link part of `text`: what follows the first `#` of a URL, or the text itself. */
function fragmentOf(text: string): string {
	const hash = text.indexOf('#');
	return (hash >= 0 ? text.slice(hash + 1) : text).trim();
}

/**
 * Whether a URL fragment looks like an ordinary in-page anchor (`#main`, `#results`) rather
 * than a link someone meant to share: the lab ignores those instead of complaining.
 */
export function isPlainAnchor(fragment: string): boolean {
	return fragment === '' || /^[A-Za-z][\w:-]{0,63}$/.test(fragment);
}

/** Open a share link (a URL, a fragment with or without `#`); never throws. */
export function decodeShareLink(text: unknown): DecodedShare {
	try {
		return decode(text);
	} catch {
		// A validator or the inflater failed in a way not foreseen: the link is still just damaged.
		return { ok: false, error: shareError('damaged') };
	}
}

function decode(text: unknown): DecodedShare {
	const fail = (error: ShareError): DecodedShare => ({ ok: false, error });
	if (typeof text !== 'string') return fail(shareError('foreign'));
	if (text.length > MAX_LINK_CHARS + 4096) return fail(shareError('too-large'));
	const fragment = fragmentOf(text);
	if (!fragment.startsWith(SHARE_PREFIX)) return fail(shareError('foreign'));
	if (fragment.length > MAX_LINK_CHARS) return fail(shareError('too-large'));
	const match = /^(\d{1,6})\.([A-Za-z0-9_-]*)$/.exec(fragment.slice(SHARE_PREFIX.length));
	if (!match) return fail(shareError('damaged'));
	const version = Number(match[1]);
	if (version > SHARE_VERSION) {
		return fail(shareError('newer', { version, latest: SHARE_VERSION }));
	}
	if (version < OLDEST_SHARE_VERSION) return fail(shareError('older', { version }));

	const bytes = base64urlToBytes(match[2]);
	if (!bytes) return fail(shareError('damaged'));
	const inflated = inflateText(bytes, MAX_PAYLOAD_BYTES);
	if (!inflated.ok) return fail(shareError(inflated.reason));
	if (nestsDeeperThan(inflated.text, SHAPE_LIMITS.maxDepth)) return fail(shareError('too-deep'));
	let json: unknown;
	try {
		json = JSON.parse(inflated.text);
	} catch {
		return fail(shareError('damaged'));
	}
	const shape = checkJsonShape(json, SHAPE_LIMITS);
	if (shape !== null) {
		// Too many values is a size problem; a reserved field name is tampering.
		return fail(shareError(shape.startsWith('has more than') ? 'too-large' : 'damaged'));
	}
	if (!isJsonObject(json) || json.v !== version) return fail(shareError('damaged'));
	const upgraded = upgradePayload(json, version);
	if (!isJsonObject(upgraded)) return fail(shareError('older', { version }));
	const payload = readPayload(upgraded);
	if (!payload) return fail(shareError('damaged'));

	if (payload.preset !== null && !Object.hasOwn(presets, payload.preset)) {
		return fail(shareError('unknown-preset', { preset: payload.preset }));
	}
	const patched = applyJsonPatch(presetJson(payload.preset), payload.scenarioDiff);
	if (!patched.ok) return fail(shareError('damaged'));
	const scenario = parseScenario(patched.value);
	if (!scenario.ok)
		return fail(shareError('invalid', { errors: prefixed('scenario', scenario.errors) }));
	const config = parsePilotConfig(payload.config, scenario.value);
	if (!config.ok) return fail(shareError('invalid', { errors: prefixed('pilot', config.errors) }));

	// The fingerprint of what this build rebuilt: a different one means the preset or a
	// policy's defaults changed since the link was made, so the numbers may too.
	const rebuilt = fingerprint(toJsonValue(scenario.value), toJsonValue(config.value));
	return {
		ok: true,
		value: { preset: payload.preset, scenario: scenario.value, config: config.value },
		notes: rebuilt === payload.check ? [] : [DRIFT_NOTE]
	};
}

/** The payload's fields, when each has the right type. */
function readPayload(
	json: JsonObject
): { preset: string | null; scenarioDiff: JsonValue[]; config: JsonObject; check: string } | null {
	const keys = Object.keys(json).sort().join(',');
	if (keys !== 'check,config,preset,scenarioDiff,v') return null;
	const { preset, scenarioDiff, config, check } = json;
	if (preset !== null && typeof preset !== 'string') return null;
	if (!Array.isArray(scenarioDiff) || !isJsonObject(config)) return null;
	if (typeof check !== 'string' || !/^[0-9a-f]{8}$/.test(check)) return null;
	return { preset, scenarioDiff, config, check };
}

function prefixed(what: string, errors: { path: string; message: string }[]) {
	return errors.map((e) => ({ path: e.path ? `${what}.${e.path}` : what, message: e.message }));
}
