import { describe, expect, it } from 'vitest';
import type { CreativeSeries } from '../experiment/creative-series';
import { busiestChannel, channelsWithCreatives, fatigueLines } from './fatigue-lines';

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
		const lines = fatigueLines(series, 0, 1);
		expect(lines.map((l) => l.name)).toEqual(['A', 'B']);
		expect(lines[0].events).toEqual([{ day: 1, creative: 0, kind: 'pause' }]);
		expect(lines[0].impressions).toBe(400);
	});

	it('weights the window by impressions and is NaN while nothing was shown', () => {
		const [a, b] = fatigueLines(series, 0, 2);
		// Day 1: (0.02·100 + 0.01·300) / 400.
		expect(a.clickRate[1]).toBeCloseTo(5 / 400, 12);
		expect(a.clickRate[0]).toBeCloseTo(0.02, 12);
		expect(a.clickRate[3]).toBeNaN();
		expect(b.clickRate[0]).toBeNaN();
		expect(b.clickRate[2]).toBeCloseTo(0.03, 12);
	});
});

describe('channels with creatives', () => {
	it('lists them and finds the one with most creative operations', () => {
		expect(channelsWithCreatives(series)).toEqual([0, 1]);
		expect(busiestChannel(series)).toBe(0);
	});
});
