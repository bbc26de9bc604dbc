import { describe, expect, it } from 'vitest';
import { createStream, normal } from '../../sim/random';
import { createGaussianThompson, drawMean, meanSd } from './gaussian-thompson';

const prior = { priorMean: 0.5, priorCount: 2, priorShape: 3, priorRate: 1.5 };
const data: [number, number][] = [
	[1.2, 1],
	[0.7, 2],
	[1.9, 0.5],
	[1.1, 1],
	[0.4, 3],
	[1.6, 1.5]
];

/** log of the normal–inverse-gamma density up to a constant: σ⁻²⁽ᵅ⁺¹⁾·σ⁻¹·exp(−(2β + κ(μ−m)²)/(2σ²)). */
const logNig = (mu: number, s2: number, m: number, k: number, a: number, b: number) =>
	-(a + 1.5) * Math.log(s2) - (2 * b + k * (mu - m) ** 2) / (2 * s2);

describe('Gaussian Thompson sampling (normal–inverse-gamma)', () => {
	it('has the conjugate posterior: prior × weighted likelihood ∝ the NIG it reports', () => {
		const bandit = createGaussianThompson({ kind: 'gaussian-thompson', ...prior }, 1);
		for (const [x, w] of data) bandit.update(0, x, w);
		const post = bandit.posterior(0);
		// Bayes' rule directly, at several (μ, σ²): the log ratio to the reported posterior is
		// the same constant everywhere iff the reported posterior is right.
		const unnormalised = (mu: number, s2: number) => {
			let log = logNig(
				mu,
				s2,
				prior.priorMean,
				prior.priorCount,
				prior.priorShape,
				prior.priorRate
			);
			for (const [x, w] of data) log += w * (-0.5 * Math.log(s2) - (x - mu) ** 2 / (2 * s2));
			return log;
		};
		const points = [
			[0.2, 0.3],
			[1, 0.5],
			[1.4, 2],
			[-0.5, 0.1],
			[0.9, 5]
		];
		const ratios = points.map(
			([mu, s2]) =>
				unnormalised(mu, s2) - logNig(mu, s2, post.mean, post.count, post.shape, post.rate)
		);
		for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
		// And the closed form from the batch sums (Murphy 2007, eqs. 86–89, with weights).
		const n = data.reduce((a, [, w]) => a + w, 0);
		const mean = data.reduce((a, [x, w]) => a + w * x, 0) / n;
		const m2 = data.reduce((a, [x, w]) => a + w * (x - mean) ** 2, 0);
		const { priorMean: m0, priorCount: k0, priorShape: a0, priorRate: b0 } = prior;
		expect(post.count).toBeCloseTo(k0 + n, 12);
		expect(post.mean).toBeCloseTo((k0 * m0 + n * mean) / (k0 + n), 12);
		expect(post.shape).toBeCloseTo(a0 + n / 2, 12);
		expect(post.rate).toBeCloseTo(b0 + m2 / 2 + (k0 * n * (mean - m0) ** 2) / (2 * (k0 + n)), 12);
	});

	it('draws means with the posterior mean and the Student-t variance', () => {
		const bandit = createGaussianThompson({ kind: 'gaussian-thompson', ...prior }, 1);
		for (const [x, w] of data) bandit.update(0, x, w);
		const post = bandit.posterior(0);
		const rng = createStream(5);
		const n = 100_000;
		let sum = 0;
		let sumSq = 0;
		for (let i = 0; i < n; i++) {
			const mu = drawMean(rng, post);
			sum += mu;
			sumSq += mu * mu;
		}
		const mean = sum / n;
		const sd = Math.sqrt(sumSq / n - mean * mean);
		expect(Math.abs(mean - post.mean)).toBeLessThan((4 * meanSd(post)) / Math.sqrt(n));
		expect(sd / meanSd(post)).toBeGreaterThan(0.97);
		expect(sd / meanSd(post)).toBeLessThan(1.03);
	});

	it('concentrates on the arm with the higher mean reward', () => {
		const bandit = createGaussianThompson({ kind: 'gaussian-thompson' }, 3);
		const means = [1, 1.3, 0.8];
		const rng = createStream(6);
		const env = createStream(7);
		let best = 0;
		const T = 3000;
		for (let t = 0; t < T; t++) {
			const arm = bandit.select(rng);
			bandit.update(arm, means[arm] + normal(env));
			if (arm === 1) best++;
		}
		expect(best / T).toBeGreaterThan(0.85);
		expect(bandit.mean(1)).toBeCloseTo(1.3, 1);
	});
});
