import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, formatRelativeError } from './truth-check';
import type { MmmFit } from './types';

const channel = (id: string, mean: number, low: number, high: number, spendShare: number) =>
	({ id, roas: { mean, low, high }, spendShare }) as MmmFit['channels'][number];

describe('checkAgainstTruth', () => {
	it('counts recovered channels with ≥ 10 % of spend and intervals holding the truth', () => {
		const fit = {
			channels: [
				channel('a', 2.2, 1.9, 2.5, 0.4), // +10 %: recovered, inside
				channel('b', 1.3, 1.1, 1.4, 0.3), // +30 %: missed, truth 1.0 outside
				channel('c', 0.5, 0.2, 0.9, 0.05), // small channel: not counted, inside
				channel('d', 1.0, 0.8, 1.2, 0.25) // no truth given: left out
			]
		};
		const check = checkAgainstTruth(fit, {
			source: 'test',
			roas: [
				{ channel: 'a', value: 2, perPeriod: [] },
				{ channel: 'b', value: 1, perPeriod: [] },
				{ channel: 'c', value: 0.8, perPeriod: [] }
			]
		});
		expect(check.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
		expect(check.rows[0].error).toBeCloseTo(0.1, 12);
		expect(check.rows[1]).toMatchObject({ recovered: false, inside: false, counted: true });
		expect(check.rows[2]).toMatchObject({ counted: false, inside: true });
		expect(check).toMatchObject({ recovered: 1, counted: 2, inside: 2, compared: 3 });
	});

	it('draws the lines at ±15 % of the truth and 10 % of spend', () => {
		const check = checkAgainstTruth(
			{
				channels: [
					channel('a', 1.14, 1, 1.2, 0.1),
					channel('b', 0.86, 0.8, 1.2, 0.0999),
					channel('c', 1.16, 1, 1.2, 0.5),
					channel('d', 0.84, 0.7, 0.9, 0.5)
				]
			},
			{
				source: 'test',
				roas: ['a', 'b', 'c', 'd'].map((channel) => ({ channel, value: 1, perPeriod: [] }))
			}
		);
		expect(check.rows.map((r) => [r.recovered, r.counted])).toEqual([
			[true, true],
			[true, false],
			[false, true],
			[false, true]
		]);
		expect(check).toMatchObject({ recovered: 1, counted: 3 });
	});

	it('writes a relative error as a signed whole percent with a true minus sign', () => {
		expect(formatRelativeError(0.124)).toBe('+12 %');
		expect(formatRelativeError(-0.414)).toBe('−41 %');
		expect(formatRelativeError(0)).toBe('+0 %');
	});
});
