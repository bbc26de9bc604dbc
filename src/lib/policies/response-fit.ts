/**
 * Fitting the response model of response-model.ts to all days so far: per channel carry-over
 * and half-saturation (coordinate search over grids, on the first fit), the demand index
 * (alternating with a log-ratio regression) and per-segment posterior statistics; the shape
 * search itself is in shape-search.ts.
 *
 * ts-curve refits every few weeks over about a thousand days, so the fit is written to be cheap:
 * the saturation features of each channel’s current shape are kept between refits (hill-cache.ts)
 * and only extended by the new days; cross products are summed in one pass per pair of columns;
 * shape candidates are scored on weekly sums without storing their daily features.
 */
import { createBayesLinear, posterior, type BayesLinearState } from './bayes-linear';
import { createHillCache, fillHills, type HillCache } from './hill-cache';
import type { PolicyView } from './policy';
import {
	CALENDAR,
	EVENT,
	EVENT_PRIOR,
	extendDayCache,
	freshRegression,
	type DayCache,
	type ResponseModel
} from './response-model';
import { searchShapesWeekly } from './shape-search';
import * as pm from '../sim/portable-math';

/** Alternations between the linear fits and the demand index when shapes are searched. */
const ALTERNATIONS = 3;
/**
 * Alternations of a refit that keeps the previous shapes: it starts from the previous demand
 * index, a few weeks of new data away from the fixed point (more did not change results).
 */
const REFIT_ALTERNATIONS = 1;

/**
 * Cross products of segment s's design — columns index (base) and index · hill per channel,
 * weighted — into its regression's xtx and xty (one pass per pair of columns).
 */
function crossProducts(
	st: BayesLinearState,
	s: number,
	S: number,
	P: number,
	columns: Float64Array[],
	wIndex2: Float64Array,
	wIndexY: Float64Array,
	days: number
): void {
	for (let i = 0; i < P; i++) {
		const a = i === 0 ? null : columns[(i - 1) * S + s];
		for (let j = i; j < P; j++) {
			const b = j === 0 ? null : columns[(j - 1) * S + s];
			let sum = 0;
			if (a && b) for (let d = 0; d < days; d++) sum += wIndex2[d] * a[d] * b[d];
			else if (b) for (let d = 0; d < days; d++) sum += wIndex2[d] * b[d];
			else for (let d = 0; d < days; d++) sum += wIndex2[d];
			st.xtx[i * P + j] = sum;
			st.xtx[j * P + i] = sum;
		}
		let sy = 0;
		if (a) for (let d = 0; d < days; d++) sy += wIndexY[d * S + s] * a[d];
		else for (let d = 0; d < days; d++) sy += wIndexY[d * S + s];
		st.xty[i] = sy;
	}
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
	cache.hills ??= createHillCache(C, S);
	const hills = cache.hills;
	const audience = [...cache.audience];
	const frequency = cache.frequency;
	const y = cache.y;
	const calendar = cache.calendar;
	const weight = new Float64Array(days);
	const index = new Float64Array(days).fill(1);
	const scale = new Float64Array(S);
	let w = 1;
	for (let d = days - 1; d >= 0; d--) {
		weight[d] = discount && d < discount.before ? w * discount.factor : w;
		w *= forgetting;
	}
	for (let d = 0; d < days; d++) for (let s = 0; s < S; s++) scale[s] += y[d * S + s] / days;
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
	// weight · index² and weight · index · y: the factors every cross product shares.
	const wIndex2 = new Float64Array(days);
	const wIndexY = new Float64Array(days * S);
	const setIndex = () => {
		for (let d = 0; d < days; d++) {
			let log = 0;
			for (let i = 0; i < CALENDAR; i++) log += demand[i] * calendar[d * CALENDAR + i];
			index[d] = pm.exp(log);
			wIndex2[d] = weight[d] * index[d] * index[d];
			for (let s = 0; s < S; s++) wIndexY[d * S + s] = weight[d] * index[d] * y[d * S + s];
		}
	};
	const crossAll = () => {
		for (let s = 0; s < S; s++)
			crossProducts(stats[s], s, S, P, hills.values, wIndex2, wIndexY, days);
	};
	const carry = previous ? [...previous.carry] : new Array(C).fill(0.6);
	const half = Array.from({ length: C }, (_, c) => previous?.halfSaturation[c] ?? typical[c]);
	const demand = previous ? [...previous.demand] : new Array(CALENDAR).fill(0);
	if (!previous) demand[EVENT] = EVENT_PRIOR.log;
	for (let c = 0; c < C; c++) fillHills(hills, cache, C, S, c, carry[c], half[c], days);
	const rounds = previous && !searchShapes ? REFIT_ALTERNATIONS : ALTERNATIONS;
	for (let round = 0; round < rounds; round++) {
		setIndex();
		crossAll();
		if (searchShapes && round < 2) {
			searchShapesWeekly(view, cache, hills, index, weight, scale, typical, carry, half, days);
			crossAll();
		}
		const next = demandRefit(stats, hills, cache, weight, days, C, S);
		// Promotion days are left to the online estimate (learnEventLift): their residuals
		// include its current value, so only the other coefficients are refitted here.
		for (let i = 0; i < CALENDAR; i++) if (i !== EVENT) demand[i] = next[i];
	}
	setIndex();
	crossAll();
	return {
		fittedOn: days,
		learnedThrough: days - 1,
		carry,
		halfSaturation: half,
		demand,
		eventDays: previous?.eventDays ?? 0,
		eventLogSum: previous?.eventLogSum ?? 0,
		audience,
		// The running adstock at the end of the data, to continue learning day by day.
		adstock: Array.from(hills.stock),
		regressions: stats
	};
}

