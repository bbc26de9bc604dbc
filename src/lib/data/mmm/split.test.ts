import { describe, expect, it } from 'vitest';
import { handFit } from '../../../../tests/unit/mmm-fixtures';
import { bestAverage } from './explain';
import { budgetScenarios, optimalSplit } from './split';
import { responseAt } from './transform';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('optimalSplit', () => {
	const fit = handFit();
	const total = 500;

	it('spends exactly the total and stays within every bound', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi', min: { b: 120 }, max: { a: 260 } });
		expect(sum(split.channels.map((c) => c.recommended))).toBeCloseTo(total, 6);
		for (const ch of split.channels) {
			expect(ch.recommended).toBeGreaterThanOrEqual(ch.min - 1e-9);
			expect(ch.recommended).toBeLessThanOrEqual(ch.max + 1e-9);
		}
		expect(split.channels.find((c) => c.id === 'b')?.binding).toBe('min');
		expect(split.fullySpent).toBe(true);
	});

	it('matches a brute-force search, funding the S-shaped channel past its threshold', () => {
		// Every split of 500 on a ½-unit grid within the bounds: a ≤ 260, b ≥ 120, c ≤ 3 × 100.
		const [a, b, c] = fit.channels.map((ch) => ch.curve);
		let best = -Infinity;
		let bestC = 0;
		for (let xa = 0; xa <= 260; xa += 0.5) {
			for (let xc = 0; xc <= 300; xc += 0.5) {
				const xb = total - xa - xc;
				if (xb < 120) continue;
				const kpi = responseAt(a, xa) + responseAt(b, xb) + responseAt(c, xc);
				if (kpi > best) [best, bestC] = [kpi, xc];
			}
		}
		const split = optimalSplit(fit, { total, objective: 'kpi', min: { b: 120 }, max: { a: 260 } });
		const kpi = sum(
			split.channels.map((ch, i) => responseAt(fit.channels[i].curve, ch.recommended))
		);
		expect(kpi).toBeGreaterThanOrEqual(best - 1e-3);
		// The S-shaped channel pays only past its threshold: step-by-step greedy never funds it,
		// yet the best split puts over half the budget there.
		expect(bestC).toBeGreaterThan(250);
		expect(split.channels.find((ch) => ch.id === 'c')!.recommended).toBeCloseTo(bestC, 0);
	});

	it('beats the current split on the fitted curves, with the change interval above zero', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi' });
		const current = sum(fit.channels.map((c) => responseAt(c.curve, c.currentSpend)));
		const recommended = sum(
			split.channels.map((c, i) => responseAt(fit.channels[i].curve, c.recommended))
		);
		expect(recommended).toBeGreaterThan(current * 1.05);
		expect(split.kpiChange.mean).toBeCloseTo(recommended - current, 6);
		expect(split.kpiChange.low).toBeGreaterThan(0);
		expect(split.kpiChange.low).toBeLessThanOrEqual(split.kpiChange.high);
	});

	it('brings the channels off their bounds to the same marginal return', () => {
		const wide = { a: 1000, b: 1000, c: 1000 };
		const split = optimalSplit(fit, { total, objective: 'kpi', max: wide });
		const free = split.channels.filter((c) => c.binding === null);
		expect(free.length).toBeGreaterThanOrEqual(2);
		for (const ch of free) expect(ch.mroasRecommended).toBeCloseTo(split.marginalReturn, 2);
	});

	it('moves budget away from the saturated channel and says why', () => {
		const split = optimalSplit(fit, { total, objective: 'kpi' });
		const b = split.channels.find((c) => c.id === 'b')!;
		expect(b.recommended).toBeLessThan(b.current);
		expect(
			split.explanation.some((line) => line.startsWith('B loses') && line.includes('ceiling'))
		).toBe(true);
		expect(split.explanation.some((line) => line.startsWith('A gains'))).toBe(true);
	});

	it('stops spending for profit where an extra unit returns less than it costs', () => {
		const split = optimalSplit(fit, { total: 5000, objective: 'profit' });
		expect(split.fullySpent).toBe(false);
		for (const ch of split.channels.filter((c) => c.binding === null)) {
			expect(ch.mroasRecommended).toBeCloseTo(1, 1);
		}
		expect(split.explanation.some((line) => line.includes('less than it costs'))).toBe(true);
	});

	it('says when all channels are at their maximum and the budget cannot be placed', () => {
		const split = optimalSplit(fit, {
			total: 10_000,
			objective: 'kpi',
			max: { a: 100, b: 100, c: 100 }
		});
		expect(split.fullySpent).toBe(false);
		expect(split.explanation.some((line) => line.includes('Raise the maximums'))).toBe(true);
	});

	it('rejects impossible budgets and unknown channels with a clear message', () => {
		expect(() => optimalSplit(fit, { total, objective: 'kpi', min: { a: 250, b: 300 } })).toThrow(
			/minimums add up/
		);
		expect(() => optimalSplit(fit, { total, objective: 'kpi', max: { zzz: 1 } })).toThrow(
			/no channel has the id "zzz"/
		);
		expect(() => optimalSplit(fit, { total: -1, objective: 'kpi' })).toThrow(/budget/);
		expect(() =>
			optimalSplit({ ...fit, valuePerKpi: null }, { total, objective: 'profit' })
		).toThrow(/valuePerKpi/);
	});
});

