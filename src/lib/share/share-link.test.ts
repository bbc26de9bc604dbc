import { describe, expect, it } from 'vitest';
import { runPilot } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { loadPreset, presetNames } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { bytesToBase64url } from './base64url';
import { deflateText } from './compress';
import { DRIFT_NOTE } from './messages';
import {
	decodeShareLink,
	encodeShareLink,
	isPlainAnchor,
	shareUrl,
	type SharedPilot
} from './share-link';

/** A validated pilot config for `scenario` (throws on a typo in a test). */
function config(scenario: Scenario, input: object) {
	const parsed = parsePilotConfig(input, scenario);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
}

/** A preset with a few edits of the kinds the lab makes. */
function edited(name: string): Scenario {
	const s = structuredClone(loadPreset(name));
	s.dailyBudget *= 1.25;
	s.channels[0].auction.medianCpm = 13.37;
	s.channels[s.channels.length - 1].creatives[0].quality = 0.8;
	s.events = [
		...s.events,
		{ name: 'Spring sale', startDay: 60, endDay: 66, demandMultiplier: 1.6 }
	];
	s.segments[0].name = 'Deal seekers “first”, 🛒';
	return s;
}

/** A link's payload as the encoder would write it, from hand-made JSON. */
const linkOfText = (text: string, version = 1) =>
	`pilot=${version}.${bytesToBase64url(deflateText(text))}`;
const linkOf = (payload: unknown, version = 1) => linkOfText(JSON.stringify(payload), version);

const dtc = loadPreset('dtc-default');
const guarded: SharedPilot = {
	preset: 'dtc-default',
	scenario: dtc,
	config: config(dtc, {
		seeds: 12,
		firstSeed: 7,
		objective: 'revenue',
		guardrails: {
			maxShiftPct: 15,
			maxBidCpm: 40,
			frequencyCapPerWeek: 9,
			excludeBrandUnsafe: true,
			minExplorationShare: 0.05,
			channelRange: { 'brand-search': { min: 100, max: 900 }, display: { min: 0, max: null } }
		}
	})
};

describe('share links round trip', () => {
	it.each(presetNames())('%s with edits and non-default pilot settings', (name) => {
		const scenario = edited(name);
		const state: SharedPilot = {
			preset: name,
			scenario,
			config: config(scenario, {
				policies: [{ kind: 'bau-fixed' }, { kind: 'ucb1' }, { kind: 'oracle', targeting: true }],
				seeds: 3,
				firstSeed: 4294967295,
				days: 90,
				objective: 'conversions',
				guardrails: { maxShiftPct: 20, frequencyCapPerDay: 4 }
			})
		};
		const decoded = decodeShareLink(encodeShareLink(state));
		expect(decoded).toEqual({ ok: true, value: state, notes: [] });
	});

	it('keeps “no limit” (Infinity) guardrails and finite ones apart', () => {
		const decoded = decodeShareLink(encodeShareLink(guarded));
		if (!decoded.ok) throw new Error(decoded.error.message);
		const g = decoded.value.config.guardrails;
		expect(g.frequencyCapPerDay).toBe(Infinity);
		expect(g.protectionThreshold).toBe(Infinity);
		expect(g.channelRange.display.max).toBe(Infinity);
		expect(g.channelRange['brand-search']).toEqual({ min: 100, max: 900 });
		expect(g.maxShiftPct).toBe(15);
	});

	it('carries a scenario of its own (no preset), and reads a full URL', () => {
		const state: SharedPilot = {
			preset: null,
			scenario: edited('two-channels'),
			config: guarded.config
		};
		state.config = config(state.scenario, { seeds: 5 });
		const url = shareUrl('https://example.org/marginal/?x=1', state);
		expect(url.startsWith('https://example.org/marginal/?x=1#pilot=1.')).toBe(true);
		// The default policies come back with their settings filled in (the validator's form).
		const rebuilt = config(state.scenario, JSON.parse(JSON.stringify(state.config)));
		expect(decodeShareLink(url)).toEqual({
			ok: true,
			value: { ...state, config: rebuilt },
			notes: []
		});
	});

	it('a dtc-default link with changed guardrails fits in under 2,000 characters', () => {
		const url = shareUrl('https://marginal.example.org/lab/', guarded);
		expect(url.length).toBeLessThan(2000);
		// And the unchanged preset is a few hundred.
		const plain = shareUrl('https://marginal.example.org/lab/', {
			preset: 'dtc-default',
			scenario: dtc,
			config: config(dtc, {})
		});
		expect(plain.length).toBeLessThan(600);
	});

	it('reproduces the same pilot numbers after decoding', () => {
		const scenario = edited('two-channels');
		const state: SharedPilot = {
			preset: 'two-channels',
			scenario,
			config: config(scenario, {
				policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }],
				seeds: 2,
				days: 21,
				guardrails: { maxShiftPct: 25, channelRange: { [scenario.channels[0].id]: { min: 50 } } }
			})
		};
		const decoded = decodeShareLink(encodeShareLink(state));
		if (!decoded.ok) throw new Error(decoded.error.message);
		const original = runPilot(state.scenario, state.config);
		const reopened = runPilot(decoded.value.scenario, decoded.value.config);
		expect(reopened).toEqual(original);
		expect(original!.policies[0].metrics.ltvProfit.value.mean).not.toBeNaN();
	});
});

