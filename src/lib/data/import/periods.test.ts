import { describe, expect, it } from 'vitest';
import { epochDay } from './date';
import { checkPeriods } from './periods';

const day0 = epochDay(2024, 1, 1);
/** Grid from day offsets; file rows start at 2 (after the header). */
const grid = (offsets: number[]) =>
	checkPeriods(
		Int32Array.from(offsets, (o) => day0 + o),
		offsets.map((_, i) => i + 2),
		'DATE'
	);
const range = (count: number, step: number, from = 0) =>
	Array.from({ length: count }, (_, i) => from + i * step);

describe('checkPeriods', () => {
	it('recognises clean daily and weekly grids', () => {
		expect(grid(range(30, 1))).toMatchObject({ granularity: 'day', errors: [], warnings: [] });
		expect(grid(range(30, 7))).toMatchObject({ granularity: 'week', errors: [], warnings: [] });
	});

	it('sorts rows by date with a warning', () => {
		const result = grid([14, 0, 7, 21]);
		expect(Array.from(result.order)).toEqual([1, 2, 0, 3]);
		expect(result.warnings[0].code).toBe('unsorted');
		expect(result.errors).toEqual([]);
	});

	it('names both rows of a duplicate period', () => {
		const result = grid([0, 7, 7, 14]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({ code: 'duplicate-period', row: 4, column: 'DATE' });
		expect(result.errors[0].message).toContain('also row 3');
	});

	it('names the row after a gap and counts the missing periods', () => {
		const weekly = grid([0, 7, 28, 35]);
		expect(weekly.errors).toHaveLength(1);
		expect(weekly.errors[0]).toMatchObject({ code: 'missing-period', row: 4, column: 'DATE' });
		expect(weekly.errors[0].message).toContain(
			'2 weeks missing between 2024-01-08 (row 3) and 2024-01-29'
		);
		const daily = grid([...range(10, 1), 11, 12]);
		expect(daily.errors[0]).toMatchObject({ code: 'missing-period', row: 12 });
		expect(daily.errors[0].message).toContain('1 day missing');
	});

	it('flags daily rows inside weekly data as mixed granularity', () => {
		const result = grid([0, 7, 14, 21, 28, 29, 30, 35]);
		expect(result.granularity).toBe('week');
		expect(result.errors.map((e) => [e.code, e.row])).toEqual([
			['mixed-granularity', 7],
			['mixed-granularity', 8],
			['mixed-granularity', 9]
		]);
		expect(result.errors[0].message).toContain('1 day after row 6');
	});

	it('flags a run of weekly rows inside daily data as mixed granularity, once', () => {
		const result = grid([...range(20, 1), ...range(4, 7, 26)]);
		expect(result.granularity).toBe('day');
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({ code: 'mixed-granularity', row: 21, column: 'DATE' });
	});

	it('rejects monthly data', () => {
		const result = grid([0, 31, 60, 91, 121]);
		expect(result.granularity).toBeUndefined();
		expect(result.errors[0].code).toBe('unsupported-granularity');
	});
});
