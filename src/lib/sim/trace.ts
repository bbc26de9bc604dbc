/**
 * The daily record of a run, kept in two strictly separate parts:
 *
 * - `Observables`: what a marketer would really see — platform dashboards (spend, impressions,
 *   clicks, platform-claimed conversions), the site's last-click report and order data.
 * - `GroundTruth`: the simulator's exact expected incremental effects, which no real marketer
 *   sees. Policies get only `Observables`; ground truth is for the oracle, regret and charts.
 *
 * Every series is a flat Float64Array, day-major (index = day · width + column), preallocated
 * for the horizon so the hot loop never allocates. Slots within a day are summed.
 */

/** The dimensions every series is laid out by. */
export interface TraceShape {
	days: number;
	C: number;
	K: number;
	S: number;
}

/** What a marketer sees, per day. Cells are channel × creative × segment ((c·K + k)·S + s). */
export interface Observables {
	/** Spend actually paid, per cell, currency units. */
	spend: Float64Array;
	/** Impressions served, per cell. */
	impressions: Float64Array;
	/** Clicks, per channel × creative. */
	clicks: Float64Array;
	/** Conversions the ad platform claims (click + view-through), per channel × creative. */
	platformConversions: Float64Array;
	/** Revenue the ad platform claims (first orders), per channel × creative, currency units. */
	platformRevenue: Float64Array;
	/** Conversions credited by the site's last-click model, per channel × segment. */
	lastClickConversions: Float64Array;
	/** Revenue credited by last click (first orders), per channel × segment, currency units. */
	lastClickRevenue: Float64Array;
	/** Users reached at least once that day, per channel × segment (platform reach report). */
	reach: Float64Array;
	/** Conversions with no ad as last click (direct/organic), per segment. */
	directConversions: Float64Array;
	/** New customers (all first orders, site-wide), per segment. */
	newCustomers: Float64Array;
	/** Revenue of first orders, per segment, currency units. */
	firstOrderRevenue: Float64Array;
	/** Revenue of repeat orders from earlier cohorts, realized that day, per segment, currency units. */
	repeatRevenue: Float64Array;
	/**
	 * Repeat orders placed that day by young customers, per segment × tenure band (days 1–7,
	 * 8–14 and 15–28 after their first order; sim/cohort.ts EARLY_BANDS): the order data's
	 * early-behaviour report, part of `repeatRevenue`.
	 */
	earlyRepeatOrders: Float64Array;
	/** Impressions on brand-unsafe inventory, per channel (verification vendor report). */
	unsafeImpressions: Float64Array;
}

/** The simulator's ground truth, per day. */
export interface GroundTruth {
	/** Demand multiplier of the day (seasonality × trend × events × shock). */
	demand: Float64Array;
	/** Expected conversions with zero spend (organic baseline), per segment. */
	baselineConversions: Float64Array;
	/** Expected incremental conversions caused by the channel (direct + halo), per channel × segment. */
	incConversions: Float64Array;
	/** Of which created through the funnel halo (appearing in other channels), per channel × segment. */
	haloConversions: Float64Array;
	/** Expected incremental first-order revenue, per channel × segment, currency units. */
	incRevenue: Float64Array;
	/** Expected incremental lifetime revenue (LTV of acquired customers), per channel × segment. */
	incLtvRevenue: Float64Array;
	/** Expected incremental lifetime gross margin, per channel × segment, currency units. */
	incLtvMargin: Float64Array;
	/**
	 * Creative exposure stock at the end of the day (recent impressions per audience member),
	 * per cell; the creative's effectiveness is 1 / (1 + fatigueRate · stock) (see `fatigueOf`).
	 */
	exposure: Float64Array;
}

export interface Trace extends TraceShape {
	/** Channel, creative-slot and segment ids, and each slot's creative id ('' when empty). */
	channelIds: string[];
	segmentIds: string[];
	creativeIds: string[];
	/** Days simulated so far. */
	daysDone: number;
	observables: Observables;
	truth: GroundTruth;
}

