import { describe, expect, it } from 'vitest';
import type { MmmDiagnostics } from '$lib/data/mmm';
import { fitChecks } from './fit-checks';

const base: MmmDiagnostics = {
	r2: 0.95,
	nrmse: 0.05,
	mape: 0.03,
	holdout: { r2: 0.9, nrmse: 0.06, mape: 0.04, periods: 10 },
	durbinWatson: 1.95,
	converged: true,
	evaluations: 1000,
	seconds: 2,
	draws: 100,
	warnings: []
};

describe('fitChecks', () => {
	it('passes a settled fit with white residuals and a holdout close to the fit', () => {
		const checks = fitChecks(base, 'week');
		expect(checks.map((c) => [c.id, c.ok])).toEqual([
			['converged', true],
			['residuals', true],
			['holdout', true]
		]);
		expect(checks[1].text).toContain('Durbin–Watson 1.95');
		expect(checks[2].text).toContain('last 10 weeks');
	});

	it('asks for attention when the search did not settle, residuals streak, or the holdout falls apart', () => {
		const checks = fitChecks(
			{
				...base,
				converged: false,
				durbinWatson: 0.8,
				holdout: { ...base.holdout, r2: 0.5 }
			},
			'week'
		);
		expect(checks.every((c) => !c.ok)).toBe(true);
		expect(checks[0].text).toMatch(/still improving/);
		expect(checks[1].text).toMatch(/streaks .*0\.80/);
		expect(checks[2].text).toMatch(/R² 0\.50 against 0\.95/);
	});

	it('names alternating residuals and says nothing of a missing holdout or an undefined statistic', () => {
		expect(fitChecks({ ...base, durbinWatson: 3.1 }, 'day')[1].text).toMatch(
			/alternate day to day/
		);
		const checks = fitChecks(
			{ ...base, durbinWatson: NaN, holdout: { ...base.holdout, periods: 0 } },
			'week'
		);
		expect(checks.map((c) => c.id)).toEqual(['converged']);
	});
});
