import { describe, expect, it } from 'vitest';
import { createStream, type Rng } from '../../sim/random';
import { createEpsilonGreedy } from './epsilon-greedy';
import { createUcb1 } from './ucb1';

const p = [0.7, 0.5, 0.4];
const gaps = p.map((q) => Math.max(...p) - q);
const horizons = [1_000, 10_000, 100_000];

interface Learner {
	select(rng: Rng): number;
	update(arm: number, reward: number): void;
}

/** Pseudo-regret Σ Δ(aₜ) at each horizon, averaged over seeds 1–5 (three Bernoulli arms). */
function regretAt(make: () => Learner): number[] {
	const total = horizons.map(() => 0);
	for (let seed = 1; seed <= 5; seed++) {
		const bandit = make();
		const rng = createStream(seed, 0);
		const env = createStream(seed, 1);
		let regret = 0;
		for (let t = 1; t <= horizons[horizons.length - 1]; t++) {
			const arm = bandit.select(rng);
			regret += gaps[arm];
			bandit.update(arm, env.next() < p[arm] ? 1 : 0);
			const h = horizons.indexOf(t);
			if (h >= 0) total[h] += regret / 5;
		}
	}
	return total;
}

describe('UCB1 against fixed-ε greedy on Bernoulli arms', () => {
	const ucb = regretAt(() => createUcb1({ kind: 'ucb1' }, 3));
	const greedy = regretAt(() => createEpsilonGreedy({ kind: 'epsilon-greedy', epsilon: 0.1 }, 3));

	it('UCB1 regret grows logarithmically: regret / ln T stays within a narrow band', () => {
		const perLog = ucb.map((r, i) => r / Math.log(horizons[i]));
		expect(Math.max(...perLog) / Math.min(...perLog)).toBeLessThan(2.5);
		// Ten times the pulls: log growth adds ln 10 / ln T (≈ +25% at T = 10⁴), linear growth × 10.
		expect(ucb[2] / ucb[1]).toBeLessThan(2);
	});

	it('UCB1 stays under the Auer et al. (2002) bound Σ 8 ln T / Δ + (1 + π²/3) Σ Δ', () => {
		horizons.forEach((T, i) => {
			let bound = 0;
			for (const gap of gaps)
				if (gap > 0) bound += (8 * Math.log(T)) / gap + (1 + Math.PI ** 2 / 3) * gap;
			expect(ucb[i]).toBeLessThan(bound);
		});
	});

	it('ε-greedy with a fixed ε explores forever, so its regret grows linearly', () => {
		expect(greedy[2] / greedy[1]).toBeGreaterThan(8);
		// ε · T · mean gap over random arms: 0.1 · 10⁵ · (0.2 + 0.3) / 3 ≈ 1,667.
		expect(greedy[2]).toBeGreaterThan(1_400);
		expect(greedy[2]).toBeLessThan(1_900);
		expect(greedy[2]).toBeGreaterThan(5 * ucb[2]);
	});

	it('UCB1 pulls every arm once before comparing, then the highest index', () => {
		const bandit = createUcb1({ kind: 'ucb1' }, 3);
		const rng = createStream(1);
		expect(
			[0, 1, 2].map(() => {
				const arm = bandit.select(rng);
				bandit.update(arm, arm === 2 ? 1 : 0);
				return arm;
			})
		).toEqual([0, 1, 2]);
		expect(bandit.select(rng)).toBe(2);
		// The index with extra pulls shrinks towards the mean: what allocators use to spread budget.
		expect(bandit.index(2, 100)).toBeLessThan(bandit.index(2));
		expect(bandit.index(2, 1e9)).toBeCloseTo(1, 2);
	});
});
