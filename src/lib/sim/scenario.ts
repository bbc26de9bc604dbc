/**
 * The scenario format, version 1: one JSON document describing a market.
 *
 * One valibot schema drives the TypeScript types, validation, defaults and error messages, and
 * is used by the UI, share links, scenario files and the CLI alike. Errors name the field path
 * (`channels[2].hill.slope: must be > 0`). Units are in each field's doc comment.
 */
import * as v from 'valibot';
import { parseJson } from './json';

/** The scenario format version this build reads and writes. */
export const SCENARIO_VERSION = 1;

// ---- small schema helpers: every number is finite, with its range in the message -------------

/** No quantity of a market is meaningful beyond these magnitudes; beyond them the arithmetic is not either. */
const MAX_MAGNITUDE = 1e12;
const MIN_MAGNITUDE = 1e-12;
const num = (message = 'must be a number') =>
	v.pipe(
		v.number(message),
		v.finite('must be a finite number'),
		v.check(
			(x) => x === 0 || (Math.abs(x) >= MIN_MAGNITUDE && Math.abs(x) <= MAX_MAGNITUDE),
			'must be 0 or between 1e-12 and 1e12 in size'
		)
	);
const positive = () => v.pipe(num(), v.gtValue(0, 'must be > 0'));
const nonNegative = () => v.pipe(num(), v.minValue(0, 'must be ≥ 0'));
const between = (min: number, max: number) =>
	v.pipe(
		num(),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
const share = () => between(0, 1);
const int = (min: number, max: number) =>
	v.pipe(
		num(),
		v.integer('must be a whole number'),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
const id = () =>
	v.pipe(
		v.string('must be a text id'),
		v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 lowercase letters, digits, _ or -')
	);
const label = () =>
	v.pipe(
		v.string('must be text'),
		v.minLength(1, 'must not be empty'),
		v.maxLength(80, 'must be at most 80 characters')
	);
const strict = <T extends v.ObjectEntries>(entries: T) =>
	v.strictObject(entries, (issue) =>
		issue.expected === 'never'
			? 'is not a field of this format (misspelt?)'
			: issue.received === 'undefined'
				? 'is missing'
				: 'must be an object'
	);
const list = <T extends v.GenericSchema>(item: T, min: number, max: number, what: string) =>
	v.pipe(
		v.array(item, 'must be a list'),
		v.minLength(min, `needs at least ${min} ${what}`),
		v.maxLength(max, `allows at most ${max} ${what}`)
	);

// ---- the schema --------------------------------------------------------------------------------

const CreativeSchema = strict({
	/** Stable id, unique within the channel. */
	id: id(),
	/** Display name. */
	name: label(),
	/** Persuasiveness relative to an average creative (1 = average): multiplies effective exposure. */
	quality: v.optional(
		v.pipe(positive(), v.maxValue(100, 'must be at most 100 (× an average creative)')),
		1
	),
	/** Click-through rate relative to the channel's base CTR (1 = average). */
	ctrIndex: v.optional(
		v.pipe(positive(), v.maxValue(100, 'must be at most 100 (× an average creative)')),
		1
	),
	/** Wear-out per exposure: effectiveness is 1 / (1 + fatigueRate · recent impressions per user). */
	fatigueRate: v.optional(nonNegative(), 0.2),
	/** Share of the exposure stock forgotten per day while resting, 0–1. */
	recoveryRate: v.optional(share(), 0.1),
	/** Whether the creative is live at the start; inactive ones are reserves a policy may launch. */
	active: v.optional(v.boolean('must be true or false'), true)
});

const ChannelSchema = strict({
	/** Stable id, unique in the scenario (used in links and paths). */
	id: id(),
	/** Display name. */
	name: label(),
	/** Funnel stage: upper-funnel channels create halo demand for lower-funnel ones. */
	stage: v.picklist(['upper', 'mid', 'lower'], 'must be "upper", "mid" or "lower"'),
	/** Share of the budget this channel historically received (BAU fixed split); shares are normalised. */
	historicalShare: nonNegative(),
	/** Competitor bids: the market price of impressions. */
	auction: strict({
		/** Median competing bid, currency per 1,000 impressions (CPM). */
		medianCpm: v.pipe(
			positive(),
			v.maxValue(1e6, 'must be at most 1,000,000 (per thousand impressions)')
		),
		/** Log-standard deviation of competing bids: higher means a wider spread of prices. */
		spread: between(0.05, 3)
	}),
	/** Impression opportunities per reachable user per day (inventory depth). */
	impressionsPerUser: positive(),
	/** Share of each segment's population this channel can reach, one entry per segment, 0–1. */
	reach: v.array(share(), 'must be a list of shares, one per segment'),
	/** Incremental conversions per reachable user per day at full saturation (before segment propensity). */
	maxConversionRate: between(0, 1),
	/** Base click-through rate per impression, 0–1. */
	ctr: share(),
	/** Saturation of the response to effective exposure (Hill curve). */
	hill: strict({
		/** Effective impressions per audience member per day giving half the maximum response. */
		halfSaturation: positive(),
		/** Hill exponent: ≤ 1 concave, > 1 S-shaped. */
		slope: between(0.1, 5)
	}),
	/** Carry-over of exposure into later days. */
	adstock: strict({
		/** Share of effective exposure carried to the next day, 0–0.99. */
		decay: between(0, 0.99),
		/** 0 = geometric; 1–3 = delayed peak (Erlang-shaped carry-over). */
		delayStages: v.optional(int(0, 3), 0)
	}),
	/** Mean days from effective exposure to conversion (geometric lag). */
	conversionDelayDays: v.optional(between(0, 60), 0),
	/** How often this channel is the last click before a conversion it reached (lower funnel: high). */
	lastTouchWeight: nonNegative(),
	/** Share of conversions among users it reached that the platform claims (view-through), 0–1. */
	platformClaim: share(),
	/** Extra incremental conversions created later through other channels, per direct conversion. */
	haloStrength: v.optional(nonNegative(), 0),
	/** How strongly halo demand raises this channel's volume (brand search: high), per unit of baseline. */
	haloReceptivity: v.optional(nonNegative(), 0),
	/** Share of inventory that is brand-unsafe, 0–1. */
	unsafeShare: v.optional(share(), 0),
	/** Share of the audience who are already customers (wasted unless suppressed), 0–1. */
	existingCustomerShare: v.optional(share(), 0),
	/** Standard deviation of a refreshed creative's quality (mean 1). */
	refreshQualitySd: v.optional(between(0, 1), 0.2),
	/** The creatives that can run on this channel. */
	creatives: list(CreativeSchema, 1, 12, 'creatives')
});

const SegmentSchema = strict({
	/** Stable id, unique in the scenario. */
	id: id(),
	/** Display name. */
	name: label(),
	/** People in the segment. */
	population: v.pipe(num(), v.minValue(1, 'must be at least 1 person')),
	/** Organic conversions per day with zero spend. */
	baselineConversions: nonNegative(),
	/** Propensity to click and convert relative to average (1 = average). */
	propensity: positive(),
	/** Price of reaching this segment relative to the channel's median CPM (1 = average). */
	cpmIndex: v.optional(positive(), 1),
	/** Revenue per order, currency units. */
	orderValue: positive(),
	/** Gross margin on revenue, 0–1. */
	margin: share(),
	/** Repeat orders per active customer per 30 days. */
	repeatOrdersPerMonth: nonNegative(),
	/** Shifted-beta-geometric retention: monthly churn ~ Beta(alpha, beta). */
	retention: strict({ alpha: between(0.01, 100), beta: between(0.01, 1000) })
});

const EventSchema = strict({
	name: label(),
	/** First day (0-based) of the event. */
	startDay: int(0, 3649),
	/** Last day (inclusive). */
	endDay: int(0, 3649),
	/** Demand multiplier while the event lasts (1 = none). */
	demandMultiplier: between(0.01, 20)
});

const RegimeShiftSchema = strict({
	/** Day (0-based) from which the new value holds. */
	day: int(1, 3649),
	/** Field to change, e.g. `channels[social_prospecting].auction.medianCpm` or `segments[0].propensity`. */
	path: v.pipe(v.string('must be a field path'), v.minLength(1, 'must not be empty')),
	/** The new value. */
	value: num()
});

export const ScenarioSchema = strict({
	/** Format version; this build reads 1. */
	version: v.literal(SCENARIO_VERSION, 'must be 1'),
	/** Display name. */
	name: label(),
	/** What the scenario shows, in a sentence or two. */
	description: v.optional(v.pipe(v.string('must be text'), v.maxLength(2000, 'is too long')), ''),
	/** Random seed: the same seed and scenario give the same market, everywhere. */
	seed: int(0, 4294967295),
	/** Horizon, days. */
	days: int(1, 3650),
	/** Date of day 0 (YYYY-MM-DD), for weekdays and seasons in charts. */
	startDate: v.optional(
		v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')),
		'2026-01-05'
	),
	/** Currency code used in labels. */
	currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a 3-letter code')), 'USD'),
	/** Decision/delivery slots per day (pacing works within a day). */
	slotsPerDay: v.optional(int(1, 24), 1),
	/** Per-slot shares of the day's inventory and CPM multipliers (length = slotsPerDay). */
	intraday: v.optional(
		strict({
			inventoryShare: v.array(positive(), 'must be a list'),
			cpmIndex: v.array(positive(), 'must be a list')
		})
	),
	/** Total budget per day, currency units. */
	dailyBudget: positive(),
	/**
	 * The market's past before the pilot starts: `days` of business as usual at the historical
	 * split, with each channel's budget varied in two-week flights by ±`flighting` (log-sd), as
	 * real media plans do. Every policy may learn from it; results count from day 0 of the pilot.
	 */
	history: v.optional(strict({ days: int(0, 730), flighting: between(0, 1) }), {
		days: 0,
		flighting: 0.3
	}),
	/** Demand patterns: multipliers on baseline and incremental conversions. */
	seasonality: v.optional(
		strict({
			/** Multipliers Monday…Sunday (normalised to mean 1). */
			weekly: v.pipe(
				v.array(positive(), 'must be a list of 7 multipliers'),
				v.length(7, 'must have 7 entries, Monday to Sunday')
			),
			/** Amplitude of the yearly cycle, 0–0.9. */
			yearlyAmplitude: between(0, 0.9),
			/** Day of year (0-based from startDate) where the yearly cycle peaks. */
			yearlyPeakDay: int(0, 364),
			/** Demand growth per year (0.1 = +10 %/year). */
			trendPerYear: between(-0.9, 3),
			/** How much CPMs follow demand: CPM multiplier = demand^elasticity. */
			cpmElasticity: between(0, 2)
		}),
		{
			weekly: [1, 1, 1, 1, 1, 1, 1],
			yearlyAmplitude: 0,
			yearlyPeakDay: 0,
			trendPerYear: 0,
			cpmElasticity: 0
		}
	),
	/** Dated demand events (sales, holidays). */
	events: v.optional(list(EventSchema, 0, 100, 'events'), []),
	/** Day-to-day randomness. */
	noise: v.optional(
		strict({
			/** Log-standard deviation of the daily demand shock, 0–1. */
			demandSd: between(0, 1)
		}),
		{ demandSd: 0.05 }
	),
	/** Funnel halo: upper-funnel exposure creating later lower-funnel demand. */
	halo: v.optional(
		strict({
			/** Share of halo demand carried to the next day (lag), 0–0.99. */
			decay: between(0, 0.99)
		}),
		{ decay: 0.7 }
	),
	/** Last-click attribution. */
	attribution: v.optional(
		strict({
			/** Weight of the no-ad path (direct/organic) against the channels' last-touch weights. */
			directWeight: positive()
		}),
		{ directWeight: 1 }
	),
	/** Lifetime value accounting. */
	ltv: v.optional(
		strict({
			/** Days after acquisition counted in LTV. */
			horizonDays: int(1, 3650),
			/** Annual discount rate, 0–1. */
			annualDiscountRate: between(0, 1)
		}),
		{ horizonDays: 365, annualDiscountRate: 0.1 }
	),
	segments: list(SegmentSchema, 1, 16, 'segments'),
	channels: list(ChannelSchema, 1, 32, 'channels'),
	/** Parameter changes on given days (drift). */
	regimeShifts: v.optional(list(RegimeShiftSchema, 0, 100, 'regime shifts'), [])
});

/** A scenario as written (defaults may be omitted). */
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type Channel = Scenario['channels'][number];
export type Creative = Channel['creatives'][number];
export type Segment = Scenario['segments'][number];
export type RegimeShift = Scenario['regimeShifts'][number];

// ---- errors ------------------------------------------------------------------------------------

/** A validation problem: where (a field path like `channels[2].hill.slope`) and what. */
export interface FieldError {
	path: string;
	message: string;
}

/** Either a value or the list of problems, ready to show. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** `channels[2].hill.slope: must be > 0` */
export function formatFieldError(error: FieldError): string {
	return error.path ? `${error.path}: ${error.message}` : error.message;
}

/** Render a path of keys as `a[2].b`. */
export function formatPath(keys: readonly (string | number)[]): string {
	let out = '';
	for (const key of keys) {
		if (typeof key === 'number' || /^\d+$/.test(key)) out += `[${key}]`;
		// Unknown keys can be anything (empty, spaces, quotes): quote those that are not names.
		else if (!/^[A-Za-z_$][\w$-]*$/.test(key)) out += `[${JSON.stringify(key)}]`;
		else out += out ? `.${key}` : key;
	}
	return out;
}

function issuesToErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
	return issues.map((issue) => ({
		path: formatPath((issue.path ?? []).map((item) => item.key as string | number)),
		message: issue.message
	}));
}

// ---- parsing -----------------------------------------------------------------------------------

/** Validate a scenario object (from JSON, a link or the editor). */
export function parseScenario(input: unknown): Parsed<Scenario> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, errors: [{ path: '', message: 'A scenario must be a JSON object.' }] };
	}
	const version = (input as { version?: unknown }).version;
	if (version === undefined) {
		return {
			ok: false,
			errors: [{ path: 'version', message: 'is missing (this build reads version 1)' }]
		};
	}
	if (version !== SCENARIO_VERSION) {
		return {
			ok: false,
			errors: [
				{
					path: 'version',
					message: `${JSON.stringify(version)} is not supported: this build of Marginal reads scenario version ${SCENARIO_VERSION}`
				}
			]
		};
	}
	const result = v.safeParse(ScenarioSchema, input, { abortPipeEarly: true });
	if (!result.success) return { ok: false, errors: issuesToErrors(result.issues) };
	const errors = crossFieldErrors(result.output);
	return errors.length ? { ok: false, errors } : { ok: true, value: result.output };
}

