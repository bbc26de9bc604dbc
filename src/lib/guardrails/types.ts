/**
 * Guardrails: the limits no allocator can break. The pilot runner passes every decision through
 * `Guardrails.enforce`, hands each market step to `control` (pacing over the day's slots, the
 * 30-day budget window, frequency caps from the trailing week, budget-protection halts), and
 * reports each finished day with `endDay`. Every change a guardrail makes is returned as a
 * `GuardrailClip`, so the decision log can say which rule moved what.
 *
 * Precedence when rules conflict (highest first; see guardrails.ts):
 *   1. valid input (finite, ≥ 0 spend; known creative ops; usable targeting),
 *   2. budget protection and creative availability (a halted channel or creative, or one with
 *      no live creative, gets 0),
 *   3. total budget: the day's total ≤ maxDailyOverdelivery × daily budget, and every 30-day
 *      window of the pilot ≤ 30 × daily budget (pacing cuts a day when the window is used up),
 *   4. channel maximum (channelRange.max),
 *   5. channel minimum and exploration floor — scaled down together when they do not fit the
 *      daily budget, and never above the channel maximum,
 *   6. maximum shift per decision,
 *   7. the policy's request.
 * The result meets all of them at once whenever they can all hold. Bid caps, frequency caps,
 * brand safety and suppression act on other controls and never conflict with the budget rules;
 * they can leave budget unspent, which `summary.ts` (budgetUse, bindingConstraints) shows.
 */
import type { Decision, PolicyView } from '../policies/policy';
import type { MarketAction } from '../sim/market';

/** The rules, as plain validated data (part of pilot configs and share links). */
export interface GuardrailConfig {
	/** Per-channel daily budget range, currency/day, by channel id (missing = 0 … total budget). */
	channelRange: Record<string, { min: number; max: number }>;
	/**
	 * Largest change of a channel's daily budget per decision, % of its previous budget — or of an
	 * even share of the daily budget (budget / channels) when that is larger, so a channel at or
	 * near zero can restart. Not applied to the first decision. (Infinity = none.)
	 */
	maxShiftPct: number;
	/** Maximum bid, CPM, currency per 1,000 impressions (Infinity = none). */
	maxBidCpm: number;
	/**
	 * Impressions per user per day a channel may show (Infinity = none). The market caps the
	 * average over its audience, so this is applied as an average per audience member.
	 */
	frequencyCapPerDay: number;
	/**
	 * Impressions per user per 7 days a channel may show (Infinity = none): each day's cap is what
	 * the trailing 6 days left of it, measured from the platform's reach report.
	 */
	frequencyCapPerWeek: number;
	/**
	 * How a day's budget is spread over its slots: 'even' offers the remaining budget evenly over
	 * the slots left; 'front-loaded' weights slot j of n by n − j (what a slot leaves rolls on).
	 */
	pacing: 'even' | 'front-loaded';
	/**
	 * A day may spend up to this multiple of the daily budget while every rolling 30-day window of
	 * the pilot holds 30 × the daily budget (ad platforms: 2). 1 = no overdelivery.
	 */
	maxDailyOverdelivery: number;
	/** Keep existing customers out of audiences. */
	suppressExistingCustomers: boolean;
	/** Keep ads off brand-unsafe inventory. */
	excludeBrandUnsafe: boolean;
	/** Every channel that can run keeps at least this share of the daily budget, 0–1 (exploration floor). */
	minExplorationShare: number;
	/**
	 * Halt a channel or creative whose spend since its last platform-reported conversion reaches
	 * this, currency units (Infinity = off). Spend is offered only up to the threshold, and a
	 * halt lasts for the rest of the run (a person has to look at it).
	 */
	protectionThreshold: number;
}

/**
 * The rules that can clip a decision. `inactive-creative` moves budget off creative slots that
 * are paused or empty (the market would not spend it); `invalid-input` replaces creative
 * operations and targeting weights the market cannot use.
 */
export type GuardrailRule =
	| 'total-budget'
	| 'channel-min'
	| 'channel-max'
	| 'max-shift'
	| 'max-bid'
	| 'frequency-cap'
	| 'pacing'
	| 'exploration-floor'
	| 'budget-protection'
	| 'non-negative'
	| 'inactive-creative'
	| 'invalid-input';

