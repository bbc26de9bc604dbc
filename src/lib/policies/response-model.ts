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
import { hillFromTable, hillTable } from '../sim/hill';
import { audienceFrom } from './delivery';
import {
	addObservation,
	createBayesLinear,
	posterior,
	type BayesLinearState
} from './bayes-linear';
import type { PolicyView } from './policy';
import * as pm from '../sim/portable-math';

/** Demand-index features: 6 weekday dummies, trend (years), yearly sine and cosine, promotion days. */
export const CALENDAR = 10;
/** Index of the promotion-day feature; its coefficient is learned online (see `learnEventLift`). */
const EVENT = 9;
/** Prior guess of a promotion's demand lift (log), worth this many promotion days of evidence. */
const EVENT_PRIOR = { log: pm.log(1.3), days: 2 };
/** Hill exponent assumed for every channel. */
export const SLOPE = 1.1;
const SLOPE_TABLE = hillTable(SLOPE);

/** The model's saturation curve: hill(x; K, SLOPE), tabulated (it is evaluated very often). */
export function saturation(x: number, halfSaturation: number): number {
	return hillFromTable(x, halfSaturation, SLOPE, SLOPE_TABLE, 0);
}
/**
 * Carry-over grid: share of a day's effective exposure kept the next day; values above 1 mean a
 * delayed peak (carry − 1 kept, through two stages, as sim/adstock.ts delayedAdstock).
 */
const CARRY_GRID = [0.3, 0.6, 0.8, 1.6, 1.8];
/** Half-saturation grid, as multiples of the channel's median observed frequency. */
const HALF_GRID = [0.5, 1, 2, 4];
/** Alternations between the linear fits and the demand index. */
const ALTERNATIONS = 3;

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

