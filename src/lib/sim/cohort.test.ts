import { describe, expect, it } from 'vitest';
import {
	CLASSES,
	classSurvival,
	DAYS_PER_PERIOD,
	expectedLifetimeValue,
	retentionClasses,
	sbgSurvival,
	simulateCohortRevenue
} from './cohort';
import { createStream } from './random';

const params = {
	retentionAlpha: 1.0,
	retentionBeta: 4.0,
	repeatOrdersPerMonth: 0.35,
	orderValue: 62,
	margin: 0.42
};

describe('cohort retention (shifted-beta-geometric)', () => {
	it('splits Beta(α, β) into equal-mass classes with the right mean churn', () => {
		const classes = retentionClasses(params, 1);
		expect(classes.weight.length).toBe(CLASSES);
		const mean = classes.monthlyChurn.reduce((s, x, j) => s + x * classes.weight[j], 0);
		expect(mean).toBeCloseTo(
			params.retentionAlpha / (params.retentionAlpha + params.retentionBeta),
			10
		);
		// Classes are ordered from loyal to fickle.
		for (let j = 1; j < CLASSES; j++)
			expect(classes.monthlyChurn[j]).toBeGreaterThan(classes.monthlyChurn[j - 1]);
	});

	it('follows the exact sBG survival curve B(α, β + t) / B(α, β) closely', () => {
		const classes = retentionClasses(params, 1);
		for (const months of [1, 2, 6, 12, 24]) {
			const exact = sbgSurvival(params.retentionAlpha, params.retentionBeta, months);
			const approx = classSurvival(classes, months * DAYS_PER_PERIOD);
			expect(Math.abs(approx - exact)).toBeLessThan(0.02);
		}
	});

	it('realizes, on average over many seeds, the expected lifetime value it reports', () => {
		const classes = retentionClasses(params, 1);
		const horizon = 365;
		const expected = expectedLifetimeValue(params, classes, horizon).revenue * 100;
		const runs = 400;
		let sum = 0;
		let sq = 0;
		for (let seed = 0; seed < runs; seed++) {
			const revenue = simulateCohortRevenue(params, classes, 100, horizon, createStream(seed));
			sum += revenue;
			sq += revenue * revenue;
		}
		const mean = sum / runs;
		const se = Math.sqrt((sq / runs - mean * mean) / runs);
		// The expectation lies inside the sample mean's 99.9 % confidence interval.
		expect(Math.abs(mean - expected)).toBeLessThan(3.3 * se);
		expect(se).toBeGreaterThan(0);
	});

	it('values loyal, frequent customers above fickle ones', () => {
		const fickle = { ...params, retentionAlpha: 2, retentionBeta: 1 };
		const loyal = { ...params, retentionAlpha: 0.5, retentionBeta: 10 };
		const value = (p: typeof params) =>
			expectedLifetimeValue(p, retentionClasses(p, 1), 365).revenue;
		expect(value(loyal)).toBeGreaterThan(value(params));
		expect(value(params)).toBeGreaterThan(value(fickle));
		expect(value(fickle)).toBeGreaterThan(params.orderValue);
	});
});
