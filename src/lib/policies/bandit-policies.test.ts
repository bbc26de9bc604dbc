import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../sim/scenario';
import {
	BANDIT_POLICIES,
	BANDIT_POLICY_KINDS,
	createBanditPolicy,
	parseBanditPolicyConfig
} from './bandit-policies';

const errorsOf = (input: unknown) => {
	const result = parseBanditPolicyConfig(input);
	if (result.ok) throw new Error('expected the config to be rejected');
	return result.errors.map(formatFieldError);
};

describe('bandit allocator configs', () => {
	it('accept every kind with defaults, and build a policy with that id', () => {
		for (const kind of BANDIT_POLICY_KINDS) {
			const parsed = parseBanditPolicyConfig({ kind });
			expect(parsed.ok, kind).toBe(true);
			const policy = createBanditPolicy({ kind });
			expect(policy.id).toBe(kind);
			expect(policy.name).toBe(BANDIT_POLICIES[kind].name);
			expect(policy.cadence).toBe('day');
		}
		const parsed = parseBanditPolicyConfig({ kind: 'thompson' });
		expect(parsed.ok && parsed.value).toMatchObject({
			kind: 'thompson',
			priorAlpha: 1,
			signal: 'last-click',
			explorationShare: 0.1,
			warmupDays: 7,
			chunks: 20,
			seed: 0,
			creativeDiscount: 0.8
		});
	});

	it('name the field of a bad value', () => {
		expect(errorsOf({ kind: 'ucb1', explorationShare: 2 })).toEqual([
			'explorationShare: must be between 0 and 1'
		]);
		expect(errorsOf({ kind: 'thompson', signal: 'mmm' })).toEqual([
			'signal: must be "last-click" or "platform"'
		]);
		expect(errorsOf({ kind: 'lints', chunks: 0 })).toEqual(['chunks: must be between 1 and 1000']);
		expect(errorsOf({ kind: 'linucb', maxTilt: 0.5 })).toEqual([
			'maxTilt: must be between 1 and 10'
		]);
		expect(errorsOf({ kind: 'epsilon-greedy', seed: -1 })).toEqual([
			'seed: must be between 0 and 4294967295'
		]);
		expect(errorsOf({ kind: 'discounted-thompson', window: 28 })).toEqual([
			'window: is not a field of this config (misspelt?)'
		]);
		expect(errorsOf({ kind: 'bandit' })[0]).toMatch(/^kind: must be one of "epsilon-greedy"/);
	});

	it('make the factory throw a readable error', () => {
		expect(() => createBanditPolicy({ kind: 'sliding-window-thompson', window: 0 })).toThrow(
			'Invalid sliding-window Thompson allocator config: window: must be between 1 and 365'
		);
	});
});
