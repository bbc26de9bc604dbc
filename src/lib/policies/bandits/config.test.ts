import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../../sim/scenario';
import { BANDIT_KINDS, parseBanditConfig } from './config';
import { createUcb1 } from './ucb1';

const errorsOf = (input: unknown) => {
	const result = parseBanditConfig(input);
	if (result.ok) throw new Error('expected the config to be rejected');
	return result.errors.map(formatFieldError);
};

describe('bandit configs', () => {
	it('accept every kind with defaults filled', () => {
		for (const kind of BANDIT_KINDS) expect(parseBanditConfig({ kind }).ok, kind).toBe(true);
		const ucb = parseBanditConfig({ kind: 'ucb1' });
		expect(ucb.ok && ucb.value).toEqual({ kind: 'ucb1', alpha: 1 });
		const ts = parseBanditConfig({ kind: 'gaussian-thompson', priorMean: 2 });
		expect(ts.ok && ts.value).toEqual({
			kind: 'gaussian-thompson',
			priorMean: 2,
			priorCount: 1,
			priorShape: 1,
			priorRate: 1
		});
	});

	it('name the field and the allowed range of a bad value', () => {
		expect(errorsOf({ kind: 'epsilon-greedy', epsilon: 1.5 })).toEqual([
			'epsilon: must be between 0 and 1'
		]);
		expect(errorsOf({ kind: 'beta-thompson', priorAlpha: 0 })).toEqual(['priorAlpha: must be > 0']);
		expect(errorsOf({ kind: 'sliding-window-thompson', window: 2.5 })).toEqual([
			'window: must be a whole number'
		]);
		expect(errorsOf({ kind: 'ucb1', alpha: 'wide' })).toEqual(['alpha: must be a number']);
		expect(errorsOf({ kind: 'linucb', l2: Infinity })).toEqual(['l2: must be a finite number']);
	});

	it('refuse unknown kinds, missing kinds and misspelt fields', () => {
		expect(errorsOf({ kind: 'ucb2' })[0]).toMatch(/^kind: must be one of "epsilon-greedy", "ucb1"/);
		expect(errorsOf({ alpha: 1 })[0]).toMatch(/kind is missing/);
		expect(errorsOf({ kind: 'ucb1', aplha: 1 })).toEqual([
			'aplha: is not a field of this config (misspelt?)'
		]);
	});

	it('make factories throw a readable error', () => {
		expect(() => createUcb1({ kind: 'ucb1', alpha: -1 }, 2)).toThrow(
			'Invalid UCB1 config: alpha: must be ≥ 0'
		);
		expect(() => createUcb1({ kind: 'ucb1' }, 0)).toThrow(/whole number of arms/);
	});
});