/**
 * The demand regression's sufficient statistics over the days (the loop of `demandRefit`, apart:
 * V8 compiles a long loop on the fly, and code after it that had not run yet would be thrown away).
 */
function accumulateDemand(
	fit: BayesLinearState,
	means: Float64Array[],
	hills: HillCache,
	cache: DayCache,
	weight: Float64Array,
	days: number,
	C: number,
	S: number
): void {
	const { y, calendar } = cache;
	const { xtx, xty } = fit;
	for (let d = 0; d < days; d++) {
		let observed = 0;
		let level = 0;
		for (let s = 0; s < S; s++) {
			observed += y[d * S + s];
			let l = means[s][0];
			for (let c = 0; c < C; c++) l += means[s][1 + c] * hills.values[c * S + s][d];
			level += l;
		}
		const row = d * CALENDAR;
		if (!(level > 0 && observed > 0 && calendar[row + EVENT] === 0)) continue;
		// addObservation(fit, calendar row, log ratio, weight), without a view per day.
		const target = pm.log(observed / level);
		const w = weight[d];
		for (let i = 0; i < CALENDAR; i++) {
			const xi = calendar[row + i] * w;
			if (xi === 0) continue;
			for (let j = 0; j < CALENDAR; j++) xtx[i * CALENDAR + j] += xi * calendar[row + j];
			xty[i] += xi * target;
		}
		fit.yty += w * target * target;
		fit.n += w;
	}
}

/**
 * The demand index's calendar coefficients: log(customers / fitted level), pooled over segments,
 * regressed on the calendar features of the days without a promotion (posterior mean).
 */
function demandRefit(
	stats: BayesLinearState[],
	hills: HillCache,
	cache: DayCache,
	weight: Float64Array,
	days: number,
	C: number,
	S: number
): Float64Array {
	const means = stats.map((st) => posterior(st).mean);
	const fit = createBayesLinear(new Array(CALENDAR).fill(0), new Array(CALENDAR).fill(0.5), 0.1, 1);
	accumulateDemand(fit, means, hills, cache, weight, days, C, S);
	return posterior(fit).mean;
}
