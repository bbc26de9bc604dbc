import { describe, expect, it } from 'vitest';
import { posterior, UNIFORM_PRIOR } from './beta';
import { exactProbGreater, expectedLoss, probBest, probGreater } from './compare';

// Reference values: mpmath at 30 digits (adaptive quadrature of the defining integrals).
describe('P(B > A)', () => {
	const a = posterior(UNIFORM_PRIOR, 120, 1000);
	const b = posterior(UNIFORM_PRIOR, 140, 1000);

	it('matches the high-precision value for 120/1000 vs 140/1000 under uniform priors', () => {
		expect(probGreater(b, a)).toBeCloseTo(0.907872586370223, 12);
		expect(probGreater(a, b)).toBeCloseTo(1 - 0.907872586370223, 12);
	});

	it('agrees between the exact sum and quadrature', () => {
		const viaQuadrature = probGreater({ alpha: b.alpha + 1e-9, beta: b.beta }, a);
		expect(viaQuadrature).toBeCloseTo(exactProbGreater(b, a), 7);
	});

	it('matches for non-integer and U-shaped posteriors', () => {
		expect(probGreater({ alpha: 15.2, beta: 84.9 }, { alpha: 12.5, beta: 88.3 })).toBeCloseTo(
			0.71912764653088,
			8
		);
		expect(probGreater({ alpha: 0.5, beta: 0.5 }, { alpha: 1.5, beta: 2.5 })).toBeCloseTo(
			0.590063274348745,
			5
		);
	});

	it('is one half for identical posteriors', () => {
		expect(probGreater(a, a)).toBeCloseTo(0.5, 10);
	});
});

describe('expected loss', () => {
	it('of choosing A when B may be better matches the double integral', () => {
		const a = posterior(UNIFORM_PRIOR, 120, 1000);
		const b = posterior(UNIFORM_PRIOR, 140, 1000);
		expect(expectedLoss(a, b)).toBeCloseTo(0.0206062688978628, 10);
		// E[max(B−A,0)] − E[max(A−B,0)] = E[B − A].
		const meanGap = b.alpha / (b.alpha + b.beta) - a.alpha / (a.alpha + a.beta);
		expect(expectedLoss(a, b) - expectedLoss(b, a)).toBeCloseTo(meanGap, 10);
	});
});

describe('P(best) over several arms', () => {
	it('matches the integrals and sums to one', () => {
		const arms = [
			{ alpha: 31, beta: 271 },
			{ alpha: 41, beta: 261 },
			{ alpha: 36, beta: 266 }
		];
		const p = probBest(arms);
		expect(p[0]).toBeCloseTo(0.0627108660899519, 7);
		expect(p[1]).toBeCloseTo(0.68900128131041, 7);
		expect(p[2]).toBeCloseTo(0.248287852599638, 7);
		expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
	});

	it('reduces to P(B > A) for two arms', () => {
		const a = { alpha: 13, beta: 90 };
		const b = { alpha: 17, beta: 85 };
		expect(probBest([a, b])[1]).toBeCloseTo(probGreater(b, a), 8);
	});
});
