/**
 * Simulated customer logs for the LTV model: cohorts of new customers, each followed from its
 * first order for a year.
 *
 * A cohort is the customers a channel's creative (by last click; or no ad: "direct") brought in
 * from one segment over one acquisition period (`periodDays`, default 14). Sizes come from a
 * market's observables (last-click and direct conversions per day, split over a channel's
 * creatives by their clicks). Each customer then lives as in the market's cohort model
 * (sim/cohort.ts): a latent retention class drawn from the segment's shifted-beta-geometric
 * classes, survival day by day, Poisson repeat orders at the segment's rate while active.
 *
 * On top, the logs carry what real cohorts have and the market's expected values average over:
 * a cohort-level quality z ~ N(0, 1) (unobserved acquisition context — offer, landing page, the
 * week's news): its customers order exp(qualitySd·z) × as often and churn exp(−qualitySd·z) ×
 * as fast (both mean-one lognormal), and cohorts bought during a promotion churn `promoChurn` ×
 * faster (deal buyers). So early
 * behaviour says something about a cohort's long-run value beyond its segment — which is what
 * an LTV model can learn and a per-segment average cannot. An optional planted shift
 * (`shift`) multiplies every hazard from a given period on (drift tests).
 *
 * Target: realized gross margin per customer over `horizonDays` (first order included,
 * undiscounted), currency units.
 */
import { retentionClasses } from '../sim/cohort';
import { createStream, normal, poisson, type Rng } from '../sim/random';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace';

/** One cohort's record. */
export interface CohortRecord {
	/** Acquisition period index (0 = first) and its first day (trace day index). */
	period: number;
	day: number;
	/** Channel index, or C for direct/organic. */
	channel: number;
	/** Creative slot, or -1 for direct. */
	creative: number;
	segment: number;
	/** Customers in the cohort. */
	customers: number;
	/** Share of the period's days inside a promotion, 0–1. */
	promotion: number;
	/** Day of year of the period's start, 0–364 (from the scenario's calendar). */
	dayOfYear: number;
	/** Revenue of the first order per customer, currency units. */
	firstOrderValue: number;
	/** Repeat orders per customer in days 1–7, 8–14 and 15–28 after acquisition. */
	repeats7: number;
	repeats14: number;
	repeats28: number;
	/** Realized gross margin per customer over the value horizon, currency units (the target). */
	value: number;
}

/** How the logs are generated. */
export interface CohortLogOptions {
	/** Seed of the customers' draws. */
	seed: number;
	/** Days per acquisition period. */
	periodDays?: number;
	/** Days followed for the target value. */
	horizonDays?: number;
	/** Log-sd of the cohort quality factor on order rate and churn hazard. */
	qualitySd?: number;
	/** Hazard multiplier for cohorts acquired during promotions. */
	promoChurn?: number;
	/** Planted drift: from `period` on, every hazard × `hazard`. */
	shift?: { period: number; hazard: number };
	/** Trace days [from, to) to take acquisitions from (default: all simulated days). */
	from?: number;
	to?: number;
}

/** Days of early behaviour the model may use (the windows of `repeats7/14/28`). */
export const EARLY_DAYS = 28;

const DAY_MS = 86_400_000;

/** Day of year (0–364) of trace day `day` for a trace starting on `startDate`. */
function dayOfYear(startDate: string, day: number): number {
	const date = new Date(Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS);
	const jan1 = Date.UTC(date.getUTCFullYear(), 0, 1);
	return Math.min(364, Math.floor((date.getTime() - jan1) / DAY_MS));
}

/**
 * Cohort logs from `trace` (a market run of `scenario` — for a pilot's history, the extended
 * scenario from sim/history.ts, whose day 0 is the first day of history).
 */
