import { describe, expect, it } from 'vitest';
import type { CreativeSeries } from '../experiment/creative-series';
import {
	busiestChannel,
	channelsWithCreatives,
	fatigueLines,
	MIN_WINDOW_CLICKS
} from './fatigue-lines';

// Three creatives: two in channel 0, one in channel 1; four days.
const series: CreativeSeries = {
	days: 4,
	creatives: [
		{ channel: 0, slot: 0, id: 'a', name: 'A', liveAtStart: true },
		{ channel: 0, slot: 1, id: 'b', name: 'B', liveAtStart: false },
		{ channel: 1, slot: 0, id: 'c', name: 'C', liveAtStart: true }
	],
	clickRate: Float64Array.from([
		0.02,
		0.01,
		NaN,
		NaN,
		NaN,
		NaN,
		0.03,
		0.03,
		0.05,
		0.05,
		0.05,
		0.05
	]),
	impressions: Float64Array.from([100, 300, 0, 0, 0, 0, 200, 200, 10, 10, 10, 10]),
	events: [
		{ day: 1, creative: 0, kind: 'pause' },
		{ day: 1, creative: 1, kind: 'launch' }
	]
};

describe('fatigueLines', () => {
	it("draws only the channel's creatives, each with its own events", () => {
		const lines = fatigueLines(series, 0, 1, 0);
		expect(lines.map((l) => l.name)).toEqual(['A', 'B']);
		expect(lines[0].events).toEqual([{ day: 1, creative: 0, kind: 'pause' }]);
		expect(lines[0].impressions).toBe(400);
	});

	it('weights the window by impressions and is NaN while nothing was shown', () => {
		const [a, b] = fatigueLines(series, 0, 2, 0);
		// Day 1: (0.02·100 + 0.01·300) / 400.
		expect(a.clickRate[1]).toBeCloseTo(5 / 400, 12);
		expect(a.clickRate[0]).toBeCloseTo(0.02, 12);
		expect(a.clickRate[3]).toBeNaN();
		expect(b.clickRate[0]).toBeNaN();
		expect(b.clickRate[2]).toBeCloseTo(0.03, 12);
		expect(Array.from(a.windowImpressions)).toEqual([100, 400, 300, 0]);
	});

	it('leaves out windows with too few impressions to measure a click rate', () => {
		// 30 days at 1,000 impressions and a 10 % click rate, except a trickle of 20 impressions
		// at 60 % on days 10-19 (a creative kept at a sliver of budget).
		const days = 30;
		const impressions = Float64Array.from({ length: days }, (_, d) =>
			d >= 10 && d < 20 ? 20 : 1000
		);
		const thin: CreativeSeries = {
			days,
			creatives: [{ channel: 0, slot: 0, id: 'a', name: 'A', liveAtStart: true }],
			clickRate: Float64Array.from(impressions, (n) => (n === 20 ? 0.6 : 0.1)),
			impressions,
			events: []
		};
		const [line] = fatigueLines(thin, 0, 7);
		// Pilot-wide rate (27,000·0.1 + 200·0.6) / 27,200 ≈ 0.104: 25 clicks need ≈ 241 impressions.
		expect(line.clickRate[5]).toBeCloseTo(0.1, 12);
		// Day 16: days 10-16 hold 140 impressions, too few; day 22 mixes 80 at 60 % with 3,000 at 10 %.
		expect(line.clickRate[16]).toBeNaN();
		expect(line.windowImpressions[16]).toBe(140);
		expect(line.clickRate[22]).toBeCloseTo((80 * 0.6 + 3000 * 0.1) / 3080, 12);
		// Without the rule the trickle draws as a 60 % spike.
		expect(fatigueLines(thin, 0, 7, 0)[0].clickRate[16]).toBeCloseTo(0.6, 12);
		expect(MIN_WINDOW_CLICKS).toBe(25);
	});
});

describe('channels with creatives', () => {
	it('lists them and finds the one with most creative operations', () => {
		expect(channelsWithCreatives(series)).toEqual([0, 1]);
		expect(busiestChannel(series)).toBe(0);
	});
});