/** Parse scenario JSON text; syntax errors name the line and column. */
export function parseScenarioJson(text: string): Parsed<Scenario> {
	const json = parseJson(text);
	if (!json.ok)
		return { ok: false, errors: [{ path: '', message: `Not valid JSON: ${json.message}` }] };
	return parseScenario(json.value);
}

/** Checks that span several fields: list lengths, unique ids, day ranges, shift paths. */
function crossFieldErrors(s: Scenario): FieldError[] {
	const errors: FieldError[] = [];
	const push = (path: string, message: string) => errors.push({ path, message });
	uniqueIds(s.segments, 'segments', push);
	uniqueIds(s.channels, 'channels', push);
	s.channels.forEach((channel, c) => {
		if (channel.reach.length !== s.segments.length) {
			push(
				`channels[${c}].reach`,
				`must have one share per segment (${s.segments.length}), has ${channel.reach.length}`
			);
		}
		uniqueIds(channel.creatives, `channels[${c}].creatives`, push);
		if (!channel.creatives.some((creative) => creative.active)) {
			push(`channels[${c}].creatives`, 'needs at least one active creative');
		}
	});
	if (!s.channels.some((channel) => channel.historicalShare > 0)) {
		push('channels', 'at least one channel needs a historicalShare > 0');
	}
	if (s.intraday) {
		for (const key of ['inventoryShare', 'cpmIndex'] as const) {
			if (s.intraday[key].length !== s.slotsPerDay) {
				push(`intraday.${key}`, `must have one entry per slot (${s.slotsPerDay})`);
			}
		}
	}
	s.events.forEach((event, i) => {
		if (event.endDay < event.startDay) push(`events[${i}].endDay`, 'must not be before startDay');
	});
	s.regimeShifts.forEach((shift, i) => {
		const problem = checkShiftPath(s, shift.path, shift.value);
		if (problem) push(`regimeShifts[${i}].path`, problem);
		if (shift.day >= s.days)
			push(`regimeShifts[${i}].day`, `must be within the horizon (< ${s.days})`);
	});
	return errors;
}

