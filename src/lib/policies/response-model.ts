/**
 * The response model behind "ts-curve". For each audience segment s (the business knows each
 * new customer's segment) and day d:
 *
 *   customers[s,d] = D[d] · (base_s + Σ_c A[c,s] · hill(adstock_c(frequency[c,s])[d]; K_c)) + noise
 *   log D[d] = weekday + trend + yearly season            (demand scales media and base alike)
 *
 * frequency[c,s] = impressions / audience of channel c in segment s (audience from the platform's
 * reach, see delivery.ts). Carry-over and half-saturation are per channel, shared by segments;
 * given them and D the model is linear in (base_s, A[·,s]) with a Gaussian posterior per segment
 * (bayes-linear.ts). Modelling segments separately weighs each by its own noise — counts of
 * cheap, frequent customers are precise — instead of letting the noisiest high-value segment
 * dominate a value total. Shapes come from a coordinate search over grids, D from alternating
 * with a log-ratio regression; both are refitted every few weeks.
 */
import { HILL_TABLE_SIZE, hillFromTable, hillTable } from '../sim/hill';
import { audienceFrom } from './delivery';
import { createBayesLinear, type BayesLinearState } from './bayes-linear';
import type { PolicyView } from './policy';
import type { HillCache } from './hill-cache';
import * as pm from '../sim/portable-math';

/** Demand-index features: 6 weekday dummies, trend (years), yearly sine and cosine, promotion days. */
export const CALENDAR = 10;
/** Index of the promotion-day feature; its coefficient is learned online (see `learnEventLift`). */
export const EVENT = 9;
/** Prior guess of a promotion's demand lift (log), worth this many promotion days of evidence. */
export const EVENT_PRIOR = { log: pm.log(1.3), days: 2 };
/** Hill exponent assumed for every channel. */
export const SLOPE = 1.1;
const SLOPE_TABLE = hillTable(SLOPE);

/** The model's saturation curve: hill(x; K, SLOPE), tabulated (it is evaluated very often). */
export function saturation(x: number, halfSaturation: number): number {
	return hillFromTable(x, halfSaturation, SLOPE, SLOPE_TABLE, 0);
}

/**
 * `out[at + i] = saturation(input[from + i] / divisor, half)` for i < count: `saturation` over
 * a run of values in one loop (a call per value would box each result).
 */
export function saturationRun(
	input: Float64Array,
	from: number,
	count: number,
	divisor: number,
	half: number,
	out: Float64Array,
	at: number
): void {
	const top = HILL_TABLE_SIZE - 1;
	for (let i = 0; i < count; i++) {
		const x = input[from + i] / divisor;
		const y = (x / (x + half)) * HILL_TABLE_SIZE;
		if (x > 0 && y >= 1 && y < top) {
			const j = y | 0;
			const a = SLOPE_TABLE[j];
			out[at + i] = a + (y - j) * (SLOPE_TABLE[j + 1] - a);
		} else out[at + i] = saturation(x, half);
	}
}

/**
 * `out[d] = saturation(adstock(input[offset + d·stride]), half)` for d in [from, to), the adstock
 * continuing from stock[at], stock[at + 1] (left there at the end), exactly as `advanceAdstock`
 * and `saturation` day by day. Written out in one loop: fits evaluate it for every shape
 * candidate over every day, and a call per day would box each result.
 */