/** The model's demand index for day d. */
export function demandIndex(
	model: Pick<ResponseModel, 'demand'>,
	view: PolicyView,
	d: number
): number {
	const z = new Float64Array(CALENDAR);
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

/**
 * Fit shapes, demand index and per-segment posterior statistics over all days so far (weights
 * forgetting^age). `searchShapes` false keeps the previous shapes (a cheaper refit). `discount`
 * multiplies the weight of days before `before` by `factor` (old evidence after a drift alert).
 */
export function fitResponseModel(
	view: PolicyView,
	forgetting: number,
	previous: ResponseModel | null,
	searchShapes = true,
	cache: DayCache = extendDayCache(view, null),
	discount?: { before: number; factor: number }
): ResponseModel {
	const { C, S } = view.layout;
	const days = view.day;
	const P = 1 + C;
	extendDayCache(view, cache);
	const audience = [...cache.audience];
	const frequency = cache.frequency;
	const y = cache.y;
	const calendar = cache.calendar;
	const weight = new Float64Array(days);
	const index = new Float64Array(days).fill(1);
	const hills = Array.from({ length: C * S }, () => new Float64Array(days));
	const scale = new Float64Array(S);
	for (let d = 0; d < days; d++) {
		for (let s = 0; s < S; s++) scale[s] += y[d * S + s] / days;
		weight[d] =
			pm.pow(forgetting, days - 1 - d) * (discount && d < discount.before ? discount.factor : 1);
	}
	// Typical frequency per channel (median over days and segments): the scale of the shape grid.
	// Only a shape search needs it (sorting thousands of values is not free).
	const typical = new Float64Array(C).fill(0.1);
	if (searchShapes || !previous) {
		const values = new Float64Array(days * S);
		for (let c = 0; c < C; c++) {
			let n = 0;
			for (let d = 0; d < days; d++) {
				for (let s = 0; s < S; s++) {
					const f = frequency[(d * C + c) * S + s];
					if (f > 0) values[n++] = f;
				}
			}
			if (n > 0) typical[c] = values.subarray(0, n).sort()[Math.floor(n / 2)];
		}
	}
	const stats = Array.from({ length: S }, (_, s) => freshRegression(C, Math.max(scale[s], 1)));
	for (let s = 0; s < S; s++) {
		for (let d = 0; d < days; d++) {
			stats[s].yty += weight[d] * y[d * S + s] * y[d * S + s];
			stats[s].n += weight[d];
		}
	}
	// Weighted design columns per segment: wcol[s][p][d] = weight · feature (feature = index · hill).
	const feature = Array.from({ length: S }, () =>
		Array.from({ length: P }, () => new Float64Array(days))
	);
	const refreshColumn = (s: number, p: number) => {
		const out = feature[s][p];
		if (p === 0) out.set(index);
		else {
			const h = hills[(p - 1) * S + s];
			for (let d = 0; d < days; d++) out[d] = index[d] * h[d];
		}
	};
	const setCross = (s: number, i: number) => {
		const st = stats[s];
		refreshColumn(s, i);
		const a = feature[s][i];
		for (let j = 0; j < P; j++) {
			const b = feature[s][j];
			let sum = 0;
			for (let d = 0; d < days; d++) sum += weight[d] * a[d] * b[d];
			st.xtx[i * P + j] = sum;
			st.xtx[j * P + i] = sum;
		}
		let sy = 0;
		for (let d = 0; d < days; d++) sy += weight[d] * a[d] * y[d * S + s];
		st.xty[i] = sy;
	};
	const stock = new Float64Array(2);
	const fillHills = (c: number, carry: number, half: number) => {
		for (let s = 0; s < S; s++) {
			stock.fill(0);
			const h = hills[c * S + s];
			for (let d = 0; d < days; d++)
				h[d] = saturation(advanceAdstock(stock, 0, carry, frequency[(d * C + c) * S + s]), half);
		}
	};
	/**
	 * Choose each channel's carry-over and half-saturation by coordinate search. Candidates are
	 * scored on weekly sums of the daily model (exact for a linear model, 7× fewer rows): the
	 * shapes are about weeks-long carry-over and saturation levels, which weekly data still show.
	 */
	const searchShapesWeekly = (restore: (c: number) => void) => {
		const weeks = Math.floor(days / 7);
		const first = days - weeks * 7;
		const wy = new Float64Array(weeks * S);
		const wweight = new Float64Array(weeks);
		const wcols = Array.from({ length: S }, () =>
			Array.from({ length: P }, () => new Float64Array(weeks))
		);
		const sumWeekly = (s: number, p: number) => {
			const out = wcols[s][p];
			out.fill(0);
			for (let d = first; d < days; d++) {
				const value = p === 0 ? index[d] : index[d] * hills[(p - 1) * S + s][d];
				out[Math.floor((d - first) / 7)] += value;
			}
		};
		for (let w = 0; w < weeks; w++) wweight[w] = weight[first + 7 * w + 6];
		for (let d = first; d < days; d++)
			for (let s = 0; s < S; s++) wy[Math.floor((d - first) / 7) * S + s] += y[d * S + s];
		const weekly = Array.from({ length: S }, (_, s) =>
			freshRegression(C, Math.max(7 * scale[s], 1))
		);
		for (let s = 0; s < S; s++) {
			for (let w = 0; w < weeks; w++) {
				weekly[s].yty += wweight[w] * wy[w * S + s] * wy[w * S + s];
				weekly[s].n += wweight[w];
			}
			for (let p = 0; p < P; p++) sumWeekly(s, p);
		}
		const cross = (s: number, i: number) => {
			const st = weekly[s];
			const a = wcols[s][i];
			for (let j = 0; j < P; j++) {
				const b = wcols[s][j];
				let sum = 0;
				for (let w = 0; w < weeks; w++) sum += wweight[w] * a[w] * b[w];
				st.xtx[i * P + j] = sum;
				st.xtx[j * P + i] = sum;
			}
			let sy = 0;
			for (let w = 0; w < weeks; w++) sy += wweight[w] * a[w] * wy[w * S + s];
			st.xty[i] = sy;
		};
		for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) cross(s, i);
		const weeklyError = () => {
			let sum = 0;
			for (let s = 0; s < S; s++) {
				const sd = posterior(weekly[s]).noiseSd;
				sum += (sd * sd) / Math.max(7 * scale[s], 1);
			}
			return sum;
		};
		for (let c = 0; c < C; c++) {
			let best = Infinity;
			let bestCarry = carry[c];
			let bestHalf = half[c];
			for (const candidateCarry of CARRY_GRID) {
				for (const multiple of HALF_GRID) {
					const candidateHalf = Math.max(typical[c], 1e-6) * multiple;
					fillHills(c, candidateCarry, candidateHalf);
					for (let s = 0; s < S; s++) {
						sumWeekly(s, 1 + c);
						cross(s, 1 + c);
					}
					const e = weeklyError();
					if (e < best) {
						best = e;
						bestCarry = candidateCarry;
						bestHalf = candidateHalf;
					}
				}
			}
			carry[c] = bestCarry;
			half[c] = bestHalf;
			restore(c);
			for (let s = 0; s < S; s++) {
				sumWeekly(s, 1 + c);
				cross(s, 1 + c);
			}
		}
		for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) setCross(s, i);
	};
	const carry = previous ? [...previous.carry] : new Array(C).fill(0.6);
	const half = Array.from({ length: C }, (_, c) => previous?.halfSaturation[c] ?? typical[c]);
	const demand = previous ? [...previous.demand] : new Array(CALENDAR).fill(0);
	if (!previous) demand[EVENT] = EVENT_PRIOR.log;
	for (let c = 0; c < C; c++) fillHills(c, carry[c], half[c]);
	for (let round = 0; round < ALTERNATIONS; round++) {
		for (let d = 0; d < days; d++) {
			let log = 0;
			for (let i = 0; i < CALENDAR; i++) log += demand[i] * calendar[d * CALENDAR + i];
			index[d] = pm.exp(log);
		}
		for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) refreshColumn(s, i);
		for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) setCross(s, i);
		if (searchShapes && round < 2) searchShapesWeekly((c) => fillHills(c, carry[c], half[c]));
		// Demand index: regress log(customers / fitted level), pooled over segments, on the calendar.
		const means = stats.map((st) => posterior(st).mean);
		const fit = createBayesLinear(
			new Array(CALENDAR).fill(0),
			new Array(CALENDAR).fill(0.5),
			0.1,
			1
		);
		for (let d = 0; d < days; d++) {
			let observed = 0;
			let level = 0;
			for (let s = 0; s < S; s++) {
				observed += y[d * S + s];
				let l = means[s][0];
				for (let c = 0; c < C; c++) l += means[s][1 + c] * hills[c * S + s][d];
				level += l;
			}
			if (level > 0 && observed > 0 && calendar[d * CALENDAR + EVENT] === 0) {
				addObservation(
					fit,
					calendar.subarray(d * CALENDAR, (d + 1) * CALENDAR),
					pm.log(observed / level),
					weight[d]
				);
			}
		}
		const next = posterior(fit).mean;
		// Promotion days are left to the online estimate (learnEventLift): their residuals
		// include its current value, so only the other coefficients are refitted here.
		for (let i = 0; i < CALENDAR; i++) if (i !== EVENT) demand[i] = next[i];
	}
	for (let d = 0; d < days; d++) {
		let log = 0;
		for (let i = 0; i < CALENDAR; i++) log += demand[i] * calendar[d * CALENDAR + i];
		index[d] = pm.exp(log);
	}
	for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) refreshColumn(s, i);
	for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) setCross(s, i);
	// The running adstock at the end of the data, to continue learning day by day.
	const adstock = new Array(2 * C * S).fill(0);
	for (let u = 0; u < C * S; u++) {
		const c = Math.floor(u / S);
		for (let d = 0; d < days; d++)
			advanceAdstock(adstock, 2 * u, carry[c], frequency[d * C * S + u]);
	}
	return {
		fittedOn: days,
		learnedThrough: days - 1,
		carry,
		halfSaturation: half,
		demand,
		eventDays: previous?.eventDays ?? 0,
		eventLogSum: previous?.eventLogSum ?? 0,
		audience,
		adstock,
		regressions: stats
	};
}

/** Whether day d is a promotion day in the business's calendar. */
export function isPromotion(view: PolicyView, d: number): boolean {
	return view.events.some((e) => d >= e.startDay && d <= e.endDay);
}

/** The current promotion lift factor (applied on promotion days by `demandIndex`). */
export function demandLift(model: Pick<ResponseModel, 'demand'>): number {
	return pm.exp(model.demand[EVENT]);
}
