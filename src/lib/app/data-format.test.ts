import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	formatAmount,
	formatBytes,
	formatInterval,
	formatRatio2,
	formatShare,
	formatSignedAmount,
	tickFormat
} from './data-format';

describe('tickFormat', () => {
	it('gives every tick of any range its own label', () => {
		for (const [lo, hi] of [
			[0, 0.012],
			[0, 0.3],
			[0, 2.5],
			[0, 14],
			[0, 950],
			[0, 43_200],
			[-1.8e6, 1.8e6],
			[0, 3.9e6]
		]) {
			for (const count of [2, 4, 8]) {
				const ticks = scaleLinear().domain([lo, hi]).nice(count).ticks(count);
				const labels = ticks.map(tickFormat(ticks));
				expect(new Set(labels).size, `${lo}..${hi} × ${count}: ${labels}`).toBe(labels.length);
			}
		}
	});

	it('reads as a marketer writes numbers', () => {
		expect([0, 0.002, 0.004].map(tickFormat([0, 0.002, 0.004]))).toEqual([
			'0.000',
			'0.002',
			'0.004'
		]);
		expect([0, 20_000, 40_000].map(tickFormat([0, 20_000, 40_000]))).toEqual(['0', '20K', '40K']);
		expect([-1e6, 0, 1e6].map(tickFormat([-1e6, 0, 1e6]))).toEqual(['−1M', '0', '1M']);
	});
});

describe('labels', () => {
	it('formats amounts, ratios, shares, intervals and sizes', () => {
		expect(formatAmount(14_843.7)).toBe('14.8K');
		expect(formatAmount(Number.NaN)).toBe('—');
		expect(formatAmount(3.81e-9)).toBe('0');
		expect(formatAmount(-2e-7)).toBe('0');
		expect(formatAmount(0.25)).toBe('0.25');
		expect(formatSignedAmount(190_830)).toBe('+191K');
		expect(formatSignedAmount(-840)).toBe('−840');
		expect(formatRatio2(6.3104)).toBe('6.31');
		expect(formatShare(0.2125)).toBe('21.3 %');
		expect(formatInterval({ mean: 2.31, low: 1.9, high: 2.75 }, formatRatio2)).toBe(
			'2.31 (1.90 to 2.75)'
		);
		expect(formatBytes(812)).toBe('812 B');
		expect(formatBytes(24_371)).toBe('23.8 KB');
		expect(formatBytes(3.1 * 1048576)).toBe('3.1 MB');
	});
});
