import { describe, expect, it } from 'vitest';
import { cos, exp, log, log1p, pow, sin } from './portable-math';
import { createStream } from './random';

/** Relative difference in units of 2^-52. */
const ulps = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / (Math.abs(b) * 2 ** -52));

describe('portable math', () => {
	const rng = createStream(17);
	const samples = (lo: number, hi: number, n = 20000) =>
		Array.from({ length: n }, () => lo + (hi - lo) * rng.next());

	it('exp agrees with the platform to about an ulp, over its whole range', () => {
		for (const x of [
			...samples(-700, 700),
			...samples(-1, 1),
			...samples(-1e-9, 1e-9),
			0,
			1,
			-1,
			709.7,
			-745
		]) {
			expect(ulps(exp(x), Math.exp(x)), `exp(${x})`).toBeLessThanOrEqual(2);
		}
		expect(exp(710)).toBe(Infinity);
		expect(exp(-746)).toBe(0);
		expect(exp(NaN)).toBeNaN();
		expect(ulps(exp(1), Math.E)).toBeLessThanOrEqual(1);
	});

	it('log agrees with the platform to about an ulp, subnormals included', () => {
		for (const x of [
			...samples(1e-300, 1e-290),
			...samples(0.5, 2),
			...samples(1, 1e6),
			1,
			2,
			1e-320,
			5e-324,
			1.7976931348623157e308
		]) {
			expect(ulps(log(x), Math.log(x)), `log(${x})`).toBeLessThanOrEqual(2);
		}
		expect(log(1)).toBe(0);
		expect(log(0)).toBe(-Infinity);
		expect(log(-1)).toBeNaN();
	});

	it('sin and cos agree with the platform on simulation-sized angles', () => {
		for (const x of [...samples(-50, 50), ...samples(-1e-5, 1e-5), ...samples(-1e4, 1e4, 5000)]) {
			expect(Math.abs(sin(x) - Math.sin(x)), `sin(${x})`).toBeLessThanOrEqual(2 ** -52);
			expect(Math.abs(cos(x) - Math.cos(x)), `cos(${x})`).toBeLessThanOrEqual(2 ** -52);
		}
		expect(sin(0)).toBe(0);
		expect(cos(0)).toBe(1);
		expect(sin(1e9)).toBeNaN();
	});

	it('pow and log1p follow from exp and log', () => {
		for (const [x, y] of [
			[2, 10],
			[1.07, 365],
			[0.3, 0.25],
			[10, -3]
		]) {
			expect(ulps(pow(x, y), Math.pow(x, y))).toBeLessThan(2000);
		}
		expect(pow(2, 10)).toBeCloseTo(1024, 10);
		expect(pow(0, 2)).toBe(0);
		expect(pow(-2, 3)).toBeCloseTo(-8, 12);
		expect(pow(5, 0)).toBe(1);
		for (const x of [1e-18, 1e-9, 0.5, 3])
			expect(ulps(log1p(x), Math.log1p(x))).toBeLessThanOrEqual(4);
	});

	it('uses only exactly rounded arithmetic: the results are fixed bit patterns', () => {
		// Pinned values: any engine must reproduce these bits.
		expect(exp(0.1)).toBe(1.1051709180756477);
		expect(log(10)).toBe(2.302585092994046);
		expect(cos(2)).toBe(-0.4161468365471424);
		expect(sin(100)).toBe(-0.5063656411097588);
	});
});
