import { describe, expect, it } from 'vitest';
import type { RunHeadline } from '$lib/storage';
import { headlineWords, intervalWords } from './headline-text';

const headline: RunHeadline = {
	metric: 'ltvProfit',
	metricLabel: 'LTV-profit',
	unit: 'money',
	currency: 'USD',
	baseline: { id: 'bau-fixed', name: 'Fixed split', mean: 100_000 },
	best: { id: 'thompson', name: 'Thompson', mean: 112_300 },
	vsBaseline: { mean: 12_300, low: 2_100, high: 22_000 },
	shareOfOracle: { mean: 0.842, low: 0.8, high: 0.9 }
};

describe('headline words', () => {
	it('says who beat whom, by how much, with the interval and the oracle share', () => {
		expect(headlineWords(headline)).toEqual({
			who: 'Thompson vs Fixed split',
			change: '+$12.3K LTV-profit',
			interval: '95 % CI +$2.1K to +$22K',
			oracle: '84 % of the oracle',
			verdict: 'better'
		});
	});

	it('calls a loss worse and an interval across zero unclear', () => {
		const loss = { ...headline, vsBaseline: { mean: -500, low: -900, high: -100 } };
		expect(headlineWords(loss)).toMatchObject({ change: '−$500 LTV-profit', verdict: 'worse' });
		const unsure = { ...headline, vsBaseline: { mean: 50, low: -900, high: 1000 } };
		expect(headlineWords(unsure).verdict).toBe('unclear');
	});

	it('says when one seed gives no interval, and counts conversions without a currency', () => {
		const one = { mean: 3, low: -Infinity, high: Infinity };
		expect(intervalWords(headline, one)).toBe('no interval: one seed');
		const counts: RunHeadline = {
			...headline,
			metric: 'incConversions',
			metricLabel: 'Incremental conversions',
			unit: 'count',
			vsBaseline: { mean: -1234, low: -2000, high: -500 }
		};
		expect(headlineWords(counts)).toMatchObject({
			change: '−1.23K Incremental conversions',
			interval: '95 % CI −2K to −500',
			verdict: 'worse'
		});
	});

	it('shows the baseline’s own result when no other policy ran', () => {
		const alone = { ...headline, best: null, vsBaseline: null, shareOfOracle: null };
		expect(headlineWords(alone)).toMatchObject({
			who: 'Fixed split',
			change: '$100K LTV-profit',
			oracle: ''
		});
	});
});