describe('budgetScenarios', () => {
	it('gives −20 %, same and +20 % budgets, each fully spent, with rising KPI', () => {
		const scenarios = budgetScenarios(handFit(), 500);
		expect(scenarios.map((s) => s.factor)).toEqual([0.8, 1, 1.2]);
		expect(scenarios.map((s) => s.split.total)).toEqual([400, 500, 600]);
		const kpi = scenarios.map((s) => s.split.kpiRecommended.mean);
		expect(kpi[0]).toBeLessThan(kpi[1]);
		expect(kpi[1]).toBeLessThan(kpi[2]);
	});
});

describe('an S-shaped channel switched off', () => {
	// A: saturating (max 3 × 200); B: S-shaped (slope 3), today at 300, near its steepest point.
	const base = handFit();
	const channel = (
		i: number,
		maxResponse: number,
		halfSaturation: number,
		slope: number,
		currentSpend: number
	) => ({
		...base.channels[i],
		currentSpend,
		curve: { ...base.channels[i].curve, maxResponse, halfSaturation, slope }
	});
	const fit = { ...base, channels: [channel(0, 1300, 100, 1, 200), channel(1, 300, 400, 3, 300)] };

	it('returns most per unit where the line from the origin touches it: K·(n − 1)^(1/n)', () => {
		const best = bestAverage(fit.channels[1].curve)!;
		expect(best.spend).toBeCloseTo(400 * Math.cbrt(2), 9);
		// Hill at K·2^(1/3): x³ = 2K³, so the response is M · 2/3.
		expect(best.average).toBeCloseTo((300 * 2) / 3 / best.spend, 9);
		expect(bestAverage(fit.channels[0].curve)).toBeNull();
	});

	it('says it pays only at scale, though its next unit returns more than the margin', () => {
		const split = optimalSplit(fit, { total: 400, objective: 'kpi' });
		const b = split.channels[1];
		expect(b.recommended).toBe(0);
		// Its next unit today (0.63) beats the margin (A at 400: 1300·100/500² = 0.52) …
		expect(b.mroasCurrent).toBeGreaterThan(split.marginalReturn);
		expect(split.marginalReturn).toBeCloseTo(0.52, 3);
		// … but at best it averages 0.40 per unit: the words must not claim its margin is lower.
		const line = split.explanation.find((l) => l.startsWith('B loses'))!;
		expect(line).toContain('it pays only at scale (an S-shaped curve)');
		expect(line).toContain('about 0.40 per unit at 504 per week');
		expect(line).toContain('It is switched off.');
	});
});

describe('why a channel loses budget', () => {
	it('names where the money goes and what it returns there today', () => {
		// A returns 2.50 for its next unit today, B (S-shaped, near its steepest) 0.63.
		const base = handFit();
		const fit = {
			...base,
			channels: [
				{
					...base.channels[0],
					currentSpend: 100,
					curve: { ...base.channels[0].curve, maxResponse: 1000, halfSaturation: 100, slope: 1 }
				},
				{
					...base.channels[1],
					currentSpend: 300,
					curve: { ...base.channels[1].curve, maxResponse: 300, halfSaturation: 400, slope: 3 }
				}
			]
		};
		const split = optimalSplit(fit, { total: 400, objective: 'kpi' });
		expect(split.explanation.find((l) => l.startsWith('B loses'))).toContain(
			'its marginal return (0.63) is below the 2.50 that A returns today'
		);
	});
});
