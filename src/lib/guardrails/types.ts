/**
 * Guardrails: the limits no allocator can break. The pilot runner passes every decision through
 * `Guardrails.enforce`, paces the enforced daily budget over the day's slots with `pace`, and
 * reports each finished day with `endDay`. Every change a guardrail makes is returned as a
 * `GuardrailClip`, so the decision log can say which rule moved what.
 */
import type { Decision, PolicyView } from '../policies/policy';

/** The rules, as plain validated data (part of pilot configs and share links). */
export interface GuardrailConfig {
	/** Per-channel daily budget range, currency/day, by channel id (missing = 0 … total budget). */
	channelRange: Record<string, { min: number; max: number }>;
	/** Largest change of a channel's daily budget per decision, % of its previous budget (Infinity = none). */
	maxShiftPct: number;
	/** Maximum bid, CPM, currency per 1,000 impressions (Infinity = none). */
	maxBidCpm: number;
	/** Impressions per user per day a channel may show (Infinity = none). */
	frequencyCapPerDay: number;
	/** Impressions per user per 7 days a channel may show (Infinity = none). */
	frequencyCapPerWeek: number;
	/** How a day's budget is spread over its slots. */
	pacing: 'even' | 'front-loaded';
	/** A day may spend up to this multiple of the daily budget while each 30-day period holds its total (ad platforms: 2). */
	maxDailyOverdelivery: number;
	/** Keep existing customers out of audiences. */
	suppressExistingCustomers: boolean;
	/** Keep ads off brand-unsafe inventory. */
	excludeBrandUnsafe: boolean;
	/** Every channel keeps at least this share of the daily budget, 0–1 (exploration floor). */
	minExplorationShare: number;
	/** Halt a channel or creative whose spend since its last reported conversion passes this, currency (Infinity = off). */
	protectionThreshold: number;
}

/** The rules that can clip a decision. */
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
	| 'non-negative';

/** One change a guardrail made to what a policy asked for. */
export interface GuardrailClip {
	day: number;
	rule: GuardrailRule;
	/** Channel index. */
	channel: number;
	/** Creative slot, or -1 when the clip concerns the whole channel. */
	creative: number;
	/** What the policy asked for (currency/day, or CPM for bids). */
	asked: number;
	/** What the guardrail allowed. */
	allowed: number;
}

/** A decision after the guardrails: what the market will actually be asked to do today. */
export interface Enforced {
	/** Daily budget per channel × creative, currency/day [C·K]. */
	spend: Float64Array;
	/** Maximum bid per channel, CPM [C]. */
	bidCap: Float64Array;
	/** Average impressions per audience member per day allowed per channel [C]. */
	frequencyCap: Float64Array;
	excludeUnsafe: Uint8Array;
	suppressExisting: Uint8Array;
	/** Creative operations to apply today [C·K]. */
	creativeOps: Uint8Array;
	/** Targeting weight per channel × segment [C·S]. */
	segmentTilt: Float64Array;
	clips: GuardrailClip[];
}

export interface Guardrails {
	readonly config: GuardrailConfig;
	/**
	 * Clip `decision` for `view.day`. `previous` is the daily spend enforced at the previous
	 * decision [C·K] (all zeros before the first).
	 */
	enforce(decision: Decision, view: PolicyView, previous: Float64Array): Enforced;
	/** Write the budget to offer in `view.slot` of `view.day` into `out` [C·K], from today's enforced daily spend. */
	pace(daily: Float64Array, view: PolicyView, out: Float64Array): void;
	/** Called after each simulated day with the view at the next day (observables of the day complete). */
	endDay(view: PolicyView): void;
	/** Plain-data state (for saving a run). */
	getState(): unknown;
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
