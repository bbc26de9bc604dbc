import { describe, expect, it } from 'vitest';
import { formatInterval, formatShare, formatValue } from './ope-format';

describe('OPE labels', () => {
	it('write values with four significant digits and a true minus sign', () => {
		expect(formatValue(7404.07)).toBe('7,404');
		expect(formatValue(0.531249)).toBe('0.5312');
		expect(formatValue(-2.5)).toBe('−2.5');
		expect(formatValue(NaN)).toBe('—');
	});

	it('write intervals and shares', () => {
		expect(formatInterval(1.5, 2.25)).toBe('1.5 – 2.25');
		expect(formatInterval(NaN, 2)).toBe('—');
		expect(formatShare(0.425)).toBe('42.5\u00a0%');
	});
});
