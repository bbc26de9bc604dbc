import { describe, expect, it } from 'vitest';
import {
	currencySymbol,
	dayDate,
	formatDate,
	formatMoney,
	formatMoneyPerUnit,
	formatMoneyShort,
	formatMoneySigned,
	formatMoneyTick,
	formatRatio
} from './format';

describe('money labels', () => {
	it('write whole amounts with separators and a true minus', () => {
		expect(formatMoney(1_168_000.4, 'USD')).toBe('$1,168,000');
		expect(formatMoney(-742_626.2, 'USD')).toBe('−$742,626');
		expect(formatMoney(-0.2, 'USD')).toBe('$0');
		expect(formatMoney(-0, 'USD')).toBe('$0');
	});

	it('shorten to three significant digits', () => {
		expect(formatMoneyShort(7_300_000, 'USD')).toBe('$7.3M');
		expect(formatMoneyShort(12_815_000, 'USD')).toBe('$12.8M');
		expect(formatMoneyShort(-1016.4, 'USD')).toBe('−$1.02K');
		expect(formatMoneyShort(950, 'EUR')).toBe('€950');
	});

	it('label axis ticks compactly, zero without a sign', () => {
		expect(formatMoneyTick(20_000, 'USD')).toBe('$20K');
		expect(formatMoneyTick(2500, 'USD')).toBe('$2.5K');
		expect(formatMoneyTick(-5000, 'USD')).toBe('−$5K');
		expect(formatMoneyTick(-1e-12, 'USD')).toBe('$0');
		expect(formatMoneyTick(0, 'USD')).toBe('$0');
	});

	it('sign per-unit and short amounts', () => {
		expect(formatMoneyPerUnit(0.4213, 'USD')).toBe('+$0.42');
		expect(formatMoneyPerUnit(-0.8, 'USD')).toBe('−$0.80');
		expect(formatMoneySigned(3856, 'USD')).toBe('+$3.86K');
		expect(formatMoneySigned(-1860, 'USD')).toBe('−$1.86K');
	});

	it('write ratios and currency symbols', () => {
		expect(formatRatio(1.4512)).toBe('1.45×');
		expect(currencySymbol('USD')).toBe('$');
		expect(currencySymbol('EUR')).toBe('€');
	});
});

describe('dates', () => {
	it('count days from the start date in UTC, across month and year ends', () => {
		expect(formatDate(dayDate('2026-01-05', 0))).toBe('Jan 5, 2026');
		expect(formatDate(dayDate('2026-01-05', 27))).toBe('Feb 1, 2026');
		expect(formatDate(dayDate('2026-01-05', 364))).toBe('Jan 4, 2027');
	});
});
