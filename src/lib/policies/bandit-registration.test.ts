import { describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { createPolicy, parsePolicySpec, policyKinds } from './registry';

describe('bandit allocators in the policy registry', () => {
	const scenario = loadPreset('dtc-default');

	it('are listed as the bandit family and build from a spec', () => {
		const bandits = policyKinds().filter((k) => k.family === 'bandit');
		expect(bandits.map((k) => k.kind)).toEqual([
			'epsilon-greedy',
			'ucb1',
			'thompson',
			'gaussian-thompson',
			'discounted-thompson',
			'sliding-window-thompson',
			'linucb',
			'lints'
		]);
		const policy = createPolicy({ kind: 'lints', noiseSd: 0.2 }, 7, scenario);
		expect(policy.id).toBe('lints');
	});

	it('validate specs with field paths', () => {
		const parsed = parsePolicySpec({ kind: 'ucb1', alpha: -1 }, scenario, 'policies[1]');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.errors[0]).toEqual({ path: 'policies[1].alpha', message: 'must be ≥ 0' });
	});
});
