import { describe, expect, it } from 'vitest';
import {
	estimateTextWidth,
	horizontalTicks,
	sampledTicks,
	thinTicks,
	verticalTicks
} from './ticks';

describe('thinTicks', () => {
	it('keeps every k-th tick until they are far enough apart', () => {
		const ticks = [0, 1, 2, 3, 4, 5, 6];
		expect(thinTicks(ticks, (t) => t * 30, 50)).toEqual([0, 2, 4, 6]);
		expect(thinTicks(ticks, (t) => t * 60, 50)).toEqual(ticks);
		expect(thinTicks(ticks, () => 0, 50)).toEqual([0]);
		expect(thinTicks([], (t: number) => t, 50)).toEqual([]);
	});
});

describe('axis ticks', () => {
	it('space horizontal labels by the widest label plus padding', () => {
		const values = [0, 1000, 2000, 3000, 4000, 5000, 6000];
		const format = (v: number) => `$${v / 1000}K`;
		const wide = horizontalTicks(values, (v) => v / 10, format, 11, 12);
		expect(wide.map((t) => t.value)).toEqual(values);
		expect(wide[2]).toEqual({ value: 2000, position: 200, label: '$2K' });
		const narrow = horizontalTicks(values, (v) => v / 50, format, 11, 12);
		const gap = estimateTextWidth('$0K', 11) + 12;
		for (let i = 1; i < narrow.length; i++) {
			expect(narrow[i].position - narrow[i - 1].position).toBeGreaterThanOrEqual(gap);
		}
		expect(narrow.length).toBeLessThan(values.length);
	});

	it('space vertical labels by a line and a half', () => {
		const values = [0, 1, 2, 3, 4];
		const ticks = verticalTicks(values, (v) => 100 - v * 10, String, 11);
		expect(ticks.map((t) => t.value)).toEqual([0, 2, 4]);
	});
});

describe('sampledTicks', () => {
	it('puts round values at their fractional index among the samples', () => {
		// 101 samples from 3.52 % to 6.72 %: ticks at 4 %, 4.5 %, … rather than every k-th sample.
		const xs = Array.from({ length: 101 }, (_, i) => 0.0352 + (i * 0.032) / 100);
		const ticks = sampledTicks(xs, 6);
		expect(ticks.map((t) => t.value)).toEqual([0.04, 0.045, 0.05, 0.055, 0.06, 0.065]);
		for (const t of ticks) expect(t.index).toBeCloseTo(((t.value - 0.0352) / 0.032) * 100, 9);
	});

	it('interpolates between unevenly spaced samples', () => {
		expect(sampledTicks([0, 1, 10], 2)).toEqual([
			{ index: 0, value: 0 },
			{ index: 1 + 4 / 9, value: 5 },
			{ index: 2, value: 10 }
		]);
	});

	it('labels whole-number samples (days) with whole numbers only', () => {
		const days = [1, 2, 3, 4, 5, 6];
		const ticks = sampledTicks(days, 8);
		expect(ticks.map((t) => t.value)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(ticks.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('passes one sample through', () => {
		expect(sampledTicks([0.5], 5)).toEqual([{ index: 0, value: 0.5 }]);
	});
});
