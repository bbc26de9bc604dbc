import { describe, expect, it } from 'vitest';
import { isoToDate, timeAxis } from './mmm-time';

const weeks = Array.from({ length: 104 }, (_, i) =>
	new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10)
);

describe('timeAxis', () => {
	it('maps the first and last period to the ends of the axis', () => {
		const axis = timeAxis(weeks, 600);
		expect(axis.x(weeks[0])).toBe(0);
		expect(axis.x(weeks[103])).toBeCloseTo(600, 9);
		expect(isoToDate('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
	});

	it('labels month ticks that keep apart on a narrow axis', () => {
		for (const width of [260, 600, 1100]) {
			const { ticks } = timeAxis(weeks, width);
			expect(ticks.length).toBeGreaterThan(1);
			for (let i = 1; i < ticks.length; i++)
				expect(ticks[i].position - ticks[i - 1].position).toBeGreaterThanOrEqual(
					ticks[i].label.length * 11 * 0.68 + 12 - 1e-9
				);
			expect(ticks[0].label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
		}
	});

	it('labels a half-year by day, every label once', () => {
		for (const width of [300, 1100]) {
			const labels = timeAxis(weeks.slice(0, 25), width).ticks.map((t) => t.label);
			expect(new Set(labels).size).toBe(labels.length);
			expect(labels.length).toBeGreaterThan(1);
			expect(labels[0]).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
		}
	});

	it('finds the period nearest to a pixel', () => {
		const axis = timeAxis(weeks, 1030);
		expect(axis.invert(-50)).toBe(0);
		expect(axis.invert(axis.x(weeks[40]) + 2)).toBe(40);
		expect(axis.invert(5000)).toBe(103);
	});
});
