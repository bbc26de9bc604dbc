/**
 * Beta posteriors of conversion rates for Bayesian A/B tests: a Beta(α, β) prior updated with
 * conversions out of visitors gives Beta(α + conversions, β + visitors − conversions).
 */
import * as pm from '../../sim/portable-math';
import { betaInc, betaQuantile, logGamma } from '../../sim/special';

/** A Beta(α, β) distribution (α, β > 0). */
export interface Beta {
	alpha: number;
	beta: number;
}

/** The uniform prior Beta(1, 1). */
export const UNIFORM_PRIOR: Beta = { alpha: 1, beta: 1 };

/** Prior updated with `conversions` successes out of `visitors` trials. */
export function posterior(prior: Beta, conversions: number, visitors: number): Beta {
	return { alpha: prior.alpha + conversions, beta: prior.beta + visitors - conversions };
}

/** ln B(a, b). */
export function logBeta(a: number, b: number): number {
	return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Mean α / (α + β). */
export const betaMean = (d: Beta): number => d.alpha / (d.alpha + d.beta);

/** Density at x in [0, 1]. */
export function betaDensity(d: Beta, x: number): number {
	if (x < 0 || x > 1) return 0;
	if (x === 0) return d.alpha < 1 ? Infinity : d.alpha === 1 ? d.beta : 0;
	if (x === 1) return d.beta < 1 ? Infinity : d.beta === 1 ? d.alpha : 0;
	return pm.exp((d.alpha - 1) * pm.log(x) + (d.beta - 1) * pm.log1p(-x) - logBeta(d.alpha, d.beta));
}

/** Cumulative distribution at x. */
export const betaCdf = (d: Beta, x: number): number => betaInc(x, d.alpha, d.beta);

/** Quantile at probability p. */
export const betaQuantileOf = (d: Beta, p: number): number => betaQuantile(p, d.alpha, d.beta);

/** Central credible interval with probability `level`. */
export function credibleInterval(d: Beta, level = 0.95): [number, number] {
	const tail = (1 - level) / 2;
	return [betaQuantileOf(d, tail), betaQuantileOf(d, 1 - tail)];
}

/** Check a Beta's parameters, naming the field; null when fine. */
export function betaProblem(d: Beta, field: string): string | null {
	if (!(d.alpha > 0) || !Number.isFinite(d.alpha)) return `${field}.alpha: must be a number > 0`;
	if (!(d.beta > 0) || !Number.isFinite(d.beta)) return `${field}.beta: must be a number > 0`;
	return null;
}
