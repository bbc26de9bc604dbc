/**
 * The response model's saturation features per channel × segment and day, kept between fits
 * (see response-fit.ts): a refit with unchanged shapes only extends them by the new days.
 */
import { saturatedSeries, type DayCache } from './response-model';

/**
 * Saturation features hill(adstock(frequency)) per channel × segment and day, for the shape each
 * channel had at its last fit, with the running adstock after the last day filled: a refit with
 * unchanged shapes only extends them. Derived data (kept in the DayCache, not in saved state).
 */
export interface HillCache {
	/** Per channel: the shape the features were computed with (NaN: none yet). */
	carry: Float64Array;
	half: Float64Array;
	/** Per channel: days filled. */
	days: Int32Array;
	/** Running adstock per unit after its channel's filled days, two stages each [2·C·S]. */
	stock: Float64Array;
	/** Per unit [C·S]: the feature per day (capacity ≥ days). */
	values: Float64Array[];
}

/** An empty cache for C channels × S segments. */
export function createHillCache(C: number, S: number): HillCache {
	return {
		carry: new Float64Array(C).fill(NaN),
		half: new Float64Array(C).fill(NaN),
		days: new Int32Array(C),
		stock: new Float64Array(2 * C * S),
		values: Array.from({ length: C * S }, () => new Float64Array(0))
	};
}

/** Make channel c's features in `hills` those of (carry, half) over `days` days. */
export function fillHills(
	hills: HillCache,
	cache: DayCache,
	C: number,
	S: number,
	c: number,
	carry: number,
	half: number,
	days: number
): void {
	const same = hills.carry[c] === carry && hills.half[c] === half && hills.days[c] <= days;
	const from = same ? hills.days[c] : 0;
	const frequency = cache.frequency;
	for (let s = 0; s < S; s++) {
		const u = c * S + s;
		if (hills.values[u].length < days) {
			const grown = new Float64Array(Math.max(days + 64, Math.ceil(days * 1.25)));
			grown.set(hills.values[u].subarray(0, from));
			hills.values[u] = grown;
		}
		const h = hills.values[u];
		if (!same) {
			hills.stock[2 * u] = 0;
			hills.stock[2 * u + 1] = 0;
		}
		saturatedSeries(frequency, C * S, u, from, days, carry, half, hills.stock, 2 * u, h);
	}
	hills.carry[c] = carry;
	hills.half[c] = half;
	hills.days[c] = days;
}
