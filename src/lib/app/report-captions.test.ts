import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/unit/report-fixture';
import {
	allocationCaption,
	cumulativeCaption,
	partialNote,
	regretCaption
} from './report-captions';

const three = reportFixture(3);
const one = reportFixture(1);

describe('report captions', () => {
	it('name the leading policy with its interval at the end of the pilot', () => {
		const text = cumulativeCaption(three.result);
		expect(text).toContain(`relative to ${three.result.policies[0].name}`);
		expect(text).toMatch(
			/After 60 days the best, .+, is \$[\d,]+ (ahead|behind) \(95\u00a0% interval .+ to .+\)\./
		);
	});

	it('say when one seed gives no interval', () => {
		expect(cumulativeCaption(one.result)).toContain('one seed so far: no interval');
		expect(partialNote(one.result, 3)).toBe(
			'Partial results: 1 of 3 seeds so far. Intervals need at least 2 seeds.'
		);
	});

	it('list every non-oracle policy in the regret caption', () => {
		const text = regretCaption(three.result);
		for (const p of three.result.policies.filter((p) => p.id !== 'oracle'))
			expect(text).toContain(p.name);
	});

	it('give channel shares that add up to about 100 %', () => {
		const text = allocationCaption(three.result, 'thompson');
		const shares = [...text.matchAll(/(\d+)\u00a0%/g)].map((m) => Number(m[1]));
		expect(shares).toHaveLength(2);
		expect(Math.abs(shares[0] + shares[1] - 100)).toBeLessThanOrEqual(1);
	});
});
