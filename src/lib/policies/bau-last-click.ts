/**
 * BAU (b): monthly reallocation by last-click ROAS — what most teams do at the monthly review.
 * Start from the historical split; every month, measure each channel's ROAS over the last
 * `lookbackDays` as the site's last-click report credits it (value on the objective per unit of
 * spend), and move part of the way toward a split in proportion to share × ROAS:
 *
 *     target_c = share_c · roas_c / Σ_j share_j · roas_j
 *     share_c ← max(minShare, (1 − rate) · share_c + rate · target_c), renormalised.
 *
 * Channels last click flatters (brand search, retargeting) gain budget month after month. The
 * ROAS is an average, but the team treats it as the return of the next dollar: it is reported as
 * `marginalReturn` (objective value per currency unit; clicks per currency unit for 'clicks').
 * The same rule on platform-reported numbers is BAU (c), bau-platform-roas.ts.
 */
import * as v from 'valibot';
import { formatPath, type Parsed } from '../sim/scenario';
import { creativeSpend, lastClickValue, splitOverCreatives } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';

const shareSchema = v.pipe(
	v.number('must be a number'),
	v.finite('must be a finite number'),
	v.minValue(0, 'must be ≥ 0')
);
const between = (min: number, max: number) =>
	v.pipe(
		v.number('must be a number'),
		v.finite('must be a finite number'),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);

/** The settings both ROAS-shift BAUs share (valibot entries; defaults in the doc comments). */
export const roasShiftEntries = {
	/** Starting budget share per channel by channel id (normalised; missing channels get 0). */
	shares: v.pipe(
		v.record(v.string(), shareSchema, 'must be an object of shares by channel id'),
		v.check(
			(shares) => Object.values(shares).some((x) => x > 0),
			'needs a share > 0 for at least one channel'
		)
	),
	/** Share of the way moved toward the ROAS-weighted split each month, 0–1 (default 0.3). */
	rate: v.optional(between(0, 1), 0.3),
	/** Days of reports the ROAS is measured over, 1–365 (default 30). */
	lookbackDays: v.optional(
		v.pipe(between(1, 365), v.integer('must be a whole number of days')),
		30
	),
	/**
	 * Smallest share a channel with a starting share keeps, 0–0.5 (default 0.02: teams keep a toe
	 * in every channel they run).
	 */
	minShare: v.optional(between(0, 0.5), 0.02)
};

/** A strict object: unknown fields are errors (a misspelt setting must not pass silently). */
export const strictConfig = <T extends v.ObjectEntries>(entries: T) =>
	v.strictObject(entries, (issue) =>
		issue.expected === 'never'
			? 'is not a setting of this policy (misspelt?)'
			: issue.received === 'undefined'
				? 'is missing'
				: 'must be an object'
	);

/** Schema of the BAU (b) config: `{ kind: 'bau-last-click', shares, rate?, lookbackDays?, minShare? }`. */
export const BauLastClickSchema = strictConfig({
	kind: v.literal('bau-last-click', 'must be "bau-last-click"'),
	...roasShiftEntries
});

/** Config of BAU (b), validated (see `parseBauLastClick`). */
export type BauLastClickConfig = v.InferOutput<typeof BauLastClickSchema>;
/** As written: every field but `kind` and `shares` may be omitted. */
export type BauLastClickInput = v.InferInput<typeof BauLastClickSchema>;

/** Validate a config; errors name the field (`rate: must be between 0 and 1`). */
export function parseConfig<T>(schema: v.GenericSchema<unknown, T>, input: unknown): Parsed<T> {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, value: result.output };
	return {
		ok: false,
		errors: result.issues.map((issue) => ({
			path: formatPath((issue.path ?? []).map((item) => item.key as string | number)),
			message: issue.message
		}))
	};
}

/** Validate a BAU (b) config and fill its defaults. */
export function parseBauLastClick(input: unknown): Parsed<BauLastClickConfig> {
	return parseConfig(BauLastClickSchema, input);
}

/** The learnable state of a ROAS-shift BAU: the current split. */
export interface RoasShiftState {
	/** Budget share per channel index, summing to 1 (empty before the first decision). */
	shares: number[];
}

/** Settings of the shared monthly rule (a validated (b) or (c) config). */
export type RoasShiftSettings = Pick<
	BauLastClickConfig,
	'shares' | 'rate' | 'lookbackDays' | 'minShare'
>;

/**
 * Give every eligible channel at least `min` of the split (channels never funded stay at 0) and
 * rescale the others so the shares still sum to 1. Shares are changed in place.
 */