/** Every rule, in precedence order (highest first), for legends and summaries. */
export const GUARDRAIL_RULES: readonly GuardrailRule[] = [
	'non-negative',
	'invalid-input',
	'budget-protection',
	'inactive-creative',
	'total-budget',
	'pacing',
	'channel-max',
	'channel-min',
	'exploration-floor',
	'max-shift',
	'max-bid',
	'frequency-cap'
];

/** One change a guardrail made to what a policy asked for. */
export interface GuardrailClip {
	/** Pilot day of the change (0 = the pilot's first day, as in the decision log). */
	day: number;
	rule: GuardrailRule;
	/** Channel index. */
	channel: number;
	/** Creative slot, or -1 when the clip concerns the whole channel. */
	creative: number;
	/**
	 * What the policy asked for: currency/day for budgets, CPM for bids (`max-bid`), impressions
	 * per audience member per day for `frequency-cap`, the op code or targeting weight for
	 * `invalid-input`. Clips of one decision chain: each rule's `asked` is the previous rule's
	 * `allowed`.
	 */
	asked: number;
	/** What the guardrail allowed, same unit as `asked`. */
	allowed: number;
	/** Segment index, for targeting-weight clips only. */
	segment?: number;
}

/** A decision after the guardrails: what the market will actually be asked to do today. */
export interface Enforced {
	/** Daily budget per channel × creative, currency/day [C·K]. */
	spend: Float64Array;
	/** Maximum bid per channel, CPM [C]. */
	bidCap: Float64Array;
	/** Average impressions per audience member per day allowed per channel [C]. */
	frequencyCap: Float64Array;
	/** 1 = keep this channel's ads off brand-unsafe inventory [C]. */
	excludeUnsafe: Uint8Array;
	/** 1 = keep existing customers out of this channel's audience [C]. */
	suppressExisting: Uint8Array;
	/** Creative operations to apply today [C·K]. */
	creativeOps: Uint8Array;
	/** Targeting weight per channel × segment [C·S]. */
	segmentTilt: Float64Array;
	/** Every change made to the decision, in rule order per channel. */
	clips: GuardrailClip[];
}

/** The guardrails of one run (see createGuardrails in guardrails.ts). */
export interface Guardrails {
	readonly config: GuardrailConfig;
	/**
	 * Clip `decision` for `view.day`. `previous` is the daily spend enforced at the previous
	 * decision [C·K] (all zeros before the first).
	 */
	enforce(decision: Decision, view: PolicyView, previous: Float64Array): Enforced;
	/** Write the budget to offer in `view.slot` of `view.day` into `out` [C·K], from today's enforced daily spend. */
	pace(daily: Float64Array, view: PolicyView, out: Float64Array): void;
	/**
	 * Before each market step: write the slot's budget into `action.spend` (pacing, the 30-day
	 * window, budget-protection halts) and today's frequency caps into `action.frequencyCap`
	 * (the weekly cap tracked from the observables). Returns the clips made between decisions
	 * (pacing cuts, new halts, weekly caps that bind); usually none.
	 */
	control(daily: Float64Array, view: PolicyView, action: MarketAction): GuardrailClip[];
	/** Called after each simulated day with the view at the next day (observables of the day complete). */
	endDay(view: PolicyView): void;
	/** Plain-data state (for saving a run). */
	getState(): unknown;
	/** Restore a state from `getState` (same config and layout). */
	setState?(state: unknown): void;
}

/** Defaults: the scenario's budget, no other limits beyond what an ad platform does anyway. */
export const DEFAULT_GUARDRAILS: GuardrailConfig = {
	channelRange: {},
	maxShiftPct: Infinity,
	maxBidCpm: Infinity,
	frequencyCapPerDay: Infinity,
	frequencyCapPerWeek: Infinity,
	pacing: 'even',
	maxDailyOverdelivery: 1,
	suppressExistingCustomers: false,
	excludeBrandUnsafe: false,
	minExplorationShare: 0,
	protectionThreshold: Infinity
};
