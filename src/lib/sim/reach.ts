/**
 * Reach and frequency. How often each user sees an ad is overdispersed (some users browse far
 * more than others): exposures per user follow a negative binomial distribution with shape 1
 * (a geometric distribution), the simplest NBD reach model. With x impressions per audience
 * member, the share reached at least once is x / (1 + x) and the share seen more than n times
 * is (x / (1 + x))^(n+1).
 */
import * as pm from './portable-math';

/** Share of the audience reached at least once by `frequency` impressions per audience member. */
export function reachOf(frequency: number): number {
	return frequency > 0 ? frequency / (1 + frequency) : 0;
}

/** Share of the audience shown more than `cap` impressions (customer-experience metric). */
export function shareOverFrequency(frequency: number, cap: number): number {
	if (!(frequency > 0)) return 0;
	return pm.pow(frequency / (1 + frequency), Math.floor(cap) + 1);
}
