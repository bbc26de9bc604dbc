import { describe, expect, it } from 'vitest';
import { adstockKernel, decayPerStep, delayedAdstock, geometricAdstock } from './adstock';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('adstock', () => {
	it('spreads a unit pulse so that it sums to 1 / (1 − decay)', () => {
		for (const decay of [0, 0.3, 0.7, 0.9]) {
			const kernel = adstockKernel(decay, 0, 2000);
			expect(sum(kernel)).toBeCloseTo(1 / (1 - decay), 9);
			expect(kernel[1]).toBeCloseTo(decay, 12);
		}
	});

	it('keeps the same total with a delayed peak, and moves the peak later', () => {
		const decay = 0.6;
		const plain = adstockKernel(decay, 0, 3000);
		const delayed = adstockKernel(decay, 2, 3000);
		expect(sum(delayed)).toBeCloseTo(1 / (1 - decay), 6);
		const argmax = (a: Float64Array) => a.indexOf(Math.max(...a));
		expect(argmax(plain)).toBe(0);
		// Erlang-shaped kernel: the peak sits near delayStages · decay / (1 − decay) = 3 days.
		expect(argmax(delayed)).toBeGreaterThanOrEqual(2);
		expect(argmax(delayed)).toBeLessThanOrEqual(4);
	});

	it('is linear: the adstock of a sum is the sum of adstocks', () => {
		const a = [1, 0, 3, 0, 0, 2];
		const b = [0, 2, 0, 1, 5, 0];
		const ab = a.map((x, i) => x + b[i]);
		const sa = delayedAdstock(a, 0.5, 1);
		const sb = delayedAdstock(b, 0.5, 1);
		delayedAdstock(ab, 0.5, 1).forEach((x, i) => expect(x).toBeCloseTo(sa[i] + sb[i], 12));
	});

	it('reaches the steady state x / (1 − decay) under constant input', () => {
		const series = geometricAdstock(new Array(500).fill(2), 0.8);
		expect(series[499]).toBeCloseTo(2 / 0.2, 9);
	});

	it('converts a daily decay to per-step decay that compounds back to it', () => {
		expect(Math.pow(decayPerStep(0.7, 4), 4)).toBeCloseTo(0.7, 12);
		expect(decayPerStep(0.7, 1)).toBe(0.7);
	});
});
