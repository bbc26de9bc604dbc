/**
 * The shortcuts that make ts-curve and the bandits cheap give exactly what the plain versions
 * give: the noise-only posterior, saturation features extended day by day, an eligible-arms
 * Thompson draw in one batch, and tabulated cost curves.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../sim/random';
import { BetaPosteriors } from './bandits/beta-thompson';
import { addObservation, createBayesLinear, posterior, posteriorNoiseSd } from './bayes-linear';
import { costGrid, GRID } from './cost-grid';
import { extendDeliveryLog, impressionsFor } from './delivery';
import { createHillCache, fillHills } from './hill-cache';
import type { PolicyView } from './policy';
import { advanceAdstock, saturation, type DayCache } from './response-model';

describe('fast paths', () => {
	it('scores a regression’s noise exactly as its full posterior does', () => {
		const rng = createStream(3);
		const state = createBayesLinear([0, 0, 0], [5, 2, 2], 1, 5);
		for (let i = 0; i < 200; i++) {
			const x = [1, rng.next() * 3, rng.next()];
			addObservation(state, x, 2 + 0.5 * x[1] - x[2] + rng.next(), 0.99 ** (200 - i));
		}
		expect(posteriorNoiseSd(state)).toBe(posterior(state).noiseSd);
		const small = createBayesLinear([0], [1], 0.3, 2);
		addObservation(small, [1], 0.7);
		expect(posteriorNoiseSd(small)).toBe(posterior(small).noiseSd);
	});

	it('extends cached saturation features to the same values as a fresh fill, and refills on a new shape', () => {
		const C = 2;
		const S = 3;
		const days = 150;
		const rng = createStream(5);
		const frequency = Float64Array.from({ length: days * C * S }, () => 2 * rng.next());
		const cache = { frequency } as DayCache;
		const expected = (c: number, s: number, carry: number, half: number) => {
			const stock = [0, 0];
			return Array.from({ length: days }, (_, d) =>
				saturation(advanceAdstock(stock, 0, carry, frequency[d * C * S + c * S + s]), half)
			);
		};
		const hills = createHillCache(C, S);
		fillHills(hills, cache, C, S, 1, 1.6, 0.8, 90);
		fillHills(hills, cache, C, S, 1, 1.6, 0.8, days);
		fillHills(hills, cache, C, S, 0, 0.3, 0.5, 40);
		fillHills(hills, cache, C, S, 0, 0.8, 1.2, days);
		for (let s = 0; s < S; s++) {
			expect(Array.from(hills.values[1 * S + s].subarray(0, days))).toEqual(
				expected(1, s, 1.6, 0.8)
			);
			expect(Array.from(hills.values[0 * S + s].subarray(0, days))).toEqual(
				expected(0, s, 0.8, 1.2)
			);
		}
	});

	it('draws among eligible arms in one batch with the same choices as one draw per arm', () => {
		const fast = new BetaPosteriors(4, 1, 1);
		const plain = new BetaPosteriors(4, 1, 1);
		[
			[30, 900],
			[45, 1200],
			[5, 80],
			[60, 2000]
		].forEach(([a, b], k) => {
			fast.set(k, a, b);
			plain.set(k, a, b);
		});
		const eligible = Uint8Array.from([1, 0, 1, 1]);
		const rngFast = createStream(11);
		const rngPlain = createStream(11);
		const picks = new Set<number>();
		for (let i = 0; i < 500; i++) {
			let best = -1;
			let bestDraw = -1;
			for (let k = 0; k < 4; k++) {
				if (!eligible[k]) continue;
				const theta = plain.draw(k, rngPlain);
				if (theta > bestDraw) {
					bestDraw = theta;
					best = k;
				}
			}
			const pick = fast.argmaxDraw(rngFast, eligible);
			expect(pick).toBe(best);
			picks.add(pick);
		}
		expect(picks.has(1)).toBe(false);
		expect(picks.size).toBeGreaterThan(1);
	});

	it('tabulates what each cost curve buys at every grid budget', () => {
		const C = 1;
		const K = 1;
		const S = 2;
		const days = 70;
		const rng = createStream(9);
		const spend = new Float64Array(days * S);
		const impressions = new Float64Array(days * S);
		for (let d = 0; d < days; d++) {
			for (let s = 0; s < S; s++) {
				const b = (s === 0 ? 600 : 200) * (0.5 + rng.next());
				spend[d * S + s] = b;
				impressions[d * S + s] = (s === 0 ? 90 : 40) * b ** 0.8 * (0.9 + 0.2 * rng.next());
			}
		}
		const view = {
			day: days,
			dailyBudget: 1000,
			layout: { C, K, S },
			observed: { spend, impressions }
		} as unknown as PolicyView;
		const grid = costGrid(view, extendDeliveryLog(view, null, 0));
		expect(grid.share[0]).toBeGreaterThan(0.6);
		for (let s = 0; s < S; s++) {
			const curve = grid.cost[s]!;
			for (let i = 0; i <= GRID; i++) {
				const exact = impressionsFor(curve, grid.grid[i] * grid.share[s]);
				expect(Math.abs(grid.impressions[s * (GRID + 1) + i] - exact)).toBeLessThanOrEqual(
					1e-12 * exact
				);
			}
		}
	});
});
