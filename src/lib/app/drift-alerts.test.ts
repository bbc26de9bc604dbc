import { describe, expect, it } from 'vitest';
import { driftFeatureText, driftSummary } from './drift-alerts';

describe('drift alerts for the report', () => {
	it('words features as a reader would', () => {
		expect(driftFeatureText('social-prospecting.cpm')).toBe('social prospecting CPM');
		expect(driftFeatureText('display.ctr')).toBe('display CTR');
		expect(driftFeatureText('newCustomers')).toBe('new customers');
		expect(driftFeatureText('revenuePerDollar')).toBe('new-customer revenue per ad dollar');
	});

	it('counts the weeks each signal fired in, most first, and keeps every alert', () => {
		const summary = driftSummary([
			{ day: 56, features: ['display.cpm', 'display.ctr'], pValue: 1e-4 },
			{ day: 63, features: ['display.cpm'], pValue: 1e-3 },
			{ day: 70, features: ['revenuePerDollar'], pValue: 1, decay: -0.27 },
			{ day: 77, features: ['online-video.cpm', 'display.cpm'], pValue: 1e-5 }
		]);
		expect(summary.count).toBe(4);
		expect(summary.signals).toEqual([
			{ label: 'display CPM', weeks: 3 },
			{ label: 'display CTR', weeks: 1 },
			{ label: 'new-customer revenue per ad dollar', weeks: 1 },
			{ label: 'online video CPM', weeks: 1 }
		]);
		expect(summary.items[0]).toEqual({ day: 56, text: 'display CPM, display CTR' });
		expect(summary.items[2]).toEqual({
			day: 70,
			text: 'new-customer revenue per ad dollar −27\u00a0%'
		});
	});

	it('is empty without alerts', () => {
		expect(driftSummary([])).toEqual({ count: 0, signals: [], items: [] });
	});
});
