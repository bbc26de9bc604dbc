import { describe, expect, it } from 'vitest';
import type { DailySeries } from '../app/daily-series';
import { dailyLines, DAILY_LINES, extentOf, nearestIndex, rollingMean } from './series';

/** Two channels over four days, values chosen so sums are easy to check. */
function tinyDaily(): DailySeries {
	const series = (a: number[], b: number[]) => Float64Array.from([...a, ...b]);
	return {
		days: 4,
		C: 2,
		spend: series([1, 2, 3, 4], [10, 20, 30, 40]),
		incRevenue: series([2, 2, 2, 2], [5, 5, 5, 5]),
		lastClickRevenue: series([0, 1, 0, 1], [3, 3, 3, 3]),
		platformRevenue: series([4, 4, 4, 4], [8, 8, 8, 8]),
		ltvProfit: series([1, 1, 1, 1], [-1, -1, -1, -1])
	};
}

describe('rollingMean', () => {
	it('averages the trailing window, using fewer days at the start', () => {
		expect([...rollingMean([2, 4, 6, 8, 10], 3)]).toEqual([2, 3, 4, 6, 8]);
	});

	it('returns the values unchanged for a window of one (or less)', () => {
		expect([...rollingMean([3, 1, 4], 1)]).toEqual([3, 1, 4]);
		expect([...rollingMean([3, 1, 4], 0)]).toEqual([3, 1, 4]);
	});

	it('keeps a constant series constant', () => {
		expect([...rollingMean(new Float64Array(10).fill(7), 7)].every((v) => v === 7)).toBe(true);
	});
});

describe('dailyLines', () => {
	it('sums the channels day by day when no channel is chosen', () => {
		const lines = dailyLines(tinyDaily(), null);
		expect([...lines.spend]).toEqual([11, 22, 33, 44]);
		expect([...lines.lastClickRevenue]).toEqual([3, 4, 3, 4]);
		expect(Object.keys(lines).sort()).toEqual([...DAILY_LINES].sort());
	});

	it('picks one channel', () => {
		const lines = dailyLines(tinyDaily(), 1);
		expect([...lines.spend]).toEqual([10, 20, 30, 40]);
		expect([...lines.platformRevenue]).toEqual([8, 8, 8, 8]);
	});

	it('smooths with a trailing mean', () => {
		const lines = dailyLines(tinyDaily(), 0, 2);
		expect([...lines.spend]).toEqual([1, 1.5, 2.5, 3.5]);
		expect([...lines.lastClickRevenue]).toEqual([0, 0.5, 0.5, 0.5]);
	});

	it('does not change the data it reads', () => {
		const daily = tinyDaily();
		dailyLines(daily, null, 3);
		expect([...daily.spend]).toEqual([...tinyDaily().spend]);
	});
});

describe('chart helpers', () => {
	it('finds the extent over several series, skipping non-finite values', () => {
		expect(extentOf([[3, -2], Float64Array.from([NaN, 9])])).toEqual([-2, 9]);
		expect(extentOf([])).toEqual([0, 1]);
	});

	it('finds the nearest grid point', () => {
		const xs = [0, 10, 20, 30];
		expect(nearestIndex(xs, -5)).toBe(0);
		expect(nearestIndex(xs, 14)).toBe(1);
		expect(nearestIndex(xs, 16)).toBe(2);
		expect(nearestIndex(xs, 99)).toBe(3);
		expect(nearestIndex([], 1)).toBe(-1);
	});
});
