import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { runMetrics } from '../experiment/metrics';
import { runPolicy } from '../experiment/runner';
import { createView } from '../experiment/view';
import { Market } from '../sim/market';
import { loadPreset } from '../sim/presets';
import { trueResponse } from '../sim/response';
import { createBauFixed } from './bau-fixed';
import { createOracle, rotateCreatives } from './oracle';

const twoChannels = loadPreset('two-channels');

describe('the oracle', () => {
	it('finds the best daily split that brute force finds, on a two-channel market', () => {
		const market = new Market(twoChannels, 1, 30);
		const view = createView(market, 'ltv-profit');
		const oracle = createOracle({ kind: 'oracle', gridPoints: 64 });
		oracle.attachMarket!(market);
		const decision = oracle.decide(view);
		const chosen = [decision.spend[0], decision.spend[1]];
		const profit = (b: number[]) =>
			trueResponse(market, 0, b[0]).ltvProfit + trueResponse(market, 1, b[1]).ltvProfit;
		let best = -Infinity;
		const B = twoChannels.dailyBudget;
		for (let b0 = 0; b0 <= B; b0 += 20) {
			for (let b1 = 0; b0 + b1 <= B; b1 += 20) best = Math.max(best, profit([b0, b1]));
		}
		expect(chosen[0] + chosen[1]).toBeLessThanOrEqual(B + 1e-6);
		expect(profit(chosen)).toBeGreaterThanOrEqual(best * 0.998);
	});

	it('no move of budget between two channels beats its split on dtc-default (six curves, some S-shaped)', () => {
		const scenario = loadPreset('dtc-default');
		const market = new Market(scenario, 1, 30);
		const oracle = createOracle({ kind: 'oracle' });
		oracle.attachMarket!(market);
		const decision = oracle.decide(createView(market, 'ltv-profit'));
		const { C, K } = market.params;
		const split = Array.from({ length: C }, (_, c) => {
			let sum = 0;
			for (let k = 0; k < K; k++) sum += decision.spend[c * K + k];
			return sum;
		});
		const profit = (b: number[]) =>
			b.reduce((acc, spend, c) => acc + trueResponse(market, c, spend).ltvProfit, 0);
		const best = profit(split);
		const B = scenario.dailyBudget;
		for (let to = 0; to < C; to++) {
			for (let from = 0; from < C; from++) {
				if (to === from) continue;
				for (const share of [0.005, 0.02, 0.05, 0.1, 0.2, 0.4]) {
					const move = Math.min(share * B, split[from]);
					const moved = [...split];
					moved[to] += move;
					moved[from] -= move;
					// Within the grid's resolution (0.05 % of the day's LTV-profit).
					expect(profit(moved), `${from} → ${to}, ${move}`).toBeLessThanOrEqual(best * 1.0005);
				}
			}
		}
	});

	it('beats every fixed split over a whole run (ground-truth LTV-profit)', () => {
		const scenario = { ...twoChannels, days: 60 };
		const config = { seed: 5, objective: 'ltv-profit' as const, guardrails: DEFAULT_GUARDRAILS };
		const oracle = runMetrics(
			runPolicy(scenario, createOracle(), config),
			scenario.dailyBudget
		).ltvProfit;
		for (let share = 0; share <= 1; share += 0.125) {
			const fixed = createBauFixed({
				kind: 'bau-fixed',
				shares: { search: share, social: 1 - share }
			});
			const profit = runMetrics(runPolicy(scenario, fixed, config), scenario.dailyBudget).ltvProfit;
			expect(oracle, `share ${share}`).toBeGreaterThan(profit);
		}
	});

	it('rotates creatives so that funded ones have equal marginal effect q / (1 + αx)²', () => {
		// All funded; one left out (quality too low for its fatigue); unsorted with a dead
		// creative; a single creative.
		for (const [quality, alpha] of [
			[
				[1.3, 1.0, 0.6],
				[2, 0.5, 1]
			],
			[
				[1.3, 1.2, 0.2],
				[0.5, 0.5, 0.5]
			],
			[
				[0.4, 0, 0.9, 0.7],
				[3, 1, 0.2, 8]
			],
			[[0.5], [1]]
		]) {
			const n = quality.length;
			const shares = rotateCreatives(quality, alpha, new Float64Array(n));
			expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
			const marginal = quality.map((q, k) => q / (1 + alpha[k] * shares[k]) ** 2);
			const funded = quality.map((_, k) => k).filter((k) => shares[k] > 1e-9);
			expect(funded.length).toBeGreaterThan(0);
			for (const k of funded) expect(marginal[k], `${quality}`).toBeCloseTo(marginal[funded[0]], 6);
			for (let k = 0; k < n; k++)
				if (shares[k] <= 1e-9)
					expect(marginal[k], `${quality}`).toBeLessThanOrEqual(marginal[funded[0]] + 1e-9);
		}
		// The second case leaves its third creative out: 0.2 < λ.
		expect(rotateCreatives([1.3, 1.2, 0.2], [0.5, 0.5, 0.5], new Float64Array(3))[2]).toBe(0);
	});
});
