import { describe, expect, it } from 'vitest';
import { capToCapacity, clampToBudget, moveUnplaced, updateCapacity } from './budget-fit';
import type { ReasonTag } from './policy';

describe('fitting channel budgets to what can be spent', () => {
	it('learns what a channel can spend, and probes upwards while it spends all it gets', () => {
		const capacity = new Float64Array(3).fill(Infinity);
		// Channel 0 spent 85% of 1,000: limited to 1.05 × 850; channel 1 spent its budget; 2 nothing.
		updateCapacity(capacity, [1000, 1000, 500], [850, 990, 0], 50);
		expect(Array.from(capacity)).toEqual([892.5, Infinity, 50]);
		// Capped channel 0 now spends all of its 892.5: its cap grows by 10%.
		updateCapacity(capacity, [892.5, 800, 50], [890, 800, 50], 50);
		expect(capacity[0]).toBeCloseTo(981.75, 9);
		expect(capacity[1]).toBe(Infinity);
		expect(capacity[2]).toBeCloseTo(55, 9);
	});

	it('caps limited channels and hands the excess to the others in proportion', () => {
		const budget = Float64Array.of(6000, 3000, 1000);
		const reasons: ReasonTag[][] = [[], [], []];
		capToCapacity(budget, [2000, Infinity, Infinity], reasons);
		expect(Array.from(budget)).toEqual([2000, 6000, 2000]);
		expect(reasons).toEqual([['saturation'], [], []]);
		// A second channel overflowing in turn is capped too; what nobody can take stays unallocated.
		const tight = Float64Array.of(6000, 3000, 1000);
		capToCapacity(tight, [2000, 4000, 1500], [[], [], []]);
		expect(Array.from(tight)).toEqual([2000, 4000, 1500]);
	});

	it('moves the budget of channels without a live creative and never exceeds the budget', () => {
		const spend = Float64Array.of(100, 100, 0, 0, 300, 100);
		moveUnplaced([200, 400, 400], [true, false, true], spend, 2);
		// Channel 1's 400 goes to channels 0 and 2 (200 and 400): each × (1 + 400/600).
		[500 / 3, 500 / 3, 0, 0, 500, 500 / 3].forEach((x, i) => expect(spend[i]).toBeCloseTo(x, 9));
		const messy = Float64Array.of(NaN, -5, 600, 600);
		clampToBudget(messy, 1000);
		expect(messy[0]).toBe(0);
		expect(messy[1]).toBe(0);
		expect(messy[2] + messy[3]).toBeLessThanOrEqual(1000);
		expect(messy[2] + messy[3]).toBeCloseTo(1000, 6);
	});
});
