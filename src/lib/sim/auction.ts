/**
 * Second-price auctions against a lognormal field of competitor bids, in closed form.
 *
 * Each impression opportunity's highest competing bid (a CPM) is lognormal with median `m`
 * and log-spread σ. Bidding up to b wins the share F(b) = Φ(z) with z = ln(b/m)/σ, paying the
 * competitor's bid each time, so the spend per opportunity is E[X; X < b] = mean · Φ(z − σ)
 * with mean = m·e^{σ²/2}. Writing x = spend / (opportunities · mean) for the share of the
 * inventory's total value we spend, the share of impressions won is
 *
 *     won(x) = Φ(Φ⁻¹(x) + σ),    and back:  x = Φ(Φ⁻¹(won) − σ).
 *
 * won is concave in x: every extra dollar buys costlier impressions (rising marginal cost).
 * Bid caps and frequency caps cap `won`; the spend that buys it follows from the inverse.
 * Φ and Φ⁻¹ are the table-interpolated versions: this runs for every channel × segment × step.
 */
import { fastNormalCdf, fastNormalQuantile } from './normal';
import * as pm from './portable-math';

/** Share of the inventory's value spent to win a share `won` of the impressions. */
export function spendShareForWins(won: number, spread: number): number {
	if (won <= 0) return 0;
	if (won >= 1) return 1;
	return fastNormalCdf(fastNormalQuantile(won) - spread);
}

/** Share of impressions won when spending a share `spendShare` of the inventory's value. */
export function winsForSpendShare(spendShare: number, spread: number): number {
	if (spendShare <= 0) return 0;
	if (spendShare >= 1) return 1;
	return fastNormalCdf(fastNormalQuantile(spendShare) + spread);
}

/** Share of impressions a bid cap (CPM) can win against competitors with median CPM `median`. */
export function winsAtBid(bidCpm: number, medianCpm: number, spread: number): number {
	if (!(bidCpm > 0)) return 0;
	if (bidCpm === Infinity) return 1;
	return fastNormalCdf(pm.log(bidCpm / medianCpm) / spread);
}

/** Mean competitor CPM: the cost per 1,000 impressions of buying the whole inventory. */
export function meanCpm(medianCpm: number, spread: number): number {
	return medianCpm * pm.exp(0.5 * spread * spread);
}

/** The outcome of one auction call, written into a reusable object (no allocation per step). */
export interface AuctionResult {
	/** Impressions won. */
	impressions: number;
	/** Spend actually paid (≤ the budget offered), currency units. */
	spend: number;
}

/**
 * Buy impressions with `budget` from `opportunities` impression opportunities whose competing
 * bids have mean `averageCpm` (see `meanCpm`) and log-spread `spread`.
 * `maxWinShare` folds bid caps and frequency caps: the share of opportunities we may win at most.
 */
export function runAuction(
	budget: number,
	opportunities: number,
	averageCpm: number,
	spread: number,
	maxWinShare: number,
	out: AuctionResult
): AuctionResult {
	if (!(budget > 0) || !(opportunities > 0) || !(maxWinShare > 0)) {
		out.impressions = 0;
		out.spend = 0;
		return out;
	}
	const inventoryValue = (opportunities * averageCpm) / 1000;
	let spendShare = budget / inventoryValue;
	let won = winsForSpendShare(spendShare, spread);
	if (won > maxWinShare) {
		won = maxWinShare;
		spendShare = spendShareForWins(won, spread);
	}
	if (spendShare > 1) spendShare = 1;
	out.impressions = won * opportunities;
	out.spend = Math.min(budget, spendShare * inventoryValue);
	return out;
}
