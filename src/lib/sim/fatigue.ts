/**
 * Creative fatigue and recovery.
 *
 * Each creative × segment keeps an exposure stock: the impressions per audience member it has
 * shown recently, `stock ← stock · (1 − recovery) + impressions / audience` every step. The
 * creative's click and conversion effectiveness is multiplied by 1 / (1 + fatigueRate · stock):
 * heavy rotation wears it out, rest lets the stock decay and the creative recover.
 */

/** Effectiveness multiplier in (0, 1] for a given exposure stock. */
export function fatigueMultiplier(stock: number, fatigueRate: number): number {
	return 1 / (1 + fatigueRate * stock);
}

/** The exposure stock after one step. `keep` = (1 − recovery per step). */
export function nextExposureStock(
	stock: number,
	keep: number,
	impressions: number,
	audience: number
): number {
	return stock * keep + (audience > 0 ? impressions / audience : 0);
}
