import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, explainNumber, isMissing, parseNumber } from './number';

describe('parseNumber', () => {
	it('reads plain numbers, signs and exponents', () => {
		expect(parseNumber('1234.5', '.')).toBe(1234.5);
		expect(parseNumber('-3e4', '.')).toBe(-30_000);
		expect(parseNumber('+12', '.')).toBe(12);
		expect(parseNumber('.5', '.')).toBe(0.5);
	});

	it('reads thousands separators used consistently', () => {
		expect(parseNumber('1,234,567.25', '.')).toBe(1_234_567.25);
		expect(parseNumber("1'234.5", '.')).toBe(1234.5);
		expect(parseNumber('1 234 567', '.')).toBe(1_234_567);
		expect(Number.isNaN(parseNumber('1,23,4', '.'))).toBe(true);
		expect(Number.isNaN(parseNumber("1,234'567", '.'))).toBe(true);
	});

	it('reads decimal commas, with dots as thousands separators', () => {
		expect(parseNumber('1.234,5', ',')).toBe(1234.5);
		expect(parseNumber('1234,5', ',')).toBe(1234.5);
		expect(parseNumber('1.500', ',')).toBe(1500);
		expect(parseNumber('1 234,5', ',')).toBe(1234.5);
		// A dot that cannot be a thousands separator is read as a decimal point.
		expect(parseNumber('2.25', ',')).toBe(2.25);
	});

	it('reads percent signs as fractions and drops currency symbols', () => {
		expect(parseNumber('12%', '.')).toBeCloseTo(0.12, 12);
		expect(parseNumber('12,5 %', ',')).toBeCloseTo(0.125, 12);
		expect(parseNumber('$1,200', '.')).toBe(1200);
		expect(parseNumber('-€3', '.')).toBe(-3);
		expect(parseNumber('1.200 €', ',')).toBe(1200);
	});

	it('never evaluates formula-like cells', () => {
		for (const cell of ['=1+2', '=SUM(A1:A3)', '+A1', '-B2*3', '@SUM(1)', '=HYPERLINK("x")'])
			expect(Number.isNaN(parseNumber(cell, '.'))).toBe(true);
		expect(explainNumber('=1+2', '.')).toMatchObject({ code: 'formula' });
		expect(explainNumber('@x', '.').message).toContain('formula');
	});

	it('rejects non-finite and implausibly large numbers', () => {
		for (const cell of ['NaN', 'Infinity', '-Infinity', 'inf', '1e400', '1e16'])
			expect(Number.isNaN(parseNumber(cell, '.'))).toBe(true);
		expect(explainNumber('NaN', '.').code).toBe('not-finite');
		expect(explainNumber('1e400', '.').code).toBe('not-finite');
		expect(explainNumber('1e16', '.').code).toBe('too-large');
		expect(parseNumber('1e15', '.')).toBe(1e15);
	});

	it('explains a decimal comma in a comma-separated file', () => {
		expect(explainNumber('1,5', '.').message).toContain('decimal comma');
		expect(explainNumber('abc', '.')).toMatchObject({ code: 'not-a-number' });
	});

	it('treats empty cells and R/Excel missing markers as missing', () => {
		for (const cell of ['', 'NA', 'n/a', 'null', '#N/A']) expect(isMissing(cell)).toBe(true);
		for (const cell of ['0', 'NaN', 'none']) expect(isMissing(cell)).toBe(false);
	});
});

describe('detectDecimalSeparator', () => {
	it('uses a point in comma-separated files', () => {
		expect(detectDecimalSeparator(['1,5', '2,5'], ',')).toBe('.');
	});

	it('follows the evidence in semicolon and tab files', () => {
		expect(detectDecimalSeparator(['1,5', '1.234,5', '12'], ';')).toBe(',');
		expect(detectDecimalSeparator(['1.5', '1234.56', '12'], ';')).toBe('.');
		expect(detectDecimalSeparator(['1,5', '22,75'], '\t')).toBe(',');
		expect(detectDecimalSeparator(['1.5'], '\t')).toBe('.');
	});

	it('defaults to a decimal comma for semicolon files and a point for tab files', () => {
		expect(detectDecimalSeparator(['1.234', '12'], ';')).toBe(',');
		expect(detectDecimalSeparator(['1,234', '12'], '\t')).toBe('.');
	});
});