const OBSERVABLE_WIDTH = {
	spend: 'cell',
	impressions: 'cell',
	clicks: 'ck',
	platformConversions: 'ck',
	platformRevenue: 'ck',
	lastClickConversions: 'cs',
	lastClickRevenue: 'cs',
	reach: 'cs',
	directConversions: 's',
	newCustomers: 's',
	firstOrderRevenue: 's',
	repeatRevenue: 's',
	earlyRepeatOrders: 'sb',
	unsafeImpressions: 'c'
} as const satisfies Record<keyof Observables, Width>;

const TRUTH_WIDTH = {
	demand: 'day',
	baselineConversions: 's',
	incConversions: 'cs',
	haloConversions: 'cs',
	incRevenue: 'cs',
	incLtvRevenue: 'cs',
	incLtvMargin: 'cs',
	exposure: 'cell'
} as const satisfies Record<keyof GroundTruth, Width>;

type Width = 'cell' | 'ck' | 'cs' | 's' | 'sb' | 'c' | 'day';

/** Tenure bands of `earlyRepeatOrders` per segment (days 1–7, 8–14, 15–28). */
export const TENURE_BANDS = 3;

/** Columns per day for a width kind. */
export function widthOf(kind: Width, shape: TraceShape): number {
	switch (kind) {
		case 'cell':
			return shape.C * shape.K * shape.S;
		case 'ck':
			return shape.C * shape.K;
		case 'cs':
			return shape.C * shape.S;
		case 's':
			return shape.S;
		case 'sb':
			return shape.S * TENURE_BANDS;
		case 'c':
			return shape.C;
		case 'day':
			return 1;
	}
}

function allocate<T extends string>(
	widths: Record<T, Width>,
	shape: TraceShape
): Record<T, Float64Array> {
	const out = {} as Record<T, Float64Array>;
	for (const key of Object.keys(widths) as T[]) {
		out[key] = new Float64Array(shape.days * widthOf(widths[key], shape));
	}
	return out;
}

export function createTrace(
	shape: TraceShape,
	ids: { channelIds: string[]; segmentIds: string[]; creativeIds: string[] }
): Trace {
	return {
		...shape,
		...ids,
		daysDone: 0,
		observables: allocate(OBSERVABLE_WIDTH, shape),
		truth: allocate(TRUTH_WIDTH, shape)
	};
}

/** The layout of each observable series (for serialization and charts). */
export const observableWidths: Readonly<Record<keyof Observables, Width>> = OBSERVABLE_WIDTH;
/** The layout of each ground-truth series. */
export const truthWidths: Readonly<Record<keyof GroundTruth, Width>> = TRUTH_WIDTH;

// ---- aggregation helpers (outside the hot loop) -------------------------------------------------

/** Sum a per-cell series to channel per day: out[d·C + c]. */
export function cellsByChannel(
	trace: Trace,
	series: Float64Array,
	days = trace.daysDone
): Float64Array {
	const { C, K, S } = trace;
	const width = C * K * S;
	const out = new Float64Array(days * C);
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) {
			let sum = 0;
			const base = d * width + c * K * S;
			for (let i = 0; i < K * S; i++) sum += series[base + i];
			out[d * C + c] = sum;
		}
	}
	return out;
}

/** Sum a per channel × creative series to channel per day: out[d·C + c]. */
export function ckByChannel(
	trace: Trace,
	series: Float64Array,
	days = trace.daysDone
): Float64Array {
	const { C, K } = trace;
	const out = new Float64Array(days * C);
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) {
			let sum = 0;
			for (let k = 0; k < K; k++) sum += series[d * C * K + c * K + k];
			out[d * C + c] = sum;
		}
	}
	return out;
}

/** Sum a per channel × segment series to channel per day: out[d·C + c]. */
export function csByChannel(
	trace: Trace,
	series: Float64Array,
	days = trace.daysDone
): Float64Array {
	const { C, S } = trace;
	const out = new Float64Array(days * C);
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) {
			let sum = 0;
			for (let s = 0; s < S; s++) sum += series[d * C * S + c * S + s];
			out[d * C + c] = sum;
		}
	}
	return out;
}

/** Total over all days of a per-day series with `width` columns: out[column]. */
export function totalOverDays(series: Float64Array, width: number, days: number): Float64Array {
	const out = new Float64Array(width);
	for (let d = 0; d < days; d++) for (let i = 0; i < width; i++) out[i] += series[d * width + i];
	return out;
}
