import { describe, expect, it } from 'vitest';
import { meanCpm, runAuction, spendShareForWins, winsAtBid, winsForSpendShare } from './auction';
import { createStream, normal } from './random';

describe('second-price auction against lognormal competitor bids', () => {
	it('inverts: the spend share that wins w wins w back', () => {
		for (const spread of [0.2, 0.7, 1.5]) {
			for (const won of [0.01, 0.2, 0.5, 0.9]) {
				expect(winsForSpendShare(spendShareForWins(won, spread), spread)).toBeCloseTo(won, 3);
			}
		}
	});

	it('matches a Monte Carlo auction: bidding b wins F(b) and pays E[X; X < b]', () => {
		const rng = createStream(99);
		const median = 10;
		const spread = 0.6;
		const bid = 14;
		const n = 200_000;
		let wins = 0;
		let paid = 0;
		for (let i = 0; i < n; i++) {
			const competitor = median * Math.exp(spread * normal(rng));
			if (competitor < bid) {
				wins++;
				paid += competitor;
			}
		}
		const won = winsAtBid(bid, median, spread);
		const spendShare = spendShareForWins(won, spread);
		// Binomial standard error of the win share is ~0.001 at n = 200k.
		expect(Math.abs(wins / n - won)).toBeLessThan(0.004);
		expect(paid / n / meanCpm(median, spread)).toBeCloseTo(spendShare, 2);
	});

	it('has rising marginal cost: each extra dollar buys fewer impressions', () => {
		const out = { impressions: 0, spend: 0 };
		let previousImpressions = 0;
		let previousGain = Infinity;
		for (let budget = 100; budget <= 5000; budget += 100) {
			runAuction(budget, 1_000_000, meanCpm(5, 0.7), 0.7, 1, out);
			const gain = out.impressions - previousImpressions;
			expect(gain).toBeGreaterThan(0);
			expect(gain).toBeLessThan(previousGain);
			previousGain = gain;
			previousImpressions = out.impressions;
		}
	});

	it('never spends more than the budget nor wins more than the cap allows', () => {
		const out = { impressions: 0, spend: 0 };
		for (const budget of [0, 1, 50, 1e3, 1e6, 1e9]) {
			for (const cap of [1, 0.3, 0.01]) {
				runAuction(budget, 500_000, meanCpm(8, 0.5), 0.5, cap, out);
				expect(out.spend).toBeLessThanOrEqual(budget);
				expect(out.spend).toBeGreaterThanOrEqual(0);
				expect(out.impressions).toBeLessThanOrEqual(cap * 500_000 + 1e-6);
			}
		}
	});

	it('buys the whole inventory at its total value, and not a cent more', () => {
		const out = { impressions: 0, spend: 0 };
		const value = (meanCpm(4, 0.5) * 100_000) / 1000;
		runAuction(value * 3, 100_000, meanCpm(4, 0.5), 0.5, 1, out);
		expect(out.impressions).toBe(100_000);
		expect(out.spend).toBeCloseTo(value, 9);
	});
});