export function cohortLog(
	scenario: Scenario,
	trace: Trace,
	options: CohortLogOptions
): CohortRecord[] {
	const periodDays = options.periodDays ?? 14;
	const horizon = options.horizonDays ?? 365;
	const qualitySd = options.qualitySd ?? 0.3;
	const promoChurn = options.promoChurn ?? 1.4;
	const from = options.from ?? 0;
	const to = Math.min(options.to ?? trace.daysDone, trace.daysDone);
	const { C, K, S } = trace;
	const o = trace.observables;
	const rng = createStream(options.seed, 11);
	const classes = scenario.segments.map((seg) =>
		retentionClasses(
			{
				retentionAlpha: seg.retention.alpha,
				retentionBeta: seg.retention.beta,
				repeatOrdersPerMonth: seg.repeatOrdersPerMonth,
				orderValue: seg.orderValue,
				margin: seg.margin
			},
			1
		)
	);
	const out: CohortRecord[] = [];
	const periods = Math.floor((to - from) / periodDays);
	for (let p = 0; p < periods; p++) {
		const start = from + p * periodDays;
		const end = start + periodDays;
		let promoDays = 0;
		for (let d = start; d < end; d++) {
			if (scenario.events.some((e) => e.startDay <= d && d <= e.endDay)) promoDays++;
		}
		const promotion = promoDays / periodDays;
		// Customers per channel × segment, and clicks per channel × creative, over the period.
		const acquired = new Float64Array((C + 1) * S);
		const clicks = new Float64Array(C * K);
		for (let d = start; d < end; d++) {
			for (let cs = 0; cs < C * S; cs++) acquired[cs] += o.lastClickConversions[d * C * S + cs];
			for (let s = 0; s < S; s++) acquired[C * S + s] += o.directConversions[d * S + s];
			for (let ck = 0; ck < C * K; ck++) clicks[ck] += o.clicks[d * C * K + ck];
		}
		const doy = dayOfYear(scenario.startDate, start);
		const hazardShift = options.shift && p >= options.shift.period ? options.shift.hazard : 1;
		for (let c = 0; c <= C; c++) {
			for (let s = 0; s < S; s++) {
				const total = Math.round(acquired[c * S + s]);
				if (total <= 0) continue;
				const sizes = c < C ? splitByClicks(total, clicks.subarray(c * K, (c + 1) * K)) : [total];
				sizes.forEach((n, k) => {
					if (n <= 0) return;
					const z = normal(rng);
					const meanOne = -0.5 * qualitySd * qualitySd;
					const hazard =
						Math.exp(-qualitySd * z + meanOne) * hazardShift * (1 + (promoChurn - 1) * promotion);
					const seg = scenario.segments[s];
					const rate = (Math.exp(qualitySd * z + meanOne) * seg.repeatOrdersPerMonth) / 30;
					const life = followCohort(n, classes[s].keep, hazard, rate, horizon, rng);
					out.push({
						period: p,
						day: start,
						channel: c,
						creative: c < C ? k : -1,
						segment: s,
						customers: n,
						promotion,
						dayOfYear: doy,
						firstOrderValue: seg.orderValue,
						repeats7: life.early[0] / n,
						repeats14: life.early[1] / n,
						repeats28: life.early[2] / n,
						value: (seg.orderValue * seg.margin * (n + life.orders)) / n
					});
				});
			}
		}
	}
	return out;
}

/** Split `total` customers over creatives in proportion to clicks (largest remainder). */
function splitByClicks(total: number, clicks: ArrayLike<number>): number[] {
	let sum = 0;
	for (let k = 0; k < clicks.length; k++) sum += clicks[k];
	if (!(sum > 0)) return Array.from(clicks, (_, k) => (k === 0 ? total : 0));
	const exact = Array.from(clicks, (x) => (total * x) / sum);
	const sizes = exact.map(Math.floor);
	let left = total - sizes.reduce((a, b) => a + b, 0);
	const order = exact.map((x, k) => [x - sizes[k], k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let i = 0; left > 0; i++, left--) sizes[order[i % order.length][1]]++;
	return sizes;
}

/**
 * Follow n customers: each draws a retention class, survives day by day with probability
 * 1 − hazard·(1 − keep), and orders Poisson(rate) per day while active. Returns the repeat
 * orders in days 1–7, 8–14, 15–28 and over the whole horizon.
 */
function followCohort(
	n: number,
	keep: Float64Array,
	hazard: number,
	rate: number,
	horizon: number,
	rng: Rng
): { early: [number, number, number]; orders: number } {
	// Active customer-days per window, summed over the cohort; orders are Poisson in the sum.
	const exposure = [0, 0, 0, 0];
	const edges = [7, 14, EARLY_DAYS, horizon];
	const classes = keep.length;
	for (let i = 0; i < n; i++) {
		const j = Math.min(classes - 1, Math.floor(rng.next() * classes));
		const q = Math.max(1e-9, Math.min(1 - 1e-12, 1 - hazard * (1 - keep[j])));
		// Days survived after acquisition: geometric, P(L ≥ t) = q^t.
		const lifetime = Math.min(horizon, Math.floor(Math.log(rng.next()) / Math.log(q)));
		let previous = 0;
		for (let w = 0; w < edges.length; w++) {
			exposure[w] += Math.max(0, Math.min(lifetime, edges[w]) - previous);
			previous = edges[w];
		}
	}
	const counts = exposure.map((x) => poisson(rng, rate * x));
	return {
		early: [counts[0], counts[1], counts[2]],
		orders: counts[0] + counts[1] + counts[2] + counts[3]
	};
}
