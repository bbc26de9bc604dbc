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
	let n = 0;
	let sx = 0;
	let sy = 0;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < spend.length; i++) {
		if (!(spend[i] > 0) || !(impressions[i] > 0)) continue;
		const x = pm.log(spend[i]);
		const y = pm.log(impressions[i]);
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
