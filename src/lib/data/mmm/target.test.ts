import { describe, expect, it } from 'vitest';
import { handFit } from '../../../../tests/unit/mmm-fixtures';
import { optimalSplit } from './split';
import { budgetForTarget } from './target';
import { marginalResponseAt, responseAt } from './transform';
import type { MmmFit } from './types';

/**
 * One channel of KPI(x) = M·x / (h + x) (Hill, slope 1): closed forms for every target —
 * volume K at x = K·h / (M − K); average return T at x = M/T − h; marginal m at
 * x = √(M·h/m) − h.
 */
function oneChannel(M: number, h: number): MmmFit {
	const fit = handFit();
	const only = {
		...fit.channels[0],
		curve: { ...fit.channels[0].curve, maxResponse: M, halfSaturation: h, slope: 1 }
	};
	return { ...fit, channels: [only] };
}

describe('budgetForTarget', () => {
	const M = 1000;
	const h = 400;
	const fit = oneChannel(M, h);
	const max = { a: 10_000 };

	it('finds the least budget for a KPI volume (closed form)', () => {
		const r = budgetForTarget(fit, { kind: 'kpi', value: 600 }, { max });
		expect(r.status).toBe('met');
		expect(r.budget!).toBeCloseTo((600 * h) / (M - 600), 3);
		expect(r.kpi).toBeCloseTo(600, 3);
	});

	it('finds the most budget that keeps an average return (closed form)', () => {
		const r = budgetForTarget(fit, { kind: 'efficiency', value: 1.5 }, { max });
		expect(r.status).toBe('met');
		expect(r.budget!).toBeCloseTo(M / 1.5 - h, 3);
		expect(r.efficiency).toBeCloseTo(1.5, 6);
	});

	it('finds the most budget whose next unit still returns the floor (closed form)', () => {
		const r = budgetForTarget(fit, { kind: 'marginal', value: 0.5 }, { max });
		expect(r.status).toBe('met');
		expect(r.budget!).toBeCloseTo(Math.sqrt((M * h) / 0.5) - h, 2);
		expect(r.marginal).toBeCloseTo(0.5, 4);
	});

	it('says when no budget within the limits reaches a target, and what the best is', () => {
		const volume = budgetForTarget(fit, { kind: 'kpi', value: 990 }, { max });
		expect(volume.status).toBe('unreachable');
		expect(volume.budget).toBeNull();
		expect(volume.at).toBeCloseTo(10_000, 6);
		expect(volume.kpi).toBeCloseTo((M * 10_000) / (h + 10_000), 6);
		// The average return of a saturating curve is highest at the first unit: M/h = 2.5.
		const roas = budgetForTarget(fit, { kind: 'efficiency', value: 3 }, { max });
		expect(roas.status).toBe('unreachable');
		expect(roas.efficiency).toBeLessThan(2.5);
		expect(roas.efficiency).toBeGreaterThan(2.49);
	});

	it('says when the limits, not the target, stop the budget', () => {
		const r = budgetForTarget(fit, { kind: 'efficiency', value: 0.5 }, { max: { a: 600 } });
		expect(r.status).toBe('ceiling');
		expect(r.budget).toBe(600);
		expect(r.efficiency).toBeCloseTo(M / (h + 600), 9);
		const m = budgetForTarget(fit, { kind: 'marginal', value: 0.1 }, { max: { a: 600 } });
		expect(m.status).toBe('ceiling');
		expect(m.marginal).toBeCloseTo(marginalResponseAt(fit.channels[0].curve, 600), 9);
	});

	it("on several channels the found budget's optimal split meets the target", () => {
		const hand = handFit();
		const wide = { a: 3000, b: 3000, c: 3000 };
		const volume = budgetForTarget(hand, { kind: 'kpi', value: 1200 }, { max: wide });
		expect(volume.status).toBe('met');
		const split = optimalSplit(hand, { total: volume.budget!, objective: 'kpi', max: wide });
		expect(split.kpiRecommended.mean).toBeCloseTo(1200, 0);
		// A little less budget falls short: it is the least.
		const less = optimalSplit(hand, { total: volume.budget! * 0.99, objective: 'kpi', max: wide });
		expect(less.kpiRecommended.mean).toBeLessThan(1200);

		const roas = budgetForTarget(hand, { kind: 'efficiency', value: 1.2 }, { max: wide });
		expect(roas.status).toBe('met');
		const at = optimalSplit(hand, { total: roas.budget!, objective: 'kpi', max: wide });
		const kpi = at.channels.reduce(
			(a, ch, c) => a + responseAt(hand.channels[c].curve, ch.recommended),
			0
		);
		expect(kpi / roas.budget!).toBeCloseTo(1.2, 3);
		// The free channels' marginal return at that budget is below the average (saturation).
		expect(at.marginalReturn).toBeLessThan(1.2);
	});

	it('refuses a target that is not a positive number, and impossible limits', () => {
		expect(() => budgetForTarget(fit, { kind: 'kpi', value: 0 })).toThrow(/above 0/);
		expect(() => budgetForTarget(fit, { kind: 'efficiency', value: Number.NaN })).toThrow(
			/above 0/
		);
		expect(() =>
			budgetForTarget(fit, { kind: 'kpi', value: 10 }, { min: { a: 500 }, max: { a: 100 } })
		).toThrow(/minimum/);
	});

	it('with every channel held at today, a return floor holds or not at today’s spend', () => {
		const hand = handFit();
		const today = Object.fromEntries(hand.channels.map((ch) => [ch.id, ch.currentSpend]));
		const held = { min: today, max: today };
		const least = Math.min(
			...hand.channels.map((ch) => marginalResponseAt(ch.curve, ch.currentSpend))
		);
		const low = budgetForTarget(hand, { kind: 'marginal', value: least / 2 }, held);
		expect(low.status).toBe('ceiling');
		expect(low.marginal).toBeCloseTo(least, 9);
		expect(budgetForTarget(hand, { kind: 'marginal', value: least * 2 }, held).status).toBe(
			'unreachable'
		);
	});
});
