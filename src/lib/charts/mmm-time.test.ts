import { describe, expect, it } from 'vitest';
import { isoToDate, periodTicks } from './mmm-time';

const weeks = Array.from({ length: 104 }, (_, i) =>
	new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10)
);

/** Index i onto [0, width] as LinePlot places it. */
const linear = (n: number, width: number) => (i: number) => (i / (n - 1)) * width;

describe('periodTicks', () => {
	it('reads ISO dates as UTC days', () => {
		expect(isoToDate('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
	});

	it('places each tick at its date between the periods around it', () => {
		const ticks = periodTicks(weeks, linear(104, 600), 600);
		const jan2024 = ticks.find((t) => t.label === 'Jan 2024');
		expect(jan2024).toBeDefined();
		// Week 0 starts on Monday 2023-01-02, so week 52 starts on 2024-01-01 itself.
		expect(weeks[52]).toBe('2024-01-01');
		expect(jan2024!.value).toBeCloseTo(52, 9);
		expect(jan2024!.position).toBeCloseTo((52 / 103) * 600, 9);
		// A month start inside a week: Feb 1, 2023 is 2 days before the week of Feb 6 (index 5).
		const feb = periodTicks(weeks.slice(0, 20), linear(20, 300), 300).find(
			(t) => t.label === 'Feb 1'
		);
		expect(feb!.value).toBeCloseTo(5 - 5 / 7, 9);
		for (const t of ticks) {
			expect(t.position).toBeGreaterThanOrEqual(0);
			expect(t.position).toBeLessThanOrEqual(600 + 1e-9);
		}
	});

	it('labels month ticks that keep apart on a narrow axis', () => {
		for (const width of [260, 600, 1100]) {
			const ticks = periodTicks(weeks, linear(104, width), width);
			expect(ticks.length).toBeGreaterThan(1);
			for (let i = 1; i < ticks.length; i++)
				expect(ticks[i].position - ticks[i - 1].position).toBeGreaterThanOrEqual(
					ticks[i].label.length * 11 * 0.68 + 12 - 1e-9
				);
			expect(ticks[0].label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
		}
	});

	it('asks for more ticks on a wider axis', () => {
		const narrow = periodTicks(weeks, linear(104, 300), 300).length;
		const wide = periodTicks(weeks, linear(104, 1100), 1100).length;
		expect(wide).toBeGreaterThan(narrow);
	});

	it('labels a half-year by day, every label once', () => {
		for (const width of [300, 1100]) {
			const labels = periodTicks(weeks.slice(0, 25), linear(25, width), width).map((t) => t.label);
			expect(new Set(labels).size).toBe(labels.length);
			expect(labels.length).toBeGreaterThan(1);
			expect(labels[0]).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
		}
	});

	it('uses the position function it is given (a plot with a left offset)', () => {
		const plain = periodTicks(weeks, linear(104, 600), 600);
		const shifted = periodTicks(weeks, (i) => 40 + linear(104, 600)(i), 600);
		expect(shifted.map((t) => t.position)).toEqual(plain.map((t) => t.position + 40));
	});

	it('gives one tick for a single period and none for no periods', () => {
		expect(periodTicks(['2024-03-04'], () => 0, 500)).toEqual([
			{ value: 0, position: 0, label: 'Mar 4' }
		]);
		expect(periodTicks([], () => 0, 500)).toEqual([]);
	});
});