export function saturatedSeries(
	input: Float64Array,
	stride: number,
	offset: number,
	from: number,
	to: number,
	carry: number,
	half: number,
	stock: Float64Array,
	at: number,
	out: Float64Array
): void {
	const delayed = carry > 1;
	const keep = delayed ? carry - 1 : carry;
	let first = stock[at];
	let second = stock[at + 1];
	const top = HILL_TABLE_SIZE - 1;
	for (let d = from; d < to; d++) {
		first = keep * first + (1 - keep) * input[offset + d * stride];
		let x = first;
		if (delayed) {
			second = keep * second + (1 - keep) * first;
			x = second;
		}
		const y = (x / (x + half)) * HILL_TABLE_SIZE;
		if (x > 0 && y >= 1 && y < top) {
			const i = y | 0;
			const a = SLOPE_TABLE[i];
			out[d] = a + (y - i) * (SLOPE_TABLE[i + 1] - a);
		} else out[d] = saturation(x, half);
	}
	stock[at] = first;
	stock[at + 1] = second;
}
/** A fitted model: plain data (part of the policy's saved state). */
export interface ResponseModel {
	/** Day the shapes were last fitted on. */
	fittedOn: number;
	/** Last day learned from. */
	learnedThrough: number;
	/** Carry-over per channel (see CARRY_GRID). */
	carry: number[];
	/** Half-saturation per channel, in impressions per audience member per day. */
	halfSaturation: number[];
	/** Coefficients of log demand on the calendar features [CALENDAR]. */
	demand: number[];
	/** Promotion days seen and the sum of their log lifts (observed / predicted without the lift). */
	eventDays: number;
	eventLogSum: number;
	/** Latest audience estimate per channel × segment (users reachable) [C·S]. */
	audience: number[];
	/** Running adstock of frequency per channel × segment, two stages each [2·C·S]. */
	adstock: number[];
	/** Per segment: posterior statistics of [base, amplitude per channel] (features × demand). */
	regressions: BayesLinearState[];
}

/**
 * One day of steady-state-normalised adstock in `stock` at `offset` (two stages); returns the
 * effective exposure. carry ≤ 1: geometric; carry > 1: delayed peak, two stages of carry − 1.
 */
export function advanceAdstock(
	stock: number[] | Float64Array,
	offset: number,
	carry: number,
	input: number
): number {
	if (carry <= 1) {
		stock[offset] = carry * stock[offset] + (1 - carry) * input;
		return stock[offset];
	}
	const keep = carry - 1;
	stock[offset] = keep * stock[offset] + (1 - keep) * input;
	stock[offset + 1] = keep * stock[offset + 1] + (1 - keep) * stock[offset];
	return stock[offset + 1];
}

/** Calendar features of day d into out[0 … CALENDAR). */
export function calendarFeatures(view: PolicyView, d: number, out: Float64Array): void {
	out.fill(0, 0, CALENDAR);
	const weekday = view.weekday(d);
	if (weekday > 0) out[weekday - 1] = 1;
	const t = d - view.pilotStart;
	out[6] = t / 365;
	out[7] = pm.sin((2 * Math.PI * t) / 365);
	out[8] = pm.cos((2 * Math.PI * t) / 365);
	out[EVENT] = view.events.some((e) => d >= e.startDay && d <= e.endDay) ? 1 : 0;
}

/**
 * After a completed promotion day: update the promotion lift from how far the day's customers
 * exceeded the model's prediction without it (a running mean of log lifts, with a prior).
 */
export function learnEventLift(model: ResponseModel, logLift: number): void {
	model.eventDays++;
	model.eventLogSum += logLift;
	model.demand[EVENT] =
		(EVENT_PRIOR.log * EVENT_PRIOR.days + model.eventLogSum) / (EVENT_PRIOR.days + model.eventDays);
}

/** Calendar features of one day for `demandIndex` (it runs to completion: nothing else holds them). */
const DAY_FEATURES = new Float64Array(CALENDAR);

/** The model's demand index for day d. */
export function demandIndex(
	model: Pick<ResponseModel, 'demand'>,
	view: PolicyView,
	d: number
): number {
	const z = DAY_FEATURES;
	calendarFeatures(view, d, z);
	let log = 0;
	for (let i = 0; i < CALENDAR; i++) log += model.demand[i] * z[i];
	return pm.exp(log);
}

/** What the model explains for segment s on day d: new customers (clicks for the click objective). */
export function segmentOutcome(view: PolicyView, d: number, s: number): number {
	const { C, K, S } = view.layout;
	if (view.objective !== 'clicks') return view.observed.newCustomers[d * S + s];
	// Clicks are reported per creative: share them out by the segment's impressions.
	let clicks = 0;
	for (let ck = 0; ck < C * K; ck++) {
		let all = 0;
		for (let t = 0; t < S; t++) all += view.observed.impressions[(d * C * K + ck) * S + t];
		if (all > 0)
			clicks +=
				(view.observed.clicks[d * C * K + ck] *
					view.observed.impressions[(d * C * K + ck) * S + s]) /
				all;
	}
	return clicks;
}

