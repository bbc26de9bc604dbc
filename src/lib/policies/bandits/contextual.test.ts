import { describe, expect, it } from 'vitest';
import { createStream, normal } from '../../sim/random';
import { createLinTs } from './lints';
import { createLinUcb, type LinearBandit } from './linucb';

/**
 * Three arms whose reward is linear in the context x = [1, x₁, x₂], x₁, x₂ ~ U(−1, 1), plus
 * N(0, 0.1²) noise. Each arm is the best somewhere: arm 0 where x₁ is high, arm 1 where it is
 * low, arm 2 where x₂ is high.
 */
const truth = [
	[0.5, 0.6, 0],
	[0.5, -0.6, 0],
	[0.45, 0, 0.7]
];
const reward = (arm: number, x: ArrayLike<number>) =>
	truth[arm][0] * x[0] + truth[arm][1] * x[1] + truth[arm][2] * x[2];
const bestArm = (x: ArrayLike<number>) =>
	[0, 1, 2].reduce((b, k) => (reward(k, x) > reward(b, x) ? k : b), 0);

function train<C>(bandit: LinearBandit<C>, seed: number) {
	const rng = createStream(seed, 0);
	const env = createStream(seed, 1);
	const x = new Float64Array(3);
	let lateBest = 0;
	const T = 3000;
	for (let t = 0; t < T; t++) {
		x[0] = 1;
		x[1] = env.next() * 2 - 1;
		x[2] = env.next() * 2 - 1;
		const arm = bandit.select(x, rng);
		bandit.update(arm, x, reward(arm, x) + 0.1 * normal(env));
		if (t >= T - 500 && arm === bestArm(x)) lateBest++;
	}
	return lateBest / 500;
}

/** Share of 400 fresh contexts where the greedy choice (argmax of xᵀθ̂) is the true best arm. */
function greedyAccuracy<C>(bandit: LinearBandit<C>): number {
	const env = createStream(99);
	let right = 0;
	for (let i = 0; i < 400; i++) {
		const x = [1, env.next() * 2 - 1, env.next() * 2 - 1];
		const greedy = [0, 1, 2].reduce(
			(b, k) => (bandit.estimate(k, x) > bandit.estimate(b, x) ? k : b),
			0
		);
		if (greedy === bestArm(x)) right++;
	}
	return right / 400;
}

describe.each([
	['LinUCB', () => createLinUcb({ kind: 'linucb', alpha: 0.5, l2: 1 }, 3, 3)],
	// The prior θ ~ N(0, noiseSd²/l2) must cover the coefficients (sd ≈ 0.95 here): with
	// noiseSd 0.1 and l2 1 (sd 0.1) arm 2 is never tried on seeds 3 and 4.
	['LinTS', () => createLinTs({ kind: 'lints', noiseSd: 0.3, l2: 0.1 }, 3, 3)]
])('%s with disjoint linear models', (_name, make) => {
	const bandit = make();
	const lateShare = train(bandit as LinearBandit<unknown>, 3);

	it('learns each arm’s coefficients close to the truth', () => {
		for (let k = 0; k < 3; k++) {
			const theta = bandit.models.coefficients(k);
			for (let i = 0; i < 3; i++) expect(Math.abs(theta[i] - truth[k][i])).toBeLessThan(0.1);
		}
	});

	it('picks the best arm for each context', () => {
		expect(lateShare).toBeGreaterThan(0.9);
		expect(greedyAccuracy(bandit as LinearBandit<unknown>)).toBeGreaterThan(0.95);
	});

	it('knows less where it has seen less: the width shrinks with data', () => {
		const fresh = make();
		const x = [1, 0.5, -0.5];
		const before = fresh.width(0, x);
		expect(before).toBeCloseTo(Math.sqrt(1.5 / fresh.models.l2), 12); // √(xᵀx/λ) before data
		expect(bandit.width(0, x)).toBeLessThan(before / 5);
	});
});
