import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { createBetaThompson } from './beta-thompson';
import { createDiscountedThompson, createSlidingWindowThompson } from './discounted-thompson';

interface Learner {
	select(rng: ReturnType<typeof createStream>): number;
	update(arm: number, successes: number, failures: number): void;
	advance?(): void;
}

/**
 * Two Bernoulli arms that swap at t = 2000: arm 0 pays 0.8 then 0.2, arm 1 the reverse.
 * Returns the share of pulls on arm 1 over t in [2100, 2500), the 400 pulls after a grace of 100.
 */
function shareAfterSwitch(bandit: Learner): number {
	const rng = createStream(1);
	const env = createStream(2);
	let late = 0;
	for (let t = 0; t < 2500; t++) {
		const p = t < 2000 ? [0.8, 0.2] : [0.2, 0.8];
		const arm = bandit.select(rng);
		const reward = env.next() < p[arm] ? 1 : 0;
		bandit.update(arm, reward, 1 - reward);
		bandit.advance?.();
		if (t >= 2100 && arm === 1) late++;
	}
	return late / 400;
}

describe('Thompson sampling for drifting rewards', () => {
	it('discounted and sliding-window TS recover after the best arm switches; plain TS lags', () => {
		const discounted = shareAfterSwitch(
			createDiscountedThompson({ kind: 'discounted-thompson', discount: 0.97 }, 2)
		);
		const sliding = shareAfterSwitch(
			createSlidingWindowThompson({ kind: 'sliding-window-thompson', window: 100 }, 2)
		);
		const plain = shareAfterSwitch(createBetaThompson({ kind: 'beta-thompson' }, 2));
		// Seeds 1–10 give 0.93–0.96, 0.96–0.98 and 0–0.17.
		expect(discounted).toBeGreaterThan(0.85);
		expect(sliding).toBeGreaterThan(0.85);
		expect(plain).toBeLessThan(0.5);
	});

	it('discounting multiplies the evidence by γ per round, back towards the prior', () => {
		const bandit = createDiscountedThompson({ kind: 'discounted-thompson', discount: 0.5 }, 1);
		bandit.update(0, 8, 0);
		expect(bandit.mean(0)).toBeCloseTo(9 / 10, 12); // Beta(1 + 8, 1)
		bandit.advance();
		expect(bandit.mean(0)).toBeCloseTo(5 / 6, 12); // Beta(1 + 4, 1)
		for (let i = 0; i < 60; i++) bandit.advance();
		expect(bandit.mean(0)).toBeCloseTo(0.5, 12);
	});

	it('the sliding window forgets a round exactly `window` rounds later', () => {
		const bandit = createSlidingWindowThompson({ kind: 'sliding-window-thompson', window: 3 }, 2);
		bandit.update(0, 6, 0);
		bandit.advance();
		bandit.update(0, 0, 2);
		bandit.advance();
		expect(bandit.mean(0)).toBeCloseTo(7 / 10, 12); // Beta(1 + 6, 1 + 2)
		bandit.advance(); // the first round leaves the window
		expect(bandit.mean(0)).toBeCloseTo(1 / 4, 12); // Beta(1, 1 + 2)
		bandit.advance();
		expect(bandit.mean(0)).toBeCloseTo(1 / 2, 12);
		expect(bandit.mean(1)).toBeCloseTo(1 / 2, 12);
	});
});