function uniqueIds(
	items: readonly { id: string }[],
	path: string,
	push: (path: string, message: string) => void
): void {
	const seen = new Map<string, number>();
	items.forEach((item, i) => {
		const first = seen.get(item.id);
		if (first !== undefined)
			push(`${path}[${i}].id`, `"${item.id}" is already used by ${path}[${first}]`);
		else seen.set(item.id, i);
	});
}

// ---- field paths (regime shifts, share-link diffs) ---------------------------------------------

/**
 * Split `channels[social].auction.medianCpm` into keys. A bracket holds an index or an id.
 * Returns null when the path is not well-formed.
 */
export function splitPath(path: string): (string | number)[] | null {
	const keys: (string | number)[] = [];
	const re = /([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|(\.)/gy;
	let match: RegExpExecArray | null;
	let expectKey = true;
	while (re.lastIndex < path.length && (match = re.exec(path))) {
		if (match[1] !== undefined) {
			if (!expectKey) return null;
			keys.push(match[1]);
			expectKey = false;
		} else if (match[2] !== undefined) {
			keys.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
			expectKey = false;
		} else {
			if (expectKey) return null;
			expectKey = true;
		}
	}
	if (re.lastIndex !== path.length || expectKey) return null;
	return keys;
}

/** Resolve keys on a plain object; list entries may be addressed by index or by `id`. */
function resolve(
	root: unknown,
	keys: readonly (string | number)[]
): { parent: Record<string | number, unknown>; key: string | number } | null {
	let node: unknown = root;
	for (let i = 0; i < keys.length; i++) {
		let key = keys[i];
		if (Array.isArray(node) && typeof key === 'string') {
			const index = node.findIndex((item) => (item as { id?: unknown })?.id === key);
			if (index < 0) return null;
			key = index;
		}
		if (typeof node !== 'object' || node === null || !(key in node)) return null;
		if (i === keys.length - 1) return { parent: node as Record<string | number, unknown>, key };
		node = (node as Record<string | number, unknown>)[key];
	}
	return null;
}

function checkShiftPath(s: Scenario, path: string, value: number): string | null {
	const keys = splitPath(path);
	if (!keys) return `"${path}" is not a field path like channels[0].auction.medianCpm`;
	if (
		keys[0] === 'regimeShifts' ||
		keys[0] === 'version' ||
		keys[0] === 'days' ||
		keys[0] === 'slotsPerDay'
	) {
		return `"${keys[0]}" cannot change during a run`;
	}
	const target = resolve(s, keys);
	if (!target) return `"${path}" does not name a field of this scenario`;
	if (typeof target.parent[target.key] !== 'number') return `"${path}" is not a number field`;
	const shifted = applyShift(s, path, value);
	const check = v.safeParse(ScenarioSchema, shifted);
	if (!check.success) {
		const err = issuesToErrors(check.issues)[0];
		return `the new value ${value} is invalid: ${formatFieldError(err)}`;
	}
	return null;
}

/** A copy of the scenario with one numeric field changed (used for regime shifts). */
export function applyShift(s: Scenario, path: string, value: number): Scenario {
	const copy = JSON.parse(JSON.stringify(s)) as Scenario;
	const keys = splitPath(path);
	const target = keys && resolve(copy, keys);
	if (!target) throw new Error(`Unknown scenario field "${path}"`);
	target.parent[target.key] = value;
	return copy;
}