describe('links that cannot be opened', () => {
	const good = encodeShareLink(guarded);
	const payload = good.slice('pilot=1.'.length);

	it.each([
		['cut off', good.slice(0, good.length - 40), 'damaged'],
		[
			'with a changed character',
			`pilot=1.${payload.slice(0, 30)}${payload[30] === 'A' ? 'B' : 'A'}${payload.slice(31)}`,
			'damaged'
		],
		[
			'with characters outside base64url',
			`pilot=1.${payload.slice(0, 20)}+/${payload.slice(22)}`,
			'damaged'
		],
		['with an empty payload', 'pilot=1.', 'damaged'],
		['without a version', `pilot=${payload}`, 'damaged'],
		['made by a newer version', `pilot=2.${payload}`, 'newer'],
		['made by a version that never existed', `pilot=0.${payload}`, 'older'],
		['from another site', 'https://example.com/page#section=3&x=y', 'foreign'],
		['plain text', 'hello world', 'foreign'],
		['empty', '', 'foreign'],
		['not text', { pilot: 1 }, 'foreign'],
		['far too long', `pilot=1.${'A'.repeat(300_000)}`, 'too-large']
	])('%s', (_, text, kind) => {
		const decoded = decodeShareLink(text);
		expect(decoded.ok).toBe(false);
		if (!decoded.ok) {
			expect(decoded.error.kind).toBe(kind);
			expect(decoded.error.message).toMatch(/link/i);
			expect(decoded.error.message).toMatch(/default settings instead/);
		}
	});

	it('names the versions when a link is newer than this build', () => {
		const decoded = decodeShareLink(`pilot=7.${payload}`);
		expect(!decoded.ok && decoded.error.message).toMatch(
			/newer version of Marginal \(link version 7; this page reads up to 1\)/
		);
	});

	it('refuses a decompression bomb without inflating it all', () => {
		const bomb = bytesToBase64url(deflateText(' '.repeat(6_000_000)));
		expect(bomb.length).toBeLessThan(12_000);
		const decoded = decodeShareLink(`pilot=1.${bomb}`);
		expect(!decoded.ok && decoded.error.kind).toBe('too-large');
	});

	it('refuses deeply nested JSON before anything recursive reads it', () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		const link = `pilot=1.${bytesToBase64url(deflateText(deep))}`;
		const refused = decodeShareLink(link);
		expect(!refused.ok && refused.error.kind).toBe('too-deep');
		expect(!refused.ok && refused.error.message).toMatch(/nested far deeper/);
		const nestedDiff = linkOfText(
			JSON.stringify({
				v: 1,
				preset: 'dtc-default',
				scenarioDiff: [],
				config: {},
				check: '00000000'
			}).replace(
				'"scenarioDiff":[]',
				`"scenarioDiff":[[["name"],${'['.repeat(5000)}${']'.repeat(5000)}]]`
			)
		);
		const decoded = decodeShareLink(nestedDiff);
		expect(!decoded.ok && decoded.error.kind).toBe('too-deep');
	});

	it.each([
		['compressed text that is not JSON', 'not json at all'],
		['JSON that is not a payload', [1, 2, 3]],
		[
			'a payload with a missing field',
			{ v: 1, preset: 'dtc-default', scenarioDiff: [], config: {} }
		],
		[
			'a payload with an extra field',
			{ v: 1, preset: null, scenarioDiff: [], config: {}, check: '00000000', x: 1 }
		],
		[
			'a payload whose version disagrees with its prefix',
			{ v: 2, preset: null, scenarioDiff: [], config: {}, check: '00000000' }
		],
		[
			'a diff that reaches a prototype',
			{
				v: 1,
				preset: 'dtc-default',
				scenarioDiff: [[['__proto__', 'x'], 1]],
				config: {},
				check: '00000000'
			}
		],
		[
			'a diff through a missing field',
			{
				v: 1,
				preset: 'dtc-default',
				scenarioDiff: [[['nope', 'x'], 1]],
				config: {},
				check: '00000000'
			}
		]
	])('%s is damaged', (_, content) => {
		const link =
			typeof content === 'string'
				? `pilot=1.${bytesToBase64url(deflateText(content))}`
				: linkOf(content);
		const decoded = decodeShareLink(link);
		expect(!decoded.ok && decoded.error.kind).toBe('damaged');
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	it('names the fields of an invalid scenario or config', () => {
		const badScenario = linkOf({
			v: 1,
			preset: 'dtc-default',
			scenarioDiff: [
				[['dailyBudget'], -5],
				[['channels', 1, 'hill', 'slope'], 0]
			],
			config: {},
			check: '00000000'
		});
		const decoded = decodeShareLink(badScenario);
		expect(!decoded.ok && decoded.error.kind).toBe('invalid');
		expect(!decoded.ok && decoded.error.message).toMatch(/scenario\.dailyBudget: must be > 0/);
		const badConfig = linkOf({
			v: 1,
			preset: 'dtc-default',
			scenarioDiff: [],
			config: { seeds: 0, objective: 'likes' },
			check: '00000000'
		});
		const second = decodeShareLink(badConfig);
		expect(!second.ok && second.error.errors.map((e) => e.path)).toEqual([
			'pilot.seeds',
			'pilot.objective'
		]);
	});

	it('names a preset this build does not have', () => {
		const decoded = decodeShareLink(
			linkOf({ v: 1, preset: 'moon-base', scenarioDiff: [], config: {}, check: '00000000' })
		);
		expect(!decoded.ok && decoded.error.message).toMatch(/“moon-base”/);
	});

	it('opens a link whose fingerprint differs, with a note that the numbers may differ', () => {
		const decoded = decodeShareLink(
			linkOf({ v: 1, preset: 'two-channels', scenarioDiff: [], config: {}, check: '00000000' })
		);
		expect(decoded.ok && decoded.notes).toEqual([DRIFT_NOTE]);
	});

	it('tells ordinary anchors from links', () => {
		expect(isPlainAnchor('main')).toBe(true);
		expect(isPlainAnchor('')).toBe(true);
		expect(isPlainAnchor(encodeShareLink(guarded))).toBe(false);
		expect(isPlainAnchor('state=abc')).toBe(false);
	});
});
