import { describe, expect, it } from 'vitest';
import { loadPreset } from '$lib/sim/presets';
import { applyShift } from '$lib/sim/scenario';
import { ltvPreview, responsePreview, RESPONSE_POINTS } from './preview';

describe('previews', () => {
	const scenario = loadPreset('dtc-default');

	it('draws every channel’s true response from zero spend', () => {
		const channels = responsePreview(scenario);
		expect(channels).toHaveLength(6);
		for (const c of channels) {
			expect(c.budget).toHaveLength(RESPONSE_POINTS);
			expect(c.budget[0]).toBe(0);
			expect(c.ltvProfit[0]).toBeCloseTo(0, 9);
			expect(c.historicalBudget).toBeGreaterThan(0);
		}
	});

	it('moves a channel’s curve when its half-saturation changes, and only that one', () => {
		const before = responsePreview(scenario);
		const slower = applyShift(scenario, 'channels[2].hill.halfSaturation', 10);
		const after = responsePreview(slower);
		expect(after[2].historical.ltvProfit).toBeLessThan(before[2].historical.ltvProfit);
		expect(after[0].ltvProfit).toEqual(before[0].ltvProfit);
	});

	it('accumulates customer value up to the LTV horizon', () => {
		const segments = ltvPreview(scenario);
		expect(segments).toHaveLength(3);
		for (const s of segments) {
			expect(s.age[0]).toBe(0);
			expect(s.age.at(-1)).toBe(scenario.ltv.horizonDays);
			for (let i = 1; i < s.cumulativeMargin.length; i++) {
				expect(s.cumulativeMargin[i]).toBeGreaterThanOrEqual(s.cumulativeMargin[i - 1]);
			}
			expect(s.cumulativeMargin[0]).toBeCloseTo(s.firstOrderMargin, 6);
			expect(s.ltvMargin).toBeLessThanOrEqual(s.cumulativeMargin.at(-1)! + 1e-9);
		}
	});
});
