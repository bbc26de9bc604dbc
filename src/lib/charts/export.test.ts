import { describe, expect, it } from 'vitest';
import { chartFileName, layoutLegend } from './export';

describe('chartFileName', () => {
	it('turns a title into a safe file name', () => {
		expect(chartFileName('Cumulative LTV-profit vs BAU')).toBe(
			'marginal-cumulative-ltv-profit-vs-bau'
		);
		expect(chartFileName('Why spend moved — Thompson (β)')).toBe(
			'marginal-why-spend-moved-thompson'
		);
		expect(chartFileName('—')).toBe('marginal-chart');
	});
});

describe('layoutLegend', () => {
	const items = ['Search', 'Social', 'Display', 'Video'].map((label) => ({ label, colour: 'red' }));

	it('puts entries on one row when they fit', () => {
		const { items: placed, height } = layoutLegend(items, 1000, 40);
		expect(new Set(placed.map((p) => p.y))).toEqual(new Set([40]));
		expect(placed.map((p) => p.x)).toEqual([...placed.map((p) => p.x)].sort((a, b) => a - b));
		expect(height).toBe(18);
	});

	it('wraps entries that do not fit into more rows, never past the width', () => {
		const { items: placed, height } = layoutLegend(items, 180, 0);
		expect(height).toBeGreaterThan(18);
		for (const p of placed.filter((p) => p.x > 12)) expect(p.x).toBeLessThan(180);
		expect(placed[0]).toMatchObject({ x: 12, y: 0 });
	});

	it('takes no room without entries', () => {
		expect(layoutLegend([], 500, 10).height).toBe(0);
	});
});
