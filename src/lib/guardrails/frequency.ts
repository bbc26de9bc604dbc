/**
 * Frequency caps per user per day and per week, translated to the market's control: a maximum
 * average number of impressions per audience member per day, per channel.
 *
 * The weekly cap needs the frequency already shown, which no platform reports per user; it
 * follows from the reach report. Exposures per user are geometric (NBD with shape 1, see
 * sim/reach.ts), so a day with impressions I and reach R over an audience A has
 * R = A·f / (1 + f) with f = I / A, hence f = I / R − 1 — no need to know A. Each day's cap is
 * the daily cap, or what the trailing 6 days left of the weekly cap in the channel's most
 * exposed segment, whichever is lower.
 */
import type { Layout } from '../policies/policy';
import type { Observables } from '../sim/trace';

/**
 * Average impressions per audience member a channel showed a segment on `day`, from the
 * platform's impressions and reach (0 when it showed nothing).
 */
export function observedFrequency(
	observed: Observables,
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	day: number,
	c: number,
	s: number
): number {
	const { C, K, S } = layout;
	let impressions = 0;
	const base = day * C * K * S;
	for (let k = 0; k < K; k++) impressions += observed.impressions[base + (c * K + k) * S + s];
	const reach = observed.reach[day * C * S + c * S + s];
	if (!(impressions > 0) || !(reach > 0)) return 0;
	return Math.max(0, impressions / reach - 1);
}

/**
 * The cap for `day` per channel [C], impressions per audience member per day: min(perDay,
 * perWeek − the most any segment saw over days day−6 … day−1), never below 0.
 */
export function frequencyCapsFor(
	observed: Observables,
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	day: number,
	perDay: number,
	perWeek: number,
	out = new Float64Array(layout.C)
): Float64Array {
	const { C, S } = layout;
	for (let c = 0; c < C; c++) {
		let cap = perDay;
		if (perWeek !== Infinity) {
			let most = 0;
			for (let s = 0; s < S; s++) {
				let seen = 0;
				for (let d = Math.max(0, day - 6); d < day; d++)
					seen += observedFrequency(observed, layout, d, c, s);
				if (seen > most) most = seen;
			}
			cap = Math.min(cap, Math.max(0, perWeek - most));
		}
		out[c] = cap;
	}
	return out;
}