/**
 * Frequency per channel × segment on day d into `out` [C·S]. Each unit's audience follows from
 * its reach and impressions; `audience` keeps the latest determinable estimate.
 */
export function unitFrequencies(
	view: PolicyView,
	d: number,
	audience: number[],
	out: Float64Array
): void {
	const { C, K, S } = view.layout;
	for (let c = 0; c < C; c++) {
		for (let s = 0; s < S; s++) {
			let m = 0;
			for (let k = 0; k < K; k++) m += view.observed.impressions[((d * C + c) * K + k) * S + s];
			const r = view.observed.reach[(d * C + c) * S + s];
			// M ≈ R when frequency is tiny: the audience is then numerically undetermined.
			const n = m > 0 && (m - r) / m > 1e-3 ? audienceFrom(m, r) : NaN;
			if (Number.isFinite(n)) audience[c * S + s] = n;
			out[c * S + s] = audience[c * S + s] > 0 ? m / audience[c * S + s] : 0;
		}
	}
}

/**
 * The model's per-day inputs read from the observables — unit frequencies, segment outcomes,
 * calendar features — kept between refits so a refit reads only the new days. Derived data
 * (rebuilt from the observables when missing), not part of the saved model.
 */
export interface DayCache {
	/** Days read so far. */
	days: number;
	/** Latest audience estimate per unit after those days. */
	audience: number[];
	/** [day·C·S + unit] */
	frequency: Float64Array;
	/** [day·S + segment] */
	y: Float64Array;
	/** [day·CALENDAR + feature] */
	calendar: Float64Array;
	/** Saturation features of the last fit's shapes (hill-cache.ts), extended by later fits. */
	hills?: HillCache;
}

/** Read the days in [cache.days, view.day) into the cache (a new one when null); returns it. */
export function extendDayCache(view: PolicyView, cache: DayCache | null): DayCache {
	const { C, S } = view.layout;
	const days = view.day;
	const out: DayCache = cache ?? {
		days: 0,
		audience: new Array(C * S).fill(0),
		frequency: new Float64Array(0),
		y: new Float64Array(0),
		calendar: new Float64Array(0)
	};
	if (out.frequency.length < days * C * S) {
		// Grow with headroom, keeping what was read.
		const capacity = Math.max(days, Math.ceil(out.days * 1.5)) + 64;
		const grow = (a: Float64Array, width: number) => {
			const next = new Float64Array(capacity * width);
			next.set(a);
			return next;
		};
		out.frequency = grow(out.frequency, C * S);
		out.y = grow(out.y, S);
		out.calendar = grow(out.calendar, CALENDAR);
	}
	const row = new Float64Array(CALENDAR);
	for (let d = out.days; d < days; d++) {
		unitFrequencies(view, d, out.audience, out.frequency.subarray(d * C * S, (d + 1) * C * S));
		for (let s = 0; s < S; s++) out.y[d * S + s] = segmentOutcome(view, d, s);
		calendarFeatures(view, d, row);
		out.calendar.set(row, d * CALENDAR);
	}
	out.days = Math.max(out.days, days);
	return out;
}

/** Fresh posterior statistics for [base, amplitudes] of a segment, priors scaled to its data. */
export function freshRegression(C: number, scale: number): BayesLinearState {
	return createBayesLinear(
		new Array(1 + C).fill(0),
		[10 * scale, ...new Array(C).fill(2 * scale)],
		Math.sqrt(scale) + 0.05 * scale,
		5
	);
}

/** Whether day d is a promotion day in the business's calendar. */
export function isPromotion(view: PolicyView, d: number): boolean {
	return view.events.some((e) => d >= e.startDay && d <= e.endDay);
}

/** The current promotion lift factor (applied on promotion days by `demandIndex`). */
export function demandLift(model: Pick<ResponseModel, 'demand'>): number {
	return pm.exp(model.demand[EVENT]);
}
