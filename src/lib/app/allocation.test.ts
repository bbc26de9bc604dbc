import { describe, expect, it } from 'vitest';
import { allocationStack, spendShares } from './allocation';

// Two channels over four days, [day·C + c].
const spend = [10, 0, 20, 10, 30, 20, 40, 30];

describe('allocationStack', () => {
	it('stacks channel bands so the top of the last is the total', () => {
		const stack = allocationStack(spend, 2, 1);
		expect(stack.days).toBe(4);
		expect(Array.from(stack.layers[0].low)).toEqual([0, 0, 0, 0]);
		expect(Array.from(stack.layers[0].high)).toEqual([10, 20, 30, 40]);
		expect(Array.from(stack.layers[1].low)).toEqual([10, 20, 30, 40]);
		expect(Array.from(stack.layers[1].high)).toEqual([10, 30, 50, 70]);
		expect(Array.from(stack.total)).toEqual([10, 30, 50, 70]);
	});

	it('averages over the trailing window, fewer days at the start', () => {
		const stack = allocationStack(spend, 2, 2);
		expect(Array.from(stack.layers[0].spend)).toEqual([10, 15, 25, 35]);
		expect(Array.from(stack.layers[1].spend)).toEqual([0, 5, 15, 25]);
	});

	it('gives an empty stack for no days', () => {
		expect(allocationStack([], 3).days).toBe(0);
	});
});

describe('spendShares', () => {
	it('splits the pilot spend by channel', () => {
		expect(spendShares(spend, 2)).toEqual([100 / 160, 60 / 160]);
	});

	it('gives zeros when nothing was spent', () => {
		expect(spendShares([0, 0], 2)).toEqual([0, 0]);
	});
});
