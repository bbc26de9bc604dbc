import { describe, expect, it } from 'vitest';
import { HILL_TABLE_SIZE, hill, hillDerivative, hillFromTable, hillTable } from './hill';

describe('hill', () => {
	it('gives half the maximum at the half-saturation point, whatever the slope', () => {
		for (const slope of [0.3, 1, 2.5, 5]) {
			for (const k of [0.01, 1, 250]) expect(hill(k, k, slope)).toBeCloseTo(0.5, 12);
		}
	});

	it('is 0 at zero exposure, rises monotonically and approaches 1', () => {
		expect(hill(0, 1, 1.5)).toBe(0);
		let previous = 0;
		for (let x = 0.01; x < 100; x *= 1.3) {
			const h = hill(x, 1, 1.5);
			expect(h).toBeGreaterThan(previous);
			previous = h;
		}
		expect(hill(1e6, 1, 1.5)).toBeGreaterThan(0.9999);
	});

	it('matches the closed form x / (x + K) at slope 1', () => {
		expect(hill(3, 2, 1)).toBeCloseTo(3 / 5, 14);
	});

	it('has a derivative that matches finite differences', () => {
		for (const [x, k, n] of [
			[0.5, 1, 1],
			[2, 1, 2.2],
			[0.1, 0.3, 0.7]
		]) {
			const h = 1e-6;
			const numeric = (hill(x + h, k, n) - hill(x - h, k, n)) / (2 * h);
			expect(hillDerivative(x, k, n)).toBeCloseTo(numeric, 6);
		}
	});

	it('is reproduced by the lookup table to within 1e-5 for slopes 0.1–5 (exact below slope 1)', () => {
		for (const slope of [0.1, 0.5, 1, 1.3, 2, 5]) {
			const table = hillTable(slope);
			expect(table.length).toBe(HILL_TABLE_SIZE + 1);
			for (let x = 1e-4; x < 1e3; x *= 1.07) {
				expect(Math.abs(hillFromTable(x, 0.7, slope, table, 0) - hill(x, 0.7, slope))).toBeLessThan(
					1e-5
				);
			}
		}
	});
});
