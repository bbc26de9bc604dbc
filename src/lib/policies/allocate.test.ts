import { describe, expect, it } from 'vitest';
import { concaveEnvelope, splitBudget } from './allocate';

const grid = (top: number, n: number) =>
	Float64Array.from({ length: n + 1 }, (_, i) => (top * i) / n);

describe('splitting a budget by marginal returns', () => {
	it('finds the closed-form optimum of logarithmic curves (equal marginal returns)', () => {
		// f_c(b) = a_c · ln(1 + b/k): f' = a_c / (k + b) = λ ⇒ b_c = a_c/λ − k; Σ b_c = B fixes λ.
		const a = [3, 2, 1];
		const k = 100;
		const budget = 900;
		const lambda = a.reduce((x, y) => x + y, 0) / (budget + a.length * k);
		const expected = a.map((ac) => ac / lambda - k);
		const g = grid(budget, 3000);
		const split = splitBudget(
			{ grids: [g, g, g], values: a.map((ac) => g.map((b) => ac * Math.log(1 + b / k))) },
			{ budget, stopAtZero: false }
		);
		split.budget.forEach((b, c) => expect(Math.abs(b - expected[c])).toBeLessThan(1));
		const marginals = Array.from(split.marginal);
		expect(Math.max(...marginals) - Math.min(...marginals)).toBeLessThan(1e-3);
	});

	it('spends it all for volume objectives and stops at zero marginal profit for profit ones', () => {
		const g = grid(1000, 200);
		// profit(b) = 4·sqrt(b) − b peaks at b = 4.
		const profit = g.map((b) => 4 * Math.sqrt(b) - b);
		const volume = g.map((b) => 4 * Math.sqrt(b));
		expect(
			splitBudget({ grids: [g], values: [volume] }, { budget: 500, stopAtZero: false }).budget[0]
		).toBeCloseTo(500, 6);
		const stopped = splitBudget({ grids: [g], values: [profit] }, { budget: 500, stopAtZero: true })
			.budget[0];
		expect(stopped).toBeLessThanOrEqual(10); // the grid step is 5: the optimum 4 lies in the first step
	});

	it('respects per-channel bounds', () => {
		const g = grid(1000, 100);
		const values = [g.map((b) => 10 * Math.sqrt(b)), g.map((b) => Math.sqrt(b))];
		const split = splitBudget(
			{ grids: [g, g], values },
			{ budget: 600, stopAtZero: false, min: [0, 200], max: [300, 1000] }
		);
		expect(split.budget[0]).toBeLessThanOrEqual(300 + 1e-9);
		expect(split.budget[1]).toBeGreaterThanOrEqual(200 - 1e-9);
		expect(split.budget[0] + split.budget[1]).toBeCloseTo(600, 6);
	});

	it('funds an S-shaped channel when its whole stretch pays (concave envelope)', () => {
		const g = grid(1000, 100);
		// S-shaped: worthless below 400, then a big jump; the concave one returns 0.5 per dollar.
		const s = g.map((b) => (b < 400 ? 0 : 2 * (b - 300)));
		const concave = g.map((b) => 0.5 * b);
		const split = splitBudget(
			{ grids: [g, g], values: [s, concave] },
			{ budget: 1000, stopAtZero: false }
		);
		expect(split.budget[0]).toBeGreaterThan(900);
	});

	it('builds the upper concave envelope of a curve', () => {
		expect(concaveEnvelope([0, 1, 2, 3, 4], [0, 0, 3, 3.5, 3.6])).toEqual([0, 2, 3, 4]);
		expect(concaveEnvelope([0, 1, 2], [0, 1, 2])).toEqual([0, 2]);
	});
});
