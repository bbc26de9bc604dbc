/**
 * What platforms report about delivery, per channel × audience segment ("unit"): spend,
 * impressions and reach. From reach and impressions the audience size follows (geometric
 * frequency distribution, see sim/reach.ts: reach = N·x/(1+x) with x = M/N, so N = M·R/(M − R)),
 * and so the average frequency — the quantity saturation acts on, as in Meridian's
 * reach-and-frequency channels. The cost of delivery is fitted per unit as a power law
 * impressions = a · spend^β on recent days.
 */
import type { PolicyView } from './policy';
import * as pm from '../sim/portable-math';

/** One day's delivery for a unit: spend (currency), impressions, reach (users). */
export interface UnitDay {
	spend: number;
	impressions: number;
	reach: number;
}

/** Delivery of unit (c, s) on `day`, summed over creatives. */
export function unitDay(
	view: PolicyView,
	day: number,
	c: number,
	s: number,
	out: UnitDay
): UnitDay {
	const { C, K, S } = view.layout;
	out.spend = 0;
	out.impressions = 0;
	for (let k = 0; k < K; k++) {
		const cell = ((day * C + c) * K + k) * S + s;
		out.spend += view.observed.spend[cell];
		out.impressions += view.observed.impressions[cell];
	}
	out.reach = view.observed.reach[(day * C + c) * S + s];
	return out;
}

/** Audience implied by impressions M and reach R (NaN when they do not determine it). */
export function audienceFrom(impressions: number, reach: number): number {
	return impressions > reach && reach > 0 ? (impressions * reach) / (impressions - reach) : NaN;
}

/** A fitted cost curve: impressions(spend) = scale · spend^elasticity. */
export interface CostCurve {
	scale: number;
	/** Impressions elasticity to spend, 0–1 (< 1: rising marginal cost). */
	elasticity: number;
}

/**
 * Fit log impressions = log scale + elasticity · log spend by least squares over the days given
 * (days without spend are skipped); the elasticity is kept within [0.3, 1] and falls back to 0.85
 * (typical of auctions) when spend barely varied.
 */
export function fitCostCurve(
	spend: ArrayLike<number>,
	impressions: ArrayLike<number>
): CostCurve | null {
	const logSpend = new Float64Array(spend.length);
	const logImpressions = new Float64Array(spend.length);
	for (let i = 0; i < spend.length; i++) {
		const usable = spend[i] > 0 && impressions[i] > 0;
		logSpend[i] = usable ? pm.log(spend[i]) : NaN;
		logImpressions[i] = usable ? pm.log(impressions[i]) : NaN;
	}
	return costCurveFromLogs(logSpend, logImpressions, 0, spend.length);
}

/**
 * `fitCostCurve` from the logarithms of spend and impressions, entries [from, to) (NaN marks a
 * day without spend or impressions): callers that refit over sliding windows take each day's
 * logarithms once.
 */
export function costCurveFromLogs(
	logSpend: ArrayLike<number>,
	logImpressions: ArrayLike<number>,
	from: number,
	to: number
): CostCurve | null {
	let n = 0;
	let sx = 0;
	let sy = 0;
	let sxx = 0;
	let sxy = 0;
	for (let i = from; i < to; i++) {
		const x = logSpend[i];
		if (x !== x) continue;
		const y = logImpressions[i];
		n++;
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
	}
	if (n === 0) return null;
	const mx = sx / n;
	const my = sy / n;
	const vx = sxx / n - mx * mx;
	let elasticity = vx > 0.01 ? (sxy / n - mx * my) / vx : 0.85;
	elasticity = Math.min(1, Math.max(0.3, elasticity));
	return { scale: pm.exp(my - elasticity * mx), elasticity };
}

/** Impressions a cost curve predicts for a daily spend. */
export function impressionsFor(curve: CostCurve, spend: number): number {
	// exp(β·ln b) rather than Math.pow: several times faster in V8 (this runs per grid point).
	return spend > 0 ? curve.scale * pm.exp(curve.elasticity * pm.log(spend)) : 0;
}

/**
 * Per unit and completed day: spend summed over creatives and the logarithms of spend and
 * impressions (NaN on days without both) — what sliding-window cost curves are fitted from,
 * read once per day instead of once per refit. Derived data, rebuilt from the observables.
 */
export interface DeliveryLog {
	/** Days read so far. */
	days: number;
	/** Per unit [C·S]: spend per day, log spend, log impressions (capacity ≥ days). */
	spend: Float64Array[];
	logSpend: Float64Array[];
	logImpressions: Float64Array[];
}

/**
 * Read the completed days in [log.days, view.day) into `log` (a new one when null or stale),
 * skipping days before `firstNeeded` (left 0 / NaN: callers never read them).
 */
export function extendDeliveryLog(
	view: PolicyView,
	log: DeliveryLog | null,
	firstNeeded = 0
): DeliveryLog {
	const { C, K, S } = view.layout;
	const units = C * S;
	let out = log && log.days <= view.day && log.spend.length === units ? log : null;
	out ??= {
		days: 0,
		spend: Array.from({ length: units }, () => new Float64Array(0)),
		logSpend: Array.from({ length: units }, () => new Float64Array(0)),
		logImpressions: Array.from({ length: units }, () => new Float64Array(0))
	};
	if (out.spend[0].length < view.day) {
		const capacity = Math.max(view.day, Math.ceil(out.days * 1.5)) + 64;
		const grow = (a: Float64Array) => {
			const next = new Float64Array(capacity);
			next.set(a);
			return next;
		};
		out.spend = out.spend.map(grow);
		out.logSpend = out.logSpend.map(grow);
		out.logImpressions = out.logImpressions.map(grow);
	}
	for (let d = Math.max(out.days, firstNeeded); d < view.day; d++) {
		for (let c = 0; c < C; c++) {
			for (let s = 0; s < S; s++) {
				let b = 0;
				let m = 0;
				for (let k = 0; k < K; k++) {
					const cell = ((d * C + c) * K + k) * S + s;
					b += view.observed.spend[cell];
					m += view.observed.impressions[cell];
				}
				const u = c * S + s;
				const usable = b > 0 && m > 0;
				out.spend[u][d] = b;
				out.logSpend[u][d] = usable ? pm.log(b) : NaN;
				out.logImpressions[u][d] = usable ? pm.log(m) : NaN;
			}
		}
	}
	out.days = Math.max(out.days, view.day);
	return out;
}
