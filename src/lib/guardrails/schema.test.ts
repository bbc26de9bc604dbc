import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	guardrailsToJson,
	guardrailWarnings,
	parseGuardrails,
	parseGuardrailsJson
} from './schema';
import { formatFieldError } from '../sim/scenario';
import { DEFAULT_GUARDRAILS, type GuardrailConfig } from './types';

const errorsOf = (input: unknown, channelIds?: string[]) => {
	const parsed = parseGuardrails(input, { channelIds });
	if (parsed.ok) throw new Error('expected errors');
	return parsed.errors.map(formatFieldError);
};

describe('guardrail config: valid input and defaults', () => {
	it('fills every missing field from the defaults', () => {
		const parsed = parseGuardrails({});
		expect(parsed).toEqual({ ok: true, value: DEFAULT_GUARDRAILS });
	});

	it('reads null and missing "no limit" fields as Infinity', () => {
		const parsed = parseGuardrails({
			maxShiftPct: null,
			maxBidCpm: 12,
			channelRange: { display: { min: 100, max: null }, video: { max: 400 } }
		});
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.maxShiftPct).toBe(Infinity);
		expect(parsed.value.frequencyCapPerWeek).toBe(Infinity);
		expect(parsed.value.protectionThreshold).toBe(Infinity);
		expect(parsed.value.maxBidCpm).toBe(12);
		expect(parsed.value.channelRange).toEqual({
			display: { min: 100, max: Infinity },
			video: { min: 0, max: 400 }
		});
	});

	it('survives a round trip through JSON text unchanged (random configs)', () => {
		const limit = fc.option(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { nil: Infinity });
		const config: fc.Arbitrary<GuardrailConfig> = fc.record({
			channelRange: fc.dictionary(
				fc.constantFrom('search', 'social', 'display'),
				fc
					.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), limit)
					.map(([min, width]) => ({ min, max: min + width }))
			),
			maxShiftPct: limit,
			maxBidCpm: limit,
			frequencyCapPerDay: limit,
			frequencyCapPerWeek: limit,
			pacing: fc.constantFrom('even' as const, 'front-loaded' as const),
			maxDailyOverdelivery: fc.double({ min: 1, max: 30, noNaN: true }),
			suppressExistingCustomers: fc.boolean(),
			excludeBrandUnsafe: fc.boolean(),
			minExplorationShare: fc.double({ min: 0, max: 1, noNaN: true }),
			protectionThreshold: limit
		});
		fc.assert(
			fc.property(config, (value) => {
				expect(parseGuardrailsJson(guardrailsToJson(value))).toEqual({ ok: true, value });
			}),
			{ numRuns: 300 }
		);
	});
});

describe('guardrail config: invalid input names the field', () => {
	it('rejects a channel maximum below its minimum', () => {
		expect(errorsOf({ channelRange: { display: { min: 500, max: 100 } } })).toEqual([
			'channelRange.display.max: must be ≥ min'
		]);
	});

	it('rejects ranges for channels the scenario does not have (misaligned names)', () => {
		expect(errorsOf({ channelRange: { Display: { max: 100 } } }, ['search', 'display'])).toEqual([
			'channelRange.Display: is not a channel of this scenario (channels: search, display)'
		]);
	});

	it('rejects misspelt settings', () => {
		expect(errorsOf({ maxShiftPercent: 10 })).toEqual([
			'maxShiftPercent: is not a guardrail setting (misspelt?)'
		]);
	});

	it.each([
		[{ maxShiftPct: -5 }, 'maxShiftPct: must be ≥ 0 (or null for no limit)'],
		[{ maxBidCpm: 'ten' }, 'maxBidCpm: must be a number, or null for no limit'],
		[{ frequencyCapPerDay: 0 }, 'frequencyCapPerDay: must be > 0 (or null for no limit)'],
		[{ protectionThreshold: NaN }, 'protectionThreshold: must be a number, or null for no limit'],
		[{ pacing: 'fast' }, 'pacing: must be "even" or "front-loaded"'],
		[{ maxDailyOverdelivery: 0.5 }, 'maxDailyOverdelivery: must be between 1 and 30'],
		[{ minExplorationShare: 1.5 }, 'minExplorationShare: must be between 0 and 1'],
		[{ excludeBrandUnsafe: 'yes' }, 'excludeBrandUnsafe: must be true or false'],
		[{ channelRange: { display: { min: -1 } } }, 'channelRange.display.min: must be ≥ 0'],
		[
			{ channelRange: { display: { min: 1, cap: 2 } } },
			'channelRange.display.cap: is not a guardrail setting (misspelt?)'
		],
		[{ channelRange: [] }, 'channelRange: must be an object of { min, max } by channel id']
	])('rejects %j', (input, message) => {
		expect(errorsOf(input)).toEqual([message]);
	});

	it('rejects a config that is not an object, and bad JSON with its position', () => {
		expect(errorsOf([1, 2])).toEqual(['Guardrails must be a JSON object.']);
		const parsed = parseGuardrailsJson('{ "maxBidCpm": 12,, }');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.errors[0].message).toMatch(/^Not valid JSON: .*line 1, column 19/);
	});
});

describe('guardrail warnings: valid settings that cannot all hold', () => {
	const ids = ['search', 'social', 'display'];
	it('says when floors exceed the budget and by how much they are scaled', () => {
		const warnings = guardrailWarnings(
			{
				...DEFAULT_GUARDRAILS,
				channelRange: { search: { min: 600, max: Infinity }, social: { min: 600, max: Infinity } }
			},
			ids,
			1000
		);
		expect(warnings).toEqual([
			{
				path: 'channelRange',
				message:
					'minimums and exploration floors add up to 1200/day, more than the daily budget 1000: all floors are scaled by 83.33 % to fit'
			}
		]);
	});

	it('says when the maximums cannot spend the budget, and when a maximum is below the exploration floor', () => {
		const config: GuardrailConfig = {
			...DEFAULT_GUARDRAILS,
			minExplorationShare: 0.1,
			channelRange: {
				search: { min: 0, max: 50 },
				social: { min: 0, max: 300 },
				display: { min: 0, max: 300 }
			}
		};
		expect(guardrailWarnings(config, ids, 1000).map((w) => w.path)).toEqual([
			'channelRange.search.max',
			'channelRange'
		]);
	});

	it('has nothing to say about the defaults', () => {
		expect(guardrailWarnings(DEFAULT_GUARDRAILS, ids, 1000)).toEqual([]);
	});
});
