import { describe, expect, it } from 'vitest';
import { createStream } from '../sim/random';
import { createDayEvidence } from './bandit-evidence';
import { CreativeSplit } from './creative-split';

const options = {
	creativeDiscount: 0.8,
	creativeTrialsPerDay: 5000,
	creativeMinShare: 0.1,
	fatigueDrop: 0.25
};
const layout = { C: 1, K: 3, S: 1 };

/** One day in which creative k showed 100,000 impressions at click-through rate ctr[k]. */
function day(ctr: number[]) {
	const e = createDayEvidence(layout);
	ctr.forEach((rate, k) => {
		e.impressions[k] = rate >= 0 ? 100_000 : 0;
		e.clicks[k] = Math.max(0, rate) * 100_000;
	});
	return e;
}

const split = (creatives: CreativeSplit, active: number[], seed = 1) => {
	const out = new Float64Array(3);
	const placed = creatives.split(
		Float64Array.of(1000),
		Uint8Array.from(active),
		createStream(seed),
		200,
		out
	);
	return { out: Array.from(out), placed: placed[0] };
};

describe('creative split (discounted CTR Thompson sampling)', () => {
	it('favours the creative with the best click-through rate, keeping a floor for the others', () => {
		const creatives = new CreativeSplit(layout, options);
		for (let d = 0; d < 10; d++) creatives.learn(day([0.01, 0.03, 0.02]));
		const { out } = split(creatives, [1, 1, 1]);
		expect(out[1]).toBeGreaterThan(700);
		expect(out[0]).toBeGreaterThanOrEqual(100);
		expect(out[2]).toBeGreaterThanOrEqual(100);
		expect(out.reduce((a, b) => a + b)).toBeCloseTo(1000, 9);
	});

	it('notices a creative wearing out: flags fatigue and moves its budget', () => {
		const creatives = new CreativeSplit(layout, options);
		for (let d = 0; d < 10; d++) creatives.learn(day([0.01, 0.03, 0.02]));
		expect(creatives.channelFatigued(0, Uint8Array.of(1, 1, 1))).toBe(false);
		for (let d = 0; d < 10; d++) creatives.learn(day([0.01, 0.03 * (1 - 0.06 * (d + 1)), 0.02]));
		expect(creatives.fatigued[1]).toBe(1);
		expect(creatives.channelFatigued(0, Uint8Array.of(1, 1, 1))).toBe(true);
		// A paused creative does not make its channel fatigued.
		expect(creatives.channelFatigued(0, Uint8Array.of(1, 0, 1))).toBe(false);
		const { out } = split(creatives, [1, 1, 1]);
		expect(out[2]).toBeGreaterThan(700);
	});

	it('gives paused creatives nothing and reports a channel with none live', () => {
		const creatives = new CreativeSplit(layout, options);
		creatives.learn(day([0.01, 0.03, 0.02]));
		expect(split(creatives, [1, 0, 1]).out[1]).toBe(0);
		expect(split(creatives, [0, 0, 0])).toEqual({ out: [0, 0, 0], placed: false });
	});
});
