import { describe, expect, it } from 'vitest';
import { createStream, streamFromState, type Rng } from '../../sim/random';
import { createBetaThompson } from './beta-thompson';
import { createDiscountedThompson, createSlidingWindowThompson } from './discounted-thompson';
import { createEpsilonGreedy } from './epsilon-greedy';
import { createGaussianThompson } from './gaussian-thompson';
import { createLinTs } from './lints';
import { createLinUcb } from './linucb';
import { createUcb1 } from './ucb1';

/** A bandit seen through one interface: pull once (choose, observe, learn) and save/restore. */
interface Harness {
	step(rng: Rng, env: Rng): number;
	getState(): unknown;
	setState(state: unknown): void;
}

const bernoulliArms = [0.3, 0.5, 0.45, 0.2];

function simple(
	bandit: {
		select(rng: Rng): number;
		update(arm: number, a: number, b: number): void;
		advance?(): void;
		getState(): unknown;
		setState(state: never): void;
	},
	binary: boolean
): Harness {
	return {
		step(rng, env) {
			const arm = bandit.select(rng);
			const r = env.next() < bernoulliArms[arm] ? 1 : 0;
			if (binary) bandit.update(arm, r, 1 - r);
			else bandit.update(arm, r + env.next(), 1);
			bandit.advance?.();
			return arm;
		},
		getState: () => bandit.getState(),
		setState: (state) => bandit.setState(state as never)
	};
}

function linear(bandit: ReturnType<typeof createLinUcb> | ReturnType<typeof createLinTs>): Harness {
	const x = new Float64Array(3);
	return {
		step(rng, env) {
			x[0] = 1;
			x[1] = env.next();
			x[2] = env.next() < 0.5 ? 1 : 0;
			const arm = bandit.select(x, rng);
			bandit.update(arm, x, 0.2 * arm * x[1] - 0.1 * x[2] + env.next());
			return arm;
		},
		getState: () => bandit.getState(),
		setState: (state) => bandit.setState(state as never)
	};
}

const cases: [string, () => Harness][] = [
	[
		'ε-greedy',
		() => simple(createEpsilonGreedy({ kind: 'epsilon-greedy', epsilon: 0.2 }, 4), false)
	],
	['UCB1', () => simple(createUcb1({ kind: 'ucb1' }, 4), false)],
	['Beta Thompson', () => simple(createBetaThompson({ kind: 'beta-thompson' }, 4), true)],
	[
		'Gaussian Thompson',
		() => simple(createGaussianThompson({ kind: 'gaussian-thompson' }, 4), false)
	],
	[
		'discounted Thompson',
		() => simple(createDiscountedThompson({ kind: 'discounted-thompson', discount: 0.9 }, 4), true)
	],
	[
		'sliding-window Thompson',
		() =>
			simple(createSlidingWindowThompson({ kind: 'sliding-window-thompson', window: 7 }, 4), true)
	],
	['LinUCB', () => linear(createLinUcb({ kind: 'linucb' }, 3, 3))],
	['LinTS', () => linear(createLinTs({ kind: 'lints' }, 3, 3))]
];

describe.each(cases)('%s state', (_name, make) => {
	it('round-trips through JSON: the restored bandit makes identical next choices', () => {
		const original = make();
		const rng = createStream(21, 0);
		const env = createStream(21, 1);
		for (let t = 0; t < 200; t++) original.step(rng, env);
		const saved = JSON.stringify({
			bandit: original.getState(),
			rng: rng.state(),
			env: env.state()
		});

		const restored = make();
		const loaded = JSON.parse(saved);
		restored.setState(loaded.bandit);
		const rng2 = streamFromState(loaded.rng);
		const env2 = streamFromState(loaded.env);
		const next = Array.from({ length: 100 }, () => original.step(rng, env));
		expect(Array.from({ length: 100 }, () => restored.step(rng2, env2))).toEqual(next);
		expect(JSON.stringify(restored.getState())).toBe(JSON.stringify(original.getState()));
	});

	it('refuses a state saved from a bandit of another size', () => {
		const state = make().getState() as Record<string, unknown>;
		const broken = Object.fromEntries(
			Object.entries(state).map(([key, value]) => [
				key,
				Array.isArray(value) ? value.slice(1) : value
			])
		);
		expect(() => make().setState(broken)).toThrow(/saved bandit state does not fit/);
	});
});
