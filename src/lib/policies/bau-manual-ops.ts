/**
 * BAU (d): manual operations on a fixed budget split — what an account manager does every week.
 * The budget keeps the historical split; the levers are the ones in the platforms' UIs:
 *
 * - Weekly bid caps (every `reviewEveryDays`): the first review sets each channel's cap to its
 *   observed CPM × `initialBidHeadroom`; later reviews lower it by `bidStep` when the channel's
 *   platform CPA over the week is above target × (1 + bidTolerance), and raise it by `bidStep`
 *   when the CPA is below target × (1 − bidTolerance) or the channel spent less than
 *   (1 − bidTolerance) of its budget (the cap is starving delivery).
 * - Creative pauses (same reviews): pause a creative whose platform CPA since the last review
 *   (spend / max(conversions, 1), so a creative that spent more than the limit without any
 *   conversion counts) is more than `pauseOver` above the channel's target; the channel's best
 *   creative always stays live.
 * - Quarterly refresh (every `refreshEveryDays`): replace every live or rule-paused creative by a
 *   new one (CREATIVE_OP.refresh), fresh and live.
 *
 * Target CPA per channel (currency per platform conversion): from the config, or the channel's
 * own platform CPA over the `targetDays` before the first review (history counts).
 * `marginalReturn` is the platform-reported value on the objective per unit of spend over the last
 * review window, the number the manager watches. Days count from the policy's first decision.
 */
import * as v from 'valibot';
import { CREATIVE_OP } from '../sim/market';
import type { Parsed } from '../sim/scenario';
import { parseConfig, roasShiftEntries, strictConfig } from './bau-last-click';
import { creativeSpend, channelCellTotal, platformValue } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';

