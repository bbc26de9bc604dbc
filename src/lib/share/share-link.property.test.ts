/**
 * Share links under property tests: whatever the text, the decoder returns a value (never
 * throws), anything it accepts is a state the validators accept, and any valid state survives a
 * round trip exactly. Each property runs CASES generated cases; the suite prints its total.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePilotConfig } from '../experiment/pilot-config';
import { OBJECTIVES } from '../policies/policy';
import { loadPreset, presetNames } from '../sim/presets';
import { parseScenario } from '../sim/scenario';
import { bytesToBase64url } from './base64url';
import { deflateText } from './compress';
import { decodeShareLink, encodeShareLink, type SharedPilot } from './share-link';

/** Generated cases per property. */
const CASES = 1000;
let cases = 0;
const counted = <T extends unknown[]>(check: (...args: T) => void) => {
	return (...args: T) => {
		cases++;
		check(...args);
	};
};
afterAll(() => console.log(`share-link properties: ${cases} generated cases`));

const scenario = loadPreset('dtc-default');
const parsedConfig = parsePilotConfig({ seeds: 4, guardrails: { maxShiftPct: 10 } }, scenario);
if (!parsedConfig.ok) throw new Error('test config');
const good = encodeShareLink({ preset: 'dtc-default', scenario, config: parsedConfig.value });

/** Every outcome is either a validated state or an error with a message; nothing throws. */
function expectHandled(text: unknown) {
	const decoded = decodeShareLink(text);
	if (decoded.ok) {
		expect(parseScenario(decoded.value.scenario).ok).toBe(true);
		expect(parsePilotConfig(decoded.value.config, decoded.value.scenario).ok).toBe(true);
	} else {
		expect(decoded.error.message.length).toBeGreaterThan(20);
	}
}

const linkOf = (text: string) => `pilot=1.${bytesToBase64url(deflateText(text))}`;

/** A valid state: a preset with random edits, and random pilot settings within their ranges. */
const validState: fc.Arbitrary<SharedPilot> = fc
	.record({
		preset: fc.constantFrom(...presetNames()),
		budget: fc.double({ min: 0.5, max: 3, noNaN: true }),
		cpm: fc.double({ min: 0.5, max: 80, noNaN: true }),
		segmentName: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
		kinds: fc.subarray(['bau-last-click', 'thompson', 'ucb1', 'ts-curve', 'oracle'], {
			minLength: 1
		}),
		seeds: fc.integer({ min: 1, max: 60 }),
		firstSeed: fc.integer({ min: 0, max: 4294967295 }),
		days: fc.integer({ min: 7, max: 365 }),
		objective: fc.constantFrom(...OBJECTIVES),
		maxShiftPct: fc.option(fc.integer({ min: 1, max: 100 })),
		frequencyCapPerDay: fc.option(fc.integer({ min: 1, max: 20 })),
		excludeBrandUnsafe: fc.boolean()
	})
	.map((r) => {
		const edited = structuredClone(loadPreset(r.preset));
		edited.dailyBudget *= r.budget;
		edited.channels[0].auction.medianCpm = r.cpm;
		edited.segments[0].name = r.segmentName;
		const parsed = parseScenario(edited);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const guardrails: Record<string, unknown> = { excludeBrandUnsafe: r.excludeBrandUnsafe };
		if (r.maxShiftPct !== null) guardrails.maxShiftPct = r.maxShiftPct;
		if (r.frequencyCapPerDay !== null) guardrails.frequencyCapPerDay = r.frequencyCapPerDay;
		const config = parsePilotConfig(
			{
				policies: [{ kind: 'bau-fixed' }, ...r.kinds.map((kind) => ({ kind }))],
				seeds: r.seeds,
				firstSeed: r.firstSeed,
				days: Math.min(r.days, parsed.value.days),
				objective: r.objective,
				guardrails
			},
			parsed.value
		);
		if (!config.ok) throw new Error(JSON.stringify(config.errors));
		return { preset: r.preset, scenario: parsed.value, config: config.value };
	});

describe('share links under generated input', () => {
	it('round-trips any valid state exactly', () => {
		fc.assert(
			fc.property(
				validState,
				counted((state) => {
					expect(decodeShareLink(encodeShareLink(state))).toEqual({
						ok: true,
						value: state,
						notes: []
					});
				})
			),
			{ numRuns: CASES }
		);
	});

	it('handles arbitrary text, with and without the prefix', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 300, unit: 'binary' }),
				fc.boolean(),
				counted((text, prefixed) => expectHandled(prefixed ? `pilot=1.${text}` : text))
			),
			{ numRuns: CASES }
		);
	});

	it('handles valid links with characters changed, cut or inserted', () => {
		fc.assert(
			fc.property(
				fc.nat(good.length - 1),
				fc.constantFrom(...'AZaz09-_+/=.%#'),
				fc.constantFrom('replace', 'cut', 'insert'),
				counted((at, ch, how) => {
					const text =
						how === 'replace'
							? good.slice(0, at) + ch + good.slice(at + 1)
							: how === 'cut'
								? good.slice(0, at)
								: good.slice(0, at) + ch + good.slice(at);
					expectHandled(text);
				})
			),
			{ numRuns: CASES }
		);
	});

	it('handles well-compressed JSON of any shape, including payload look-alikes', () => {
		const payloadLike = fc.record({
			v: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
			preset: fc.oneof(fc.constant('dtc-default'), fc.constant(null), fc.string()),
			scenarioDiff: fc.array(
				fc.tuple(
					fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
					fc.jsonValue({ maxDepth: 3 })
				)
			),
			config: fc.oneof(fc.object(), fc.jsonValue({ maxDepth: 3 })),
			check: fc.oneof(fc.constant('00000000'), fc.string())
		});
		fc.assert(
			fc.property(
				fc.oneof(fc.jsonValue({ maxDepth: 6 }), payloadLike),
				counted((value) => expectHandled(linkOf(JSON.stringify(value))))
			),
			{ numRuns: CASES }
		);
	});

	it('handles deep nesting, oversized payloads and other link versions', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40_000 }),
				fc.constantFrom('[', '{"a":', '"x",'),
				fc.integer({ min: -1, max: 3 }),
				counted((size, piece, version) => {
					const text = `pilot=${version}.${bytesToBase64url(deflateText(piece.repeat(size)))}`;
					expectHandled(text);
				})
			),
			{ numRuns: CASES }
		);
	});
});
