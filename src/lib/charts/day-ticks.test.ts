import { describe, expect, it } from 'vitest';
import { dayTicks, formatDay } from './day-ticks';

describe('dayTicks', () => {
	it('puts month ticks on the first of each month, January labelled with the year', () => {
		// 2026-01-05 + 365 days: Feb 1 is day 27.
		const ticks = dayTicks('2026-01-05', 365, (d) => d * 3, 1100);
		expect(ticks[0]).toMatchObject({ value: 27, label: 'Feb' });
		expect(ticks.find((t) => t.label === '2027')?.value).toBe(361);
	});

	it('keeps labels apart on a narrow axis', () => {
		const ticks = dayTicks('2026-01-05', 365, (d) => d * 0.8, 292);
		for (let i = 1; i < ticks.length; i++)
			expect(ticks[i].position - ticks[i - 1].position).toBeGreaterThanOrEqual(30);
	});

	it('gives nothing for an empty run', () => {
		expect(dayTicks('2026-01-05', 0, (d) => d, 500)).toEqual([]);
	});
});

describe('formatDay', () => {
	it('writes the weekday and date of a pilot day', () => {
		expect(formatDay('2026-01-05', 0)).toBe('Mon, Jan 5, 2026');
		expect(formatDay('2026-01-05', 27)).toBe('Sun, Feb 1, 2026');
	});
});