const num = () => v.pipe(v.number('must be a number'), v.finite('must be a finite number'));
const between = (min: number, max: number) =>
	v.pipe(
		num(),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
const days = (min: number, max: number, fallback: number) =>
	v.optional(v.pipe(between(min, max), v.integer('must be a whole number of days')), fallback);

/** Schema of the BAU (d) config: `{ kind: 'bau-manual-ops', shares, targetCpa?, … }`. */
export const BauManualOpsSchema = strictConfig({
	kind: v.literal('bau-manual-ops', 'must be "bau-manual-ops"'),
	/** Budget share per channel by channel id (normalised; missing channels get 0). */
	shares: roasShiftEntries.shares,
	/** Target platform CPA per channel id, currency per conversion (missing: from history). */
	targetCpa: v.optional(
		v.record(
			v.string(),
			v.pipe(num(), v.gtValue(0, 'must be > 0')),
			'must be an object of CPAs by channel id'
		),
		{}
	),
	/** Days of reports a missing target is measured over (default 28). */
	targetDays: days(1, 365, 28),
	/** Days between reviews of bids and creatives (default 7: weekly). */
	reviewEveryDays: days(1, 90, 7),
	/** Pause a creative whose CPA is more than this share over target, 0–10 (default 0.2 = 20 %). */
	pauseOver: v.optional(between(0, 10), 0.2),
	/** Relative change of a bid cap per review, 0–0.9 (default 0.1). */
	bidStep: v.optional(between(0, 0.9), 0.1),
	/** CPA band around target where bids are left alone, share, 0–1 (default 0.1). */
	bidTolerance: v.optional(between(0, 1), 0.1),
	/** First bid cap as a multiple of the observed CPM, 1–10 (default 1.5). */
	initialBidHeadroom: v.optional(between(1, 10), 1.5),
	/** Days between creative refreshes (default 90: quarterly). */
	refreshEveryDays: days(7, 3650, 90)
});

/** Config of BAU (d), validated (see `parseBauManualOps`). */
export type BauManualOpsConfig = v.InferOutput<typeof BauManualOpsSchema>;
/** As written: every field but `kind` and `shares` may be omitted. */
export type BauManualOpsInput = v.InferInput<typeof BauManualOpsSchema>;

/** Validate a BAU (d) config and fill its defaults. */
export function parseBauManualOps(input: unknown): Parsed<BauManualOpsConfig> {
	return parseConfig(BauManualOpsSchema, input);
}

/** The manager's notes, as plain data (null = not known yet). */
export interface ManualOpsState {
	/** Day (view.day) of the first decision. */
	startDay: number | null;
	/** Target CPA per channel, currency per conversion [C]. */
	targetCpa: (number | null)[];
	/** Bid cap per channel, CPM (null = no cap yet) [C]. */
	bidCap: (number | null)[];
	/** 1 where this policy paused the creative slot [C·K]. */
	pausedByRule: number[];
	/** Day from which each slot's reports count (its last refresh) [C·K]. */
	creativeSince: number[];
}

/** BAU (d): weekly bid caps, CPA-based creative pauses, quarterly refreshes. */
export function createBauManualOps(config: BauManualOpsConfig): Policy<ManualOpsState> {
	let state: ManualOpsState = {
		startDay: null,
		targetCpa: [],
		bidCap: [],
		pausedByRule: [],
		creativeSince: []
	};

	/** Spend and platform conversions over days [from, to) per channel × creative. */
	function totals(view: PolicyView, from: number, to: number) {
		const { C, K } = view.layout;
		const spend = new Float64Array(C * K);
		const conversions = new Float64Array(C * K);
		const day = new Float64Array(C * K);
		for (let d = Math.max(0, from); d < to; d++) {
			creativeSpend(view, d, day);
			for (let ck = 0; ck < C * K; ck++) {
				spend[ck] += day[ck];
				conversions[ck] += view.observed.platformConversions[d * C * K + ck];
			}
		}
		return { spend, conversions };
	}

	function learnTargets(view: PolicyView): void {
		const { C, K, channelIds } = view.layout;
		const from = view.day - config.targetDays;
		// Summed only when a channel still needs its target: once all are learned (the first
		// weeks) the window's totals would go unread every day.
		let window: ReturnType<typeof totals> | null = null;
		for (let c = 0; c < C; c++) {
			if (state.targetCpa[c] !== null) continue;
			const given = config.targetCpa[channelIds[c]];
			if (given !== undefined) {
				state.targetCpa[c] = given;
				continue;
			}
			if (from < 0) continue;
			window ??= totals(view, from, view.day);
			let spend = 0;
			let conversions = 0;
			for (let k = 0; k < K; k++) {
				spend += window.spend[c * K + k];
				conversions += window.conversions[c * K + k];
			}
			if (conversions > 0) state.targetCpa[c] = spend / conversions;
		}
	}

	function review(view: PolicyView, budget: Float64Array, ops: Uint8Array): void {
		const { C, K } = view.layout;
		const from = view.day - config.reviewEveryDays;
		const week = totals(view, from, view.day);
		const impressions = new Float64Array(C);
		const dayImpressions = new Float64Array(C);
		for (let d = Math.max(0, from); d < view.day; d++) {
			channelCellTotal(view, 'impressions', d, dayImpressions);
			for (let c = 0; c < C; c++) impressions[c] += dayImpressions[c];
		}
		for (let c = 0; c < C; c++) {
			const target = state.targetCpa[c];
			if (target === null) continue;
			let spend = 0;
			let conversions = 0;
			for (let k = 0; k < K; k++) {
				spend += week.spend[c * K + k];
				conversions += week.conversions[c * K + k];
			}
			// Bids: set from the observed CPM once, then nudge toward the target CPA.
			const cap = state.bidCap[c];
			if (cap === null) {
				if (impressions[c] > 0)
					state.bidCap[c] = ((1000 * spend) / impressions[c]) * config.initialBidHeadroom;
			} else if (spend > 0) {
				const cpa = spend / Math.max(conversions, 1);
				const underspent = spend < (1 - config.bidTolerance) * budget[c] * config.reviewEveryDays;
				if (cpa > target * (1 + config.bidTolerance)) state.bidCap[c] = cap * (1 - config.bidStep);
				else if (cpa < target * (1 - config.bidTolerance) || underspent)
					state.bidCap[c] = cap * (1 + config.bidStep);
			}
			// Creatives: pause those over the limit, never the channel's best live one.
			let best = -1;
			let bestCpa = Infinity;
			const cpa = new Float64Array(K).fill(NaN);
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				if (!view.creativeActive[ck]) continue;
				// Reports count from the creative's last refresh and cover at least one full review.
				if (state.creativeSince[ck] > from) continue;
				cpa[k] = week.spend[ck] / Math.max(week.conversions[ck], 1);
				if (cpa[k] < bestCpa) {
					bestCpa = cpa[k];
					best = k;
				}
			}
			let live = 0;
			for (let k = 0; k < K; k++) live += view.creativeActive[c * K + k];
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				if (k === best || live <= 1 || !(cpa[k] > target * (1 + config.pauseOver))) continue;
				ops[ck] = CREATIVE_OP.pause;
				state.pausedByRule[ck] = 1;
				live--;
			}
		}
	}

	return {
		id: 'bau-manual-ops',
		name: 'BAU: manual operations',
		cadence: 'day',
		observe() {},
		decide(view: PolicyView): Decision {
			const { C, K, channelIds } = view.layout;
			if (state.startDay === null) {
				state = {
					startDay: view.day,
					targetCpa: new Array(C).fill(null),
					bidCap: new Array(C).fill(null),
					pausedByRule: new Array(C * K).fill(0),
					creativeSince: new Array(C * K).fill(0)
				};
			}
			const t = view.day - (state.startDay ?? view.day);
			const decision = emptyDecision(view.layout);
			const ops = new Uint8Array(C * K);
			learnTargets(view);
			const budget = new Float64Array(C);
			let shareTotal = 0;
			for (let c = 0; c < C; c++) shareTotal += config.shares[channelIds[c]] ?? 0;
			for (let c = 0; c < C; c++) {
				const share = config.shares[channelIds[c]] ?? 0;
				budget[c] = shareTotal > 0 ? (view.dailyBudget * share) / shareTotal : 0;
			}
			if (t > 0 && t % config.reviewEveryDays === 0) review(view, budget, ops);
			const refresh = t > 0 && t % config.refreshEveryDays === 0;
			if (refresh) {
				for (let ck = 0; ck < C * K; ck++) {
					if (!view.layout.creativeExists[ck]) continue;
					if (!view.creativeActive[ck] && !state.pausedByRule[ck]) continue;
					ops[ck] = CREATIVE_OP.refresh;
					state.pausedByRule[ck] = 0;
					state.creativeSince[ck] = view.day;
				}
			}
			// The fixed split over the creatives live once today's operations apply.
			for (let c = 0; c < C; c++) {
				let live = 0;
				for (let k = 0; k < K; k++) live += isLive(view, ops, c * K + k);
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					decision.spend[ck] = live > 0 ? (budget[c] * isLive(view, ops, ck)) / live : 0;
				}
				decision.reasons[c].push('rule');
				if (refresh) decision.reasons[c].push('fatigue');
			}
			const bidCap = new Float64Array(C);
			for (let c = 0; c < C; c++) bidCap[c] = state.bidCap[c] ?? Infinity;
			decision.bidCap = bidCap;
			decision.creativeOps = ops;
			// Platform ROAS over the last review window, as the manager reads it.
			const value = new Float64Array(C);
			const dayValue = new Float64Array(C);
			const spend = new Float64Array(C);
			const daySpend = new Float64Array(C);
			for (let d = Math.max(0, view.day - config.reviewEveryDays); d < view.day; d++) {
				platformValue(view, d, dayValue);
				channelCellTotal(view, 'spend', d, daySpend);
				for (let c = 0; c < C; c++) {
					value[c] += dayValue[c];
					spend[c] += daySpend[c];
				}
			}
			for (let c = 0; c < C; c++)
				decision.marginalReturn[c] = spend[c] > 0 ? value[c] / spend[c] : NaN;
			return decision;
		},
		getState: () => copyState(state),
		setState(saved) {
			state = copyState(saved);
		}
	};
}

function copyState(s: ManualOpsState): ManualOpsState {
	return {
		startDay: s.startDay,
		targetCpa: [...s.targetCpa],
		bidCap: [...s.bidCap],
		pausedByRule: [...s.pausedByRule],
		creativeSince: [...s.creativeSince]
	};
}

/** 1 when slot ck runs once `ops` apply (pause stops it, refresh or launch starts it). */
function isLive(view: PolicyView, ops: Uint8Array, ck: number): number {
	if (!view.layout.creativeExists[ck]) return 0;
	if (ops[ck] === CREATIVE_OP.pause) return 0;
	if (ops[ck] === CREATIVE_OP.refresh || ops[ck] === CREATIVE_OP.launch) return 1;
	return view.creativeActive[ck] ? 1 : 0;
}
