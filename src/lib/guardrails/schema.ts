/**
 * The guardrail config as JSON: one valibot schema for validation, defaults and error messages
 * (`channelRange.display.max: must be ≥ min`). JSON has no Infinity, so every "no limit" field
 * reads null or a missing field as Infinity, and `JSON.stringify` writes Infinity back as null:
 * a config survives a round trip through a file or a link unchanged.
 */
import * as v from 'valibot';
import { formatPath, type FieldError, type Parsed } from '../sim/scenario';
import { parseJson } from '../sim/json';
import { DEFAULT_GUARDRAILS, type GuardrailConfig } from './types';

const num = () => v.pipe(v.number('must be a number'), v.finite('must be a finite number'));
const between = (min: number, max: number) =>
	v.pipe(
		num(),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
/** A limit that may be off: null or missing = Infinity; otherwise a number > 0 (or ≥ 0). */
const limit = (allowZero = false) =>
	v.pipe(
		v.nullish(v.number('must be a number, or null for no limit'), Infinity),
		v.check((x) => !Number.isNaN(x), 'must be a number, or null for no limit'),
		allowZero
			? v.minValue(0, 'must be ≥ 0 (or null for no limit)')
			: v.gtValue(0, 'must be > 0 (or null for no limit)')
	);
const strict = <T extends v.ObjectEntries>(entries: T) =>
	v.strictObject(entries, (issue) =>
		issue.expected === 'never'
			? 'is not a guardrail setting (misspelt?)'
			: issue.received === 'undefined'
				? 'is missing'
				: 'must be an object'
	);
const flag = (fallback: boolean) => v.optional(v.boolean('must be true or false'), fallback);

const RangeSchema = strict({
	/** Lowest daily budget for the channel, currency/day (default 0). */
	min: v.optional(v.pipe(num(), v.minValue(0, 'must be ≥ 0')), 0),
	/** Highest daily budget for the channel, currency/day (null or missing = no limit). */
	max: limit(true)
});

/** The guardrail config schema; every field is optional and defaults to DEFAULT_GUARDRAILS. */
export const GuardrailConfigSchema = strict({
	channelRange: v.optional(
		v.record(v.string(), RangeSchema, 'must be an object of { min, max } by channel id'),
		{}
	),
	maxShiftPct: limit(true),
	maxBidCpm: limit(true),
	frequencyCapPerDay: limit(),
	frequencyCapPerWeek: limit(),
	pacing: v.optional(
		v.picklist(['even', 'front-loaded'], 'must be "even" or "front-loaded"'),
		DEFAULT_GUARDRAILS.pacing
	),
	maxDailyOverdelivery: v.optional(between(1, 30), DEFAULT_GUARDRAILS.maxDailyOverdelivery),
	suppressExistingCustomers: flag(DEFAULT_GUARDRAILS.suppressExistingCustomers),
	excludeBrandUnsafe: flag(DEFAULT_GUARDRAILS.excludeBrandUnsafe),
	minExplorationShare: v.optional(between(0, 1), DEFAULT_GUARDRAILS.minExplorationShare),
	protectionThreshold: limit()
});

/** A guardrail config as written in JSON (fields optional, null for "no limit"). */
export type GuardrailConfigInput = v.InferInput<typeof GuardrailConfigSchema>;

/** What the config is checked against, when known: the scenario's channels. */
export interface GuardrailContext {
	/** Channel ids of the scenario (ranges for other ids are errors: misaligned names). */
	channelIds?: readonly string[];
}

/**
 * Validate a guardrail config (from JSON, a link or the editor). Errors name the field:
 * `channelRange.display.max: must be ≥ min`.
 */
export function parseGuardrails(
	input: unknown,
	context: GuardrailContext = {}
): Parsed<GuardrailConfig> {
	if (input === undefined || input === null)
		return { ok: true, value: cloneConfig(DEFAULT_GUARDRAILS) };
	if (typeof input !== 'object' || Array.isArray(input)) {
		return { ok: false, errors: [{ path: '', message: 'Guardrails must be a JSON object.' }] };
	}
	if (Array.isArray((input as { channelRange?: unknown }).channelRange)) {
		// valibot reads an array as a record of its indices; a list of ranges is a different format.
		return {
			ok: false,
			errors: [{ path: 'channelRange', message: 'must be an object of { min, max } by channel id' }]
		};
	}
	const result = v.safeParse(GuardrailConfigSchema, input, { abortPipeEarly: true });
	if (!result.success) {
		return {
			ok: false,
			errors: result.issues.map((issue) => ({
				path: formatPath((issue.path ?? []).map((item) => item.key as string | number)),
				message: issue.message
			}))
		};
	}
	const value = result.output as GuardrailConfig;
	const errors: FieldError[] = [];
	for (const [id, range] of Object.entries(value.channelRange)) {
		if (range.max < range.min)
			errors.push({ path: `channelRange.${id}.max`, message: 'must be ≥ min' });
		if (context.channelIds && !context.channelIds.includes(id)) {
			errors.push({
				path: `channelRange.${id}`,
				message: `is not a channel of this scenario (channels: ${context.channelIds.join(', ')})`
			});
		}
	}
	return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** Parse guardrail JSON text; syntax errors name the line and column. */
export function parseGuardrailsJson(
	text: string,
	context: GuardrailContext = {}
): Parsed<GuardrailConfig> {
	const json = parseJson(text);
	if (!json.ok)
		return { ok: false, errors: [{ path: '', message: `Not valid JSON: ${json.message}` }] };
	return parseGuardrails(json.value, context);
}

/** The config as JSON text (Infinity written as null, read back by `parseGuardrailsJson`). */
export function guardrailsToJson(config: GuardrailConfig): string {
	return JSON.stringify(config, null, '\t');
}

/** A deep copy of a config (ranges included). */
export function cloneConfig(config: GuardrailConfig): GuardrailConfig {
	const channelRange: GuardrailConfig['channelRange'] = {};
	for (const [id, range] of Object.entries(config.channelRange)) channelRange[id] = { ...range };
	return { ...config, channelRange };
}

/**
 * Settings that are valid but will not all hold for this scenario and budget, said before a run
 * (Robyn users learn it from an unchanged allocation): floors that exceed the budget (scaled down
 * to fit), a channel range capping the total below the budget, an exploration floor above a
 * channel's maximum, a weekly frequency cap below the daily one. Same shape as errors; the run resolves them by rule precedence.
 */
export function guardrailWarnings(
	config: GuardrailConfig,
	channelIds: readonly string[],
	dailyBudget: number
): FieldError[] {
	const warnings: FieldError[] = [];
	const explore = config.minExplorationShare * dailyBudget;
	let floors = 0;
	let ceiling = 0;
	for (const id of channelIds) {
		const range = config.channelRange[id] ?? { min: 0, max: Infinity };
		floors += Math.min(Math.max(range.min, explore), range.max);
		ceiling += range.max;
		if (explore > range.max) {
			warnings.push({
				path: `channelRange.${id}.max`,
				message: `is below the exploration floor (${round(explore)}/day): the maximum wins`
			});
		}
	}
	if (floors > dailyBudget * (1 + 1e-12)) {
		warnings.push({
			path: 'channelRange',
			message: `minimums and exploration floors add up to ${round(floors)}/day, more than the daily budget ${round(dailyBudget)}: all floors are scaled by ${round((100 * dailyBudget) / floors)} % to fit`
		});
	}
	if (config.frequencyCapPerWeek < config.frequencyCapPerDay) {
		warnings.push({
			path: 'frequencyCapPerWeek',
			message: `is below the daily cap (${config.frequencyCapPerDay}): the weekly cap binds every day`
		});
	}
	if (ceiling < dailyBudget) {
		warnings.push({
			path: 'channelRange',
			message: `channel maximums add up to ${round(ceiling)}/day, less than the daily budget ${round(dailyBudget)}: the budget cannot be fully spent`
		});
	}
	return warnings;
}

const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);
