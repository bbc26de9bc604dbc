/**
 * Lifetime value from early behaviour, for policies: instead of waiting a year for a cohort's
 * revenue, read how often the newest customers order again in their first four weeks (the order
 * data's `earlyRepeatOrders`) and ask the LTV model (ltv-network.ts) what that predicts.
 *
 * The network was trained on a simulated history of cohorts whose value is realized,
 * undiscounted margin — not exactly the discounted LTV the business plans with, and a typical
 * cohort row is not every cohort. So it is used relatively: each segment's planned LTV is scaled
 * by the model's prediction now over its prediction for the weeks before the pilot. What the
 * plan got right stays; what changed since shows within weeks.
 *
 * What it cannot see: a change in how long customers stay shows only partly in four weeks of
 * orders (churn compounds later), so such a shift is under-predicted; a change in how often they
 * order shows at once.
 */
import { tenureBand, YOUNG_DAYS } from '../sim/cohort';
import { TENURE_BANDS } from '../sim/trace';
import { ltvPredict, typicalCohortRow, type LtvWeights } from './ltv-network';
import type { PolicyView } from './policy';

/** Days in each tenure band (ages 1–7, 8–14, 15–28). */
const BAND_DAYS = [7, 7, 14];
/** Days of order data each estimate reads (the latest four weeks). */
export const EARLY_WINDOW = 28;
/** Reference estimates read this many days before the first update (the weeks before the pilot). */
const REFERENCE_WINDOW = 56;
/** The predicted LTV stays within these multiples of the plan (a guard against extrapolation). */
const RATIO_RANGE = [0.1, 10] as const;

/**
 * Repeat orders per acquired customer in days 1–7, 8–14 and 15–28 after the first order, per
 * segment, from the order data of days [from, to): the orders each band placed over those days
 * over the customer-days it held (customers acquired `age` days before, for the band's ages),
 * times the band's length — the cohort logs' repeats7/14/28 for the customers of those weeks.
 * NaN where a band held no customers. Returns out [S · TENURE_BANDS].
 */
export function earlyRepeatsPerCustomer(
	view: Pick<PolicyView, 'layout' | 'observed'>,
	from: number,
	to: number,
	out = new Float64Array(view.layout.S * TENURE_BANDS)
): Float64Array {
	const { S } = view.layout;
	const { earlyRepeatOrders, newCustomers } = view.observed;
	for (let s = 0; s < S; s++) {
		const orders = new Float64Array(TENURE_BANDS);
		const exposure = new Float64Array(TENURE_BANDS);
		for (let d = Math.max(0, from); d < to; d++) {
			for (let b = 0; b < TENURE_BANDS; b++)
				orders[b] += earlyRepeatOrders[(d * S + s) * TENURE_BANDS + b];
			for (let age = 1; age <= YOUNG_DAYS && age <= d; age++)
				exposure[tenureBand(age)] += newCustomers[(d - age) * S + s];
		}
		for (let b = 0; b < TENURE_BANDS; b++)
			out[s * TENURE_BANDS + b] = exposure[b] > 0 ? (orders[b] / exposure[b]) * BAND_DAYS[b] : NaN;
	}
	return out;
}

/** Why `weights` cannot predict for this market, or null when they can. */
export function earlyLtvMismatch(
	weights: LtvWeights,
	view: Pick<PolicyView, 'layout'>
): string | null {
	const names = view.layout.segmentNames;
	if (
		names.length !== weights.segmentNames.length ||
		names.some((n, s) => n !== weights.segmentNames[s])
	)
		return `the LTV model was trained for segments ${weights.segmentNames.join(', ')}; the scenario has ${names.join(', ')}`;
	return null;
}

/** Plain-data state of the estimator. */
export interface EarlyLtvState {
	/** The model's prediction per segment for the reference weeks (null before the first update). */
	reference: number[] | null;
	/** The latest prediction over the reference's, per segment (null before the first update). */
	ratio: number[] | null;
}

/** Each segment's LTV, re-predicted daily from early behaviour (see the file comment). */
export class EarlyLtv {
	private reference: Float64Array | null = null;
	/** Ratio of the latest prediction to the reference's, per segment (1 until the first update). */
	ratio: Float64Array | null = null;

	constructor(private readonly weights: LtvWeights) {}

	/** The model's predictions per segment from order data of days [from, to) (NaN where not enough). */
	private predict(view: PolicyView, from: number, to: number): Float64Array {
		const { S } = view.layout;
		const repeats = earlyRepeatsPerCustomer(view, from, to);
		return Float64Array.from({ length: S }, (_, s) => {
			const r = repeats.subarray(s * TENURE_BANDS, (s + 1) * TENURE_BANDS);
			if (!r.every(Number.isFinite)) return NaN;
			const row = typicalCohortRow(this.weights, s, r, view.economics.orderValue[s]);
			return ltvPredict(this.weights, row);
		});
	}

	/** Update from the order data of days before `view.day`; a no-op until four weeks of customers exist. */
	update(view: PolicyView): void {
		if (view.day < YOUNG_DAYS + EARLY_WINDOW) return;
		const { S } = view.layout;
		if (!this.reference) {
			const problem = earlyLtvMismatch(this.weights, view);
			if (problem) throw new Error(`Early LTV cannot run here: ${problem}.`);
			this.reference = this.predict(view, view.day - REFERENCE_WINDOW, view.day);
		}
		const now = this.predict(view, view.day - EARLY_WINDOW, view.day);
		this.ratio ??= new Float64Array(S).fill(1);
		for (let s = 0; s < S; s++) {
			const ratio = now[s] / this.reference[s];
			// Keep the last estimate when the model has nothing sensible to say (no customers, ≤ 0).
			if (Number.isFinite(ratio) && this.reference[s] > 0 && now[s] > 0)
				this.ratio[s] = Math.min(RATIO_RANGE[1], Math.max(RATIO_RANGE[0], ratio));
		}
	}

	/** The LTV per segment to plan with: the plan scaled by the ratio (null before the first update). */
	valuesFor(planned: ArrayLike<number>): Float64Array | null {
		const { ratio } = this;
		return ratio ? Float64Array.from(ratio, (r, s) => planned[s] * r) : null;
	}

	getState(): EarlyLtvState {
		return {
			reference: this.reference ? Array.from(this.reference) : null,
			ratio: this.ratio ? Array.from(this.ratio) : null
		};
	}

	/** Restore a state from `getState`. */
	setState(state: EarlyLtvState): void {
		this.reference = state.reference ? Float64Array.from(state.reference) : null;
		this.ratio = state.ratio ? Float64Array.from(state.ratio) : null;
	}
}
