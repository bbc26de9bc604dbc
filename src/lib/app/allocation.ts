/**
 * Allocation over time for the report's stacked-area chart: a policy's mean daily spend per
 * channel (`PolicySummary.meanDailySpend`, [day·C + c]), smoothed over a trailing window so the
 * daily jitter of bandits does not hide the trend, and stacked channel on channel. Pure.
 */

/** One channel's band of the stack. */
export interface AllocationLayer {
	/** Channel index. */
	channel: number;
	/** Smoothed spend per day, currency units [day]. */
	spend: Float64Array;
	/** Bottom and top of the band per day (cumulative spend of the channels below), currency units. */
	low: Float64Array;
	high: Float64Array;
}

/** A policy's allocation over the pilot, stacked by channel. */
export interface AllocationStack {
	days: number;
	/** Trailing window the spend was averaged over, days. */
	window: number;
	layers: AllocationLayer[];
	/** Smoothed total spend per day, currency units. */
	total: Float64Array;
}

/**
 * Stack `meanDailySpend` ([day·C + c], currency/day) into one band per channel, each day the
 * mean over the trailing `window` days (fewer at the start).
 */
export function allocationStack(
	meanDailySpend: readonly number[],
	C: number,
	window = 7
): AllocationStack {
	const days = C > 0 ? Math.floor(meanDailySpend.length / C) : 0;
	const w = Math.max(1, Math.floor(window));
	const total = new Float64Array(days);
	const layers: AllocationLayer[] = [];
	for (let c = 0; c < C; c++) {
		const spend = new Float64Array(days);
		let sum = 0;
		for (let d = 0; d < days; d++) {
			sum += meanDailySpend[d * C + c];
			if (d >= w) sum -= meanDailySpend[(d - w) * C + c];
			spend[d] = sum / Math.min(d + 1, w);
		}
		const low = total.slice();
		for (let d = 0; d < days; d++) total[d] += spend[d];
		layers.push({ channel: c, spend, low, high: total.slice() });
	}
	return { days, window: w, layers, total };
}

/** Each channel's share of the policy's spend over the whole pilot (0 … 1; zeros if nothing was spent). */
export function spendShares(meanDailySpend: readonly number[], C: number): number[] {
	const sums = new Array<number>(C).fill(0);
	for (let i = 0; i < meanDailySpend.length; i++) sums[i % C] += meanDailySpend[i];
	const total = sums.reduce((a, b) => a + b, 0);
	return sums.map((s) => (total > 0 ? s / total : 0));
}
