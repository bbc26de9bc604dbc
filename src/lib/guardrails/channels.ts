/**
 * The channel budget rules of one decision, resolved together: availability, total budget,
 * channel range, exploration floor and maximum shift. Precedence (highest first):
 *
 *   1. availability — a channel that cannot run (no live creative, or halted) gets 0;
 *   2. total budget — Σ ≤ maxDailyOverdelivery × daily budget;
 *   3. channel maximum;
 *   4. floors: the channel minimum and the exploration floor (share × daily budget), whichever is
 *      larger, never above the maximum; when the floors of the channels that can run add up to
 *      more than the daily budget, all are scaled down by the same factor to fit it;
 *   5. maximum shift: within ±maxShiftPct % of max(previous, budget / channels) of the previous
 *      decision — unless a higher rule forces the channel outside that band;
 *   6. the policy's request, clamped into the band; when the total is still over budget, the part
 *      of each channel above its lower bound is scaled down by one common factor.
 *
 * The result meets every rule at once whenever they can all hold; otherwise the higher rule wins.
 * No rule adds budget except floors and the shift's lower bound: unspent budget stays unspent (and
 * shows in the summary) rather than going to channels the policy did not choose.
 */
import type { GuardrailClip, GuardrailRule } from './types';

/** Relative changes below this are float rounding, not a rule binding (enforced, not reported). */
export const ROUNDING = 1e-9;

/** What the channel rules need to know, per channel [C] unless noted. */
export interface ChannelRules {
	/** Daily budget, currency/day. */
	dailyBudget: number;
	/** The day's total may reach this multiple of the daily budget (≥ 1). */
	maxDailyOverdelivery: number;
	/** Channel minimum and maximum, currency/day. */
	min: ArrayLike<number>;
	max: ArrayLike<number>;
	/** Exploration floor, share of the daily budget, 0–1. */
	minExplorationShare: number;
	/** Largest change per decision, % (Infinity = none). */
	maxShiftPct: number;
}

/** The bounds a decision was clipped into, per channel, currency/day [C] (for "why not more"). */
export interface ChannelBounds {
	/** Lowest budget allowed (floors and the shift band). */
	lower: Float64Array;
	/** Highest budget allowed (availability, maximum and the shift band). */
	upper: Float64Array;
}

/**
 * Clip the channel totals `asked` [C] to the rules. `available[c]` = 0 when the channel cannot run
 * (the caller records why). `previous` is the previous decision's channel totals, or null for
 * the first decision (no shift limit). Returns the allowed totals; clips are appended per rule.
 */
export function boundChannelBudgets(
	asked: ArrayLike<number>,
	available: ArrayLike<number>,
	previous: ArrayLike<number> | null,
	rules: ChannelRules,
	day: number,
	clips: GuardrailClip[],
	bounds?: ChannelBounds
): Float64Array {
	const C = asked.length;
	const B = rules.dailyBudget;
	const total = B * rules.maxDailyOverdelivery;
	const hi = new Float64Array(C);
	const floor = new Float64Array(C);
	let floorSum = 0;
	for (let c = 0; c < C; c++) {
		if (!available[c]) continue;
		hi[c] = Math.min(rules.max[c], total);
		floor[c] = Math.min(Math.max(rules.min[c], rules.minExplorationShare * B), hi[c]);
		floorSum += floor[c];
	}
	if (floorSum > B) {
		const scale = B / floorSum;
		for (let c = 0; c < C; c++) floor[c] *= scale;
	}
	// The shift band around the previous decision, intersected with [floor, hi].
	const lo = Float64Array.from(floor);
	const up = Float64Array.from(hi);
	if (previous && rules.maxShiftPct !== Infinity) {
		const share = B / C;
		let loSum = 0;
		for (let c = 0; c < C; c++) {
			const delta = (rules.maxShiftPct / 100) * Math.max(previous[c], share);
			lo[c] = Math.min(Math.max(floor[c], previous[c] - delta), hi[c]);
			up[c] = Math.max(Math.min(hi[c], previous[c] + delta), lo[c]);
			loSum += lo[c];
		}
		if (loSum > total) {
			// The shift's lower bounds yield to the total budget (floors alone fit: Σ floor ≤ B).
			let floorTotal = 0;
			for (let c = 0; c < C; c++) floorTotal += floor[c];
			const t = (total - floorTotal) / (loSum - floorTotal);
			for (let c = 0; c < C; c++) lo[c] = floor[c] + (lo[c] - floor[c]) * t;
		}
	}

	const out = new Float64Array(C);
	let sum = 0;
	let loSum = 0;
	for (let c = 0; c < C; c++) {
		let x = asked[c];
		if (!available[c]) {
			out[c] = 0;
			continue;
		}
		if (x > hi[c]) {
			const rule: GuardrailRule = rules.max[c] <= total ? 'channel-max' : 'total-budget';
			clips.push({ day, rule, channel: c, creative: -1, asked: x, allowed: hi[c] });
			x = hi[c];
		}
		if (x < floor[c]) {
			const rule: GuardrailRule =
				rules.min[c] >= rules.minExplorationShare * B ? 'channel-min' : 'exploration-floor';
			clips.push({ day, rule, channel: c, creative: -1, asked: x, allowed: floor[c] });
			x = floor[c];
		}
		const banded = Math.min(Math.max(x, lo[c]), up[c]);
		if (banded !== x) {
			clips.push({ day, rule: 'max-shift', channel: c, creative: -1, asked: x, allowed: banded });
			x = banded;
		}
		out[c] = x;
		sum += x;
		loSum += lo[c];
	}
	if (sum > total) {
		// Scale the part above each lower bound by one factor: Σ lo ≤ total, so 0 ≤ t < 1.
		const t = Math.max(0, (total - loSum) / (sum - loSum));
		for (let c = 0; c < C; c++) {
			if (!available[c]) continue;
			const x = lo[c] + (out[c] - lo[c]) * t;
			// Float rounding of shares that sum to the budget is enforced without a clip.
			if (out[c] - x > ROUNDING * total) {
				clips.push({
					day,
					rule: 'total-budget',
					channel: c,
					creative: -1,
					asked: out[c],
					allowed: x
				});
			}
			out[c] = x;
		}
	}
	if (bounds) {
		bounds.lower.set(lo);
		bounds.upper.set(up);
	}
	return out;
}
