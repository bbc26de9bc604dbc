/**
 * The one interface every allocator implements (in the spirit of MABWiser's fit/predict and
 * Open Bandit Pipeline's select_action/update_params).
 *
 * A policy sees a `PolicyView`: the layout of the market, the budget, the business's unit
 * economics and the *observables* of completed days — never ground truth (the oracle is the one
 * declared exception). At its cadence it returns a `Decision`: a daily budget per channel ×
 * creative, optional bid caps and creative operations, and the estimates that explain the move.
 * Guardrails (src/lib/guardrails) then clip the decision; the pilot runner
 * (src/lib/experiment) paces it over the day's slots and steps the market.
 *
 * Policy state is plain data (`getState`/`setState`), so a run can be saved and resumed.
 */
import type { Market } from '../sim/market';
import type { Observables } from '../sim/trace';

/** What the allocator maximises. */
export type Objective = 'clicks' | 'conversions' | 'revenue' | 'ltv-profit';

export const OBJECTIVES: readonly Objective[] = ['clicks', 'conversions', 'revenue', 'ltv-profit'];

/** How often a policy decides. */
export type Cadence = 'slot' | 'day' | 'week' | 'month';

/** Funnel stage of a channel. */
export type Stage = 'upper' | 'mid' | 'lower';

/** The market's layout, as a marketer knows it. Index conventions as in sim/compile.ts. */
export interface Layout {
	/** Channels, creative slots per channel, segments. */
	C: number;
	K: number;
	S: number;
	channelIds: readonly string[];
	channelNames: readonly string[];
	stages: readonly Stage[];
	/** Creative id per channel × slot ('' where the slot is empty). */
	creativeIds: readonly string[];
	/** 1 where a creative slot holds a creative [C·K]. */
	creativeExists: Uint8Array;
	segmentIds: readonly string[];
	segmentNames: readonly string[];
}

/** What the business knows a customer is worth, per segment (from its own books). */
export interface Economics {
	/** Revenue per order, currency units [S]. */
	orderValue: Float64Array;
	/** Gross margin on revenue, 0–1 [S]. */
	margin: Float64Array;
	/** Expected lifetime gross margin of a new customer, currency units [S] (the LTV the business plans with). */
	ltvMargin: Float64Array;
}

/** Everything a policy may look at when it decides or learns. Read-only. */
export interface PolicyView {
	/**
	 * The day being decided, counted from the first day of history (0-based). Observables are
	 * complete for days < day. The pilot starts at `pilotStart`; earlier days are the market's
	 * business-as-usual history, there to learn from.
	 */
	day: number;
	/** First day of the pilot (= days of history before it). */
	pilotStart: number;
	/** The slot within the day being decided (0 for daily and slower cadences). */
	slot: number;
	stepsPerDay: number;
	/** Days in the market's record: history plus the pilot horizon. */
	days: number;
	/** Monday = 0 … Sunday = 6, for any day index. */
	weekday(day: number): number;
	/** The business's promotion calendar (sales, holidays): known in advance, effect unknown. Days as `day`. */
	events: readonly { name: string; startDay: number; endDay: number }[];
	layout: Layout;
	/** Creatives live right now [C·K] (policies launch and pause them). */
	creativeActive: Uint8Array;
	/** Budget per day, currency units. */
	dailyBudget: number;
	objective: Objective;
	economics: Economics;
	/** The run's observables; only days < `day` are complete (see sim/trace.ts for layouts). */
	observed: Observables;
}

/** Why a channel's spend moved (a decision carries several per channel). */
export type ReasonTag =
	| 'exploit'
	| 'explore'
	| 'fatigue'
	| 'saturation'
	| 'seasonality'
	| 'rule'
	| 'hold'
	| 'guardrail'
	| 'drift'
	/** The value of a segment's new customers was re-estimated (early LTV predictions). */
	| 'value';

/** A policy's answer. All arrays are owned by the caller once returned (copy if you reuse them). */
export interface Decision {
	/** Daily budget per channel × creative slot, currency units, ≥ 0 [C·K]. */
	spend: Float64Array;
	/** Maximum bid per channel, CPM (Infinity = no cap) [C]; omitted = no caps. */
	bidCap?: Float64Array;
	/** CREATIVE_OP per channel × creative slot (sim/market.ts) [C·K]; omitted = none. */
	creativeOps?: Uint8Array;
	/** Targeting weight per channel × segment (1 = the platform's default delivery) [C·S]; omitted = default. */
	segmentTilt?: Float64Array;
	/** The policy's estimate of the marginal return of the next dollar per channel, on the objective [C]. */
	marginalReturn: Float64Array;
	/** Its uncertainty (posterior or sampling standard deviation) [C]; NaN where the policy has none. */
	uncertainty: Float64Array;
	/** Reason tags per channel [C]. */
	reasons: ReasonTag[][];
}

/** One allocator. `S` is its serializable state. */
export interface Policy<S = unknown> {
	/** Stable id used in configs, links and results (e.g. 'bau-fixed', 'ts-curve'). */
	readonly id: string;
	/** Display name. */
	readonly name: string;
	/** Decision cadence. */
	readonly cadence: Cadence;
	/** True only for the oracle: it reads ground truth and is the upper bound, not a contender. */
	readonly usesGroundTruth?: boolean;
	/** Oracle only: the runner hands it the market it will allocate on. */
	attachMarket?(market: Market): void;
	/**
	 * Learn from what has been observed up to `view.day` (called once per day before any
	 * decision that day, including days where the cadence does not decide).
	 */
	observe(view: PolicyView): void;
	/** Decide the allocation from `view.day` until the next decision. */
	decide(view: PolicyView): Decision;
	/** The policy's learnable state as plain data. */
	getState(): S;
	setState(state: S): void;
}

/** An empty decision sized for a layout. */
export function emptyDecision(layout: Pick<Layout, 'C' | 'K'>): Decision {
	// A plain loop: every policy calls this every decision, and Array.from with a mapping
	// function is several times slower in V8.
	const reasons: ReasonTag[][] = [];
	for (let c = 0; c < layout.C; c++) reasons.push([]);
	return {
		spend: new Float64Array(layout.C * layout.K),
		marginalReturn: new Float64Array(layout.C).fill(NaN),
		uncertainty: new Float64Array(layout.C).fill(NaN),
		reasons
	};
}

/** True on days where a policy of this cadence decides (weeks start day 0; months are 30 days). */
export function decidesOn(cadence: Cadence, day: number, slot: number): boolean {
	switch (cadence) {
		case 'slot':
			return true;
		case 'day':
			return slot === 0;
		case 'week':
			return slot === 0 && day % 7 === 0;
		case 'month':
			return slot === 0 && day % 30 === 0;
	}
}
