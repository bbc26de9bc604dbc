/**
 * Fitting a bandit allocator's channel budgets to what can actually be spent: channels whose
 * creatives are all paused pass their budget on, channels that could not spend yesterday's
 * budget (inventory bought out, auction lost) are capped near what they did spend, and the
 * total never exceeds the daily budget. Budget moved off a capped channel goes to the others in
 * proportion to their budgets.
 */
import type { ReasonTag } from './policy';

/** A channel that spent less than this share of its budget was limited by delivery. */
export const DELIVERY_LIMITED = 0.97;
/** Room a delivery-limited channel gets above what it spent, to follow its inventory up. */
export const DELIVERY_HEADROOM = 1.05;
/** Growth of the cap per day while a capped channel spends all it is given. */
export const CAPACITY_GROWTH = 1.1;

/**
 * Update each channel's delivery capacity [C] (currency/day, Infinity = no limit seen) from
 * the budget it was given yesterday and what it spent: under `DELIVERY_LIMITED` of it, the
 * capacity becomes `DELIVERY_HEADROOM` × the spend (never below `minimum`); spent in full at its
 * cap, the cap grows by `CAPACITY_GROWTH` to find out whether it can take more. The cap
 * persists, so a capped channel does not swing back to an ask it cannot spend.
 */
export function updateCapacity(
	capacity: Float64Array,
	asked: ArrayLike<number>,
	spent: ArrayLike<number>,
	minimum: number
): Float64Array {
	for (let c = 0; c < capacity.length; c++) {
		if (!(asked[c] > 0)) continue;
		if (spent[c] < DELIVERY_LIMITED * asked[c]) {
			capacity[c] = Math.max(minimum, DELIVERY_HEADROOM * spent[c]);
		} else if (asked[c] >= 0.999 * capacity[c]) {
			capacity[c] *= CAPACITY_GROWTH;
		}
	}
	return capacity;
}

/**
 * Cap `channelBudget` [C] at `capacity` [C] and hand the excess to uncapped channels in
 * proportion to their budgets, repeating while that overfills another; tags capped channels
 * 'saturation'. Budget no channel can take stays unallocated.
 */
export function capToCapacity(
	channelBudget: Float64Array,
	capacity: ArrayLike<number>,
	reasons: ReasonTag[][]
): void {
	const C = channelBudget.length;
	const capped = new Uint8Array(C);
	for (let round = 0; round < C; round++) {
		let excess = 0;
		for (let c = 0; c < C; c++) {
			if (channelBudget[c] > capacity[c]) {
				excess += channelBudget[c] - capacity[c];
				channelBudget[c] = capacity[c];
				if (!capped[c]) reasons[c].push('saturation');
				capped[c] = 1;
			}
		}
		if (excess <= 0) return;
		let open = 0;
		for (let c = 0; c < C; c++) if (!capped[c]) open += channelBudget[c];
		if (open <= 0) return;
		for (let c = 0; c < C; c++)
			if (!capped[c]) channelBudget[c] += (excess * channelBudget[c]) / open;
	}
}

/** Budget of channels with no live creative goes to the others, in proportion to theirs. */
export function moveUnplaced(
	channelBudget: ArrayLike<number>,
	placed: readonly boolean[],
	spend: Float64Array,
	K: number
): void {
	let stranded = 0;
	let placedTotal = 0;
	for (let c = 0; c < placed.length; c++) {
		if (placed[c]) placedTotal += channelBudget[c];
		else stranded += channelBudget[c];
	}
	if (stranded === 0 || placedTotal === 0) return;
	const scale = 1 + stranded / placedTotal;
	for (let i = 0; i < spend.length; i++) if (placed[Math.floor(i / K)]) spend[i] *= scale;
}

/** Never negative, never NaN, never above the budget (rounding included). */
export function clampToBudget(spend: Float64Array, budget: number): void {
	let total = 0;
	for (let i = 0; i < spend.length; i++) {
		if (!(spend[i] > 0)) spend[i] = 0;
		total += spend[i];
	}
	if (total <= budget) return;
	// A hair under the budget, so the rescaled cells cannot round back above it.
	const scale = (budget / total) * (1 - 1e-12);
	for (let i = 0; i < spend.length; i++) spend[i] *= scale;
}
