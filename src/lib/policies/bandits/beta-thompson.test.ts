import betainc from '@stdlib/math-base-special-betainc';
import { describe, expect, it } from 'vitest';
import { createStream, type Rng } from '../../sim/random';
import { createBetaThompson } from './beta-thompson';

const bernoulli = (rng: Rng, p: number) => (rng.next() < p ? 1 : 0);

/** P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), by the midpoint rule on ∫ f_X(x)·F_Y(x) dx. */
function probabilityBetter(a1: number, b1: number, a2: number, b2: number): number {
	const steps = 5000;
	let p = 0;
	for (let i = 0; i < steps; i++) {
		const lo = i / steps;
		const hi = (i + 1) / steps;
		const mass = betainc(hi, a1, b1) - betainc(lo, a1, b1);
		p += mass * betainc((lo + hi) / 2, a2, b2);
	}
	return p;
}

describe('Beta–Bernoulli Thompson sampling', () => {
	it('concentrates its pulls on the better of two Bernoulli arms', () => {
		const bandit = createBetaThompson({ kind: 'beta-thompson' }, 2);
		const rng = createStream(1);
		const env = createStream(2);
		const p = [0.45, 0.55];
		let better = 0;
		const T = 5000;
		for (let t = 0; t < T; t++) {
			const arm = bandit.select(rng);
			const reward = bernoulli(env, p[arm]);
			bandit.update(arm, reward, 1 - reward);
			if (arm === 1) better++;
		}
		expect(better / T).toBeGreaterThan(0.85);
		expect(bandit.mean(1)).toBeCloseTo(0.55, 1);
	});

	it('picks each arm with the probability that it is the best (probability matching)', () => {
		const bandit = createBetaThompson({ kind: 'beta-thompson' }, 2);
		bandit.update(0, 19, 29); // Beta(20, 30)
		bandit.update(1, 24, 24); // Beta(25, 25)
		const exact = probabilityBetter(25, 25, 20, 30);
		const rng = createStream(3);
		const n = 100_000;
		let second = 0;
		for (let i = 0; i < n; i++) second += bandit.select(rng);
		const se = Math.sqrt((exact * (1 - exact)) / n);
		expect(Math.abs(second / n - exact)).toBeLessThan(4 * se);
	});

	it('matches probabilities on the slow path too (a Jeffreys prior, shapes below 1)', () => {
		const bandit = createBetaThompson(
			{ kind: 'beta-thompson', priorAlpha: 0.5, priorBeta: 0.5 },
			2
		);
		bandit.update(1, 2, 0); // Beta(2.5, 0.5) against Beta(0.5, 0.5)
		const exact = probabilityBetter(2.5, 0.5, 0.5, 0.5);
		const rng = createStream(4);
		const n = 50_000;
		let second = 0;
		for (let i = 0; i < n; i++) second += bandit.select(rng);
		expect(Math.abs(second / n - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / n));
	});

	it('makes exactly the same choices for a seed', () => {
		const bandit = createBetaThompson({ kind: 'beta-thompson' }, 4);
		[
			[3, 9],
			[5, 7],
			[4, 8],
			[1, 2]
		].forEach(([s, f], arm) => bandit.update(arm, s, f));
		const rng = createStream(2024);
		const choices = Array.from({ length: 16 }, () => bandit.select(rng));
		expect(choices).toEqual([3, 3, 3, 2, 3, 1, 2, 1, 3, 2, 1, 2, 3, 3, 1, 1]);
	});

	it('counts many choices as the same number of single choices would (selectMany)', () => {
		// Prior 0.5 leaves arm 3 with a shape below 1: the slow path, one choice at a time.
		const make = (prior: number) => {
			const bandit = createBetaThompson(
				{ kind: 'beta-thompson', priorAlpha: prior, priorBeta: prior },
				4
			);
			[
				[30, 900],
				[36, 880],
				[33, 910],
				[2, 0]
			].forEach(([s, f], arm) => bandit.update(arm, s, f));
			return bandit;
		};
		for (const [prior, eligible] of [
			[1, undefined],
			[1, Uint8Array.of(1, 0, 1, 1)],
			[1, Uint8Array.of(0, 1, 1, 0)],
			[0.5, undefined]
		] as const) {
			const one = make(prior);
			const many = make(prior);
			const rngOne = createStream(31);
			const rngMany = createStream(31);
			const expected = new Float64Array(4);
			for (let i = 0; i < 50; i++) expected[one.select(rngOne, eligible)]++;
			const counts = new Float64Array(4);
			many.selectMany(rngMany, 50, counts, eligible);
			expect(Array.from(counts)).toEqual(Array.from(expected));
			// The same random numbers were used: the streams are in step afterwards.
			expect(rngMany.next()).toBe(rngOne.next());
		}
	});

	it('gives every choice to a single eligible arm without drawing, and none to no arm', () => {
		const bandit = createBetaThompson({ kind: 'beta-thompson' }, 3);
		const rng = createStream(32);
		const fresh = createStream(32);
		const counts = new Float64Array(3);
		bandit.selectMany(rng, 20, counts, Uint8Array.of(0, 1, 0));
		bandit.selectMany(rng, 20, counts, Uint8Array.of(0, 0, 0));
		expect(Array.from(counts)).toEqual([0, 20, 0]);
		expect(rng.next()).toBe(fresh.next());
	});

	it('keeps posterior moments and ignores negative counts', () => {
		const bandit = createBetaThompson({ kind: 'beta-thompson', priorAlpha: 2, priorBeta: 3 }, 1);
		bandit.update(0, 4, -1);
		bandit.update(0, -2, 0);
		// Beta(6, 3): mean 2/3, sd √(18 / (81 · 10)).
		expect(bandit.mean(0)).toBeCloseTo(6 / 9, 12);
		expect(bandit.sd(0)).toBeCloseTo(Math.sqrt(18 / 810), 12);
	});
});