export function floorShares(
	shares: Float64Array,
	min: number,
	eligible: (c: number) => boolean
): Float64Array {
	const C = shares.length;
	const fixed = new Uint8Array(C);
	let eligibleCount = 0;
	for (let c = 0; c < C; c++) if (eligible(c)) eligibleCount++;
	// More floor than budget: an even split over the eligible channels.
	const floor = eligibleCount * min >= 1 ? 1 / Math.max(1, eligibleCount) : min;
	for (let pass = 0; pass <= C; pass++) {
		let fixedTotal = 0;
		let free = 0;
		for (let c = 0; c < C; c++) {
			if (fixed[c]) fixedTotal += floor;
			else free += shares[c];
		}
		const scale = free > 0 ? (1 - fixedTotal) / free : 0;
		let changed = false;
		for (let c = 0; c < C; c++) {
			if (fixed[c]) shares[c] = floor;
			else {
				shares[c] *= scale;
				if (eligible(c) && shares[c] < floor) {
					fixed[c] = 1;
					changed = true;
				}
			}
		}
		if (!changed) break;
	}
	return shares;
}

/**
 * The monthly ROAS-shift rule, on whichever report `valueOf` reads: the value on the objective
 * each channel is credited with on a day [C].
 */
export function createRoasShift(
	identity: { id: string; name: string },
	settings: RoasShiftSettings,
	valueOf: (view: PolicyView, day: number, out: Float64Array<ArrayBuffer>) => Float64Array
): Policy<RoasShiftState> {
	let shares: Float64Array | null = null;
	return {
		id: identity.id,
		name: identity.name,
		cadence: 'month',
		observe() {},
		decide(view: PolicyView): Decision {
			const { C, K, channelIds } = view.layout;
			const decision = emptyDecision(view.layout);
			const roas = decision.marginalReturn;
			const first = shares === null;
			if (!shares) {
				shares = new Float64Array(C);
				let total = 0;
				for (let c = 0; c < C; c++) total += settings.shares[channelIds[c]] ?? 0;
				for (let c = 0; c < C; c++)
					shares[c] = total > 0 ? (settings.shares[channelIds[c]] ?? 0) / total : 1 / C;
			}
			// ROAS per channel over the lookback (history counts: it is the same team's reports).
			const spend = new Float64Array(C);
			const value = new Float64Array(C);
			const daySpend = new Float64Array(C * K);
			const dayValue = new Float64Array(C);
			for (let d = Math.max(0, view.day - settings.lookbackDays); d < view.day; d++) {
				creativeSpend(view, d, daySpend);
				valueOf(view, d, dayValue);
				for (let c = 0; c < C; c++) {
					for (let k = 0; k < K; k++) spend[c] += daySpend[c * K + k];
					value[c] += dayValue[c];
				}
			}
			let spendTotal = 0;
			let valueTotal = 0;
			for (let c = 0; c < C; c++) {
				spendTotal += spend[c];
				valueTotal += value[c];
				// A channel without spend has no ROAS to report (NaN), and keeps its share below.
				roas[c] = spend[c] > 0 ? value[c] / spend[c] : NaN;
			}
			const average = spendTotal > 0 ? valueTotal / spendTotal : 0;
			if (!first && average > 0) {
				const target = new Float64Array(C);
				let weight = 0;
				for (let c = 0; c < C; c++) {
					target[c] = shares[c] * (Number.isNaN(roas[c]) ? average : roas[c]);
					weight += target[c];
				}
				for (let c = 0; c < C; c++)
					shares[c] = (1 - settings.rate) * shares[c] + (settings.rate * target[c]) / weight;
				floorShares(shares, settings.minShare, (c) => (settings.shares[channelIds[c]] ?? 0) > 0);
			}
			const budget = new Float64Array(C);
			for (let c = 0; c < C; c++) {
				budget[c] = view.dailyBudget * shares[c];
				decision.reasons[c].push('rule');
			}
			splitOverCreatives(view, budget, decision.spend);
			return decision;
		},
		getState: () => ({ shares: shares ? Array.from(shares) : [] }),
		setState(state) {
			shares = state.shares.length ? Float64Array.from(state.shares) : null;
		}
	};
}

/** BAU (b): shift budget monthly toward the channels with the best last-click ROAS. */
export function createBauLastClick(config: BauLastClickConfig): Policy<RoasShiftState> {
	return createRoasShift(
		{ id: 'bau-last-click', name: 'BAU: monthly shift by last-click ROAS' },
		config,
		lastClickValue
	);
}
