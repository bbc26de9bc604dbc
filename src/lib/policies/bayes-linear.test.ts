import { describe, expect, it } from 'vitest';
import { createStream, normal } from '../sim/random';
import {
	addObservation,
	cholesky,
	choleskySolve,
	combinationSd,
	createBayesLinear,
	discount,
	posterior,
	sampleCoefficients
} from './bayes-linear';

describe('Bayesian linear regression', () => {
	it('solves SPD systems by Cholesky', () => {
		const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
		const l = a.slice();
		expect(cholesky(l, 3)).toBe(true);
		const x = choleskySolve(l, 3, Float64Array.from([1, 2, 3]));
		for (let i = 0; i < 3; i++) {
			let row = 0;
			for (let j = 0; j < 3; j++) row += a[i * 3 + j] * x[j];
			expect(row).toBeCloseTo([1, 2, 3][i], 12);
		}
		expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
	});

	it('recovers coefficients and noise from data, and its posterior shrinks with evidence', () => {
		const rng = createStream(3);
		const state = createBayesLinear([0, 0], [100, 100], 1);
		const sdAfter = (n: number) => {
			for (let i = 0; i < n; i++) {
				const x = [1, normal(rng)];
				addObservation(state, x, 2 + 3 * x[1] + 0.5 * normal(rng));
			}
			return posterior(state);
		};
		const early = sdAfter(50);
		const late = sdAfter(5000);
		expect(late.mean[0]).toBeCloseTo(2, 1);
		expect(late.mean[1]).toBeCloseTo(3, 1);
		expect(late.noiseSd).toBeCloseTo(0.5, 1);
		expect(combinationSd(late, [0, 1])).toBeLessThan(combinationSd(early, [0, 1]) / 5);
	});

	it('matches the closed-form posterior mean with a strong prior', () => {
		// One coefficient, x = 1: posterior mean = (Σy/σ² + μ₀/τ₀²) / (n/σ² + 1/τ₀²).
		const state = createBayesLinear([10], [0.5], 1, 1e9);
		for (const y of [2, 3, 4]) addObservation(state, [1], y);
		const post = posterior(state);
		const s2 = post.noiseSd ** 2;
		expect(post.mean[0]).toBeCloseTo((9 / s2 + 10 / 0.25) / (3 / s2 + 4), 9);
	});

	it('draws from the posterior: sample mean and spread match', () => {
		const state = createBayesLinear([0], [10], 1, 1e9);
		for (let i = 0; i < 20; i++) addObservation(state, [1], i % 2 ? 1 : 3);
		const post = posterior(state);
		const rng = createStream(9);
		let sum = 0;
		let sq = 0;
		const n = 20000;
		for (let i = 0; i < n; i++) {
			const x = sampleCoefficients(post, rng)[0];
			sum += x;
			sq += x * x;
		}
		const sd = combinationSd(post, [1]);
		expect(sum / n).toBeCloseTo(post.mean[0], 1);
		expect(Math.sqrt(sq / n - (sum / n) ** 2) / sd).toBeCloseTo(1, 1);
	});

	it('forgets old evidence when discounted', () => {
		const state = createBayesLinear([0], [10], 1);
		for (let i = 0; i < 100; i++) addObservation(state, [1], 5);
		discount(state, 0.01);
		expect(state.n).toBeCloseTo(1, 9);
		for (let i = 0; i < 100; i++) addObservation(state, [1], -5);
		expect(posterior(state).mean[0]).toBeLessThan(-4.5);
	});
});
