import { describe, expect, it } from 'vitest';
import { defaultText, inputText, numberFromInput, textFromInput } from './input-value';
import { fieldSpec } from './schema-fields';

describe('input values', () => {
	it('turns typed numbers into numbers and keeps anything else as typed', () => {
		expect(numberFromInput(' 2.5 ')).toBe(2.5);
		expect(numberFromInput('1e-4')).toBe(1e-4);
		expect(numberFromInput('.5')).toBe(0.5);
		expect(numberFromInput('12,5')).toBe('12,5');
		expect(numberFromInput('abc')).toBe('abc');
		expect(numberFromInput('1e999')).toBe('1e999');
		expect(numberFromInput('')).toBeUndefined();
	});

	it('leaves an empty optional text field out and keeps an empty required one', () => {
		expect(textFromInput('', fieldSpec('currency'))).toBeUndefined();
		expect(textFromInput('', fieldSpec('name'))).toBe('');
	});

	it('shows values and defaults as text', () => {
		expect(inputText(undefined)).toBe('');
		expect(inputText(0.25)).toBe('0.25');
		expect(inputText('x')).toBe('x');
		expect(defaultText(fieldSpec('channels[0].creatives[0].fatigueRate'))).toBe('0.2');
		expect(defaultText(fieldSpec('channels[0].hill.slope'))).toBe('');
	});
});
