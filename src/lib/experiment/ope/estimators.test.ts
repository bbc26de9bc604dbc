/**
 * Statistical checks of the estimators on the synthetic bandit, whose policy values are exact
 * finite sums (synthetic.ts): unbiasedness over replicate logs, interval coverage, DR's
 * variance reduction, and replay's agreement with SNIPW on uniform logs. Seeds are fixed, so
 * each check is deterministic; the tolerances are what the statistics allow (see each test).
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { evaluateColumns } from './evaluate';
import type { EstimatorName } from './estimators';
import { toColumns } from './log';
import { greedyPolicy, softmaxPolicy, syntheticBandit, type SyntheticBandit } from './synthetic';
import { resolveTarget } from './target';

type Policy = (context: readonly number[]) => ArrayLike<number>;

/** Estimates (and interval hits) of each estimator over `replicates` independent logs. */
function replicateEstimates(
	bandit: SyntheticBandit,
	policy: Policy,
	options: { replicates: number; rows: number; bootstrap: number; estimators: EstimatorName[] }
) {
	const truth = bandit.trueValue(policy);
	const values: Record<string, number[]> = {};
	const hits: Record<string, number> = {};
	for (let r = 0; r < options.replicates; r++) {
		const log = bandit.sampleLog(options.rows, createStream(1000 + r, 3));
		const target = resolveTarget(log, policy);
		if (!target.ok) throw new Error(target.errors[0].message);
		const report = evaluateColumns(toColumns(log), target.value, {
			seed: r,
			replicates: options.bootstrap,
			estimators: options.estimators
		});
		for (const e of report.estimates) {
			(values[e.estimator] ??= []).push(e.value);
			hits[e.estimator] = (hits[e.estimator] ?? 0) + (e.lower <= truth && truth <= e.upper ? 1 : 0);
		}
	}
	return { truth, values, hits };
}

function meanSd(xs: number[]): { mean: number; sd: number } {
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
	return { mean, sd };
}

const skewed = syntheticBandit({ seed: 3 });
const uniform = syntheticBandit({ seed: 3, loggingUniformShare: 1 });
const targets: [string, Policy][] = [
	['a deterministic greedy target', greedyPolicy(skewed)],
	['a stochastic softmax target', softmaxPolicy(skewed, 0.5)]
];

describe('on the synthetic bandit', () => {
	it('logs with a non-uniform logging policy (so the test is not trivial)', () => {
		const log = skewed.sampleLog(500, createStream(1, 3));
		const propensities = log.rows.map((row) => row.propensity);
		expect(Math.min(...propensities)).toBeLessThan(0.1);
		expect(Math.max(...propensities)).toBeGreaterThan(0.7);
	});

	for (const [name, policy] of targets) {
		it(`IPW, SNIPW, DM and DR are unbiased for ${name}`, () => {
			// 200 logs of 500 rows: the mean estimate must sit within 4 Monte-Carlo standard errors
			// of the exact value (a false alarm has probability < 1e-4 per estimator).
			const R = 200;
			const { truth, values } = replicateEstimates(skewed, policy, {
				replicates: R,
				rows: 500,
				bootstrap: 0,
				estimators: ['ipw', 'snipw', 'dm', 'dr']
			});
			for (const estimator of ['ipw', 'snipw', 'dm', 'dr']) {
				const { mean, sd } = meanSd(values[estimator]);
				expect(Math.abs(mean - truth), estimator).toBeLessThan((4 * sd) / Math.sqrt(R));
			}
		});

		it(`DR has far less variance than IPW for ${name} when the reward model is right`, () => {
			const { values } = replicateEstimates(skewed, policy, {
				replicates: 100,
				rows: 500,
				bootstrap: 0,
				estimators: ['ipw', 'dr']
			});
			// The linear model matches the linear truth, so DR's correction only carries noise.
			expect(meanSd(values.dr).sd ** 2).toBeLessThan(0.5 * meanSd(values.ipw).sd ** 2);
		});

		it(`the 95 % bootstrap intervals cover the truth at about the nominal rate for ${name}`, () => {
			// 100 logs of 1,000 rows, B = 200. With true coverage 95 % the count of hits is
			// Binomial(100, 0.95): sd 2.2, so ≥ 85 is 4.5 sd below nominal. The percentile bootstrap
			// runs a little short on skewed importance weights, which the slack absorbs; an
			// interval that ignored the model's error (DM with a fixed model) covers ~60 % and fails.
			const { hits } = replicateEstimates(skewed, policy, {
				replicates: 100,
				rows: 1000,
				bootstrap: 200,
				estimators: ['ipw', 'snipw', 'dm', 'dr']
			});
			for (const estimator of ['ipw', 'snipw', 'dm', 'dr']) {
				expect(hits[estimator], estimator).toBeGreaterThanOrEqual(85);
			}
		});
	}

	it('replay is unbiased for a deterministic target on a uniformly random log', () => {
		const policy = greedyPolicy(uniform);
		const R = 200;
		const { truth, values } = replicateEstimates(uniform, policy, {
			replicates: R,
			rows: 500,
			bootstrap: 0,
			estimators: ['replay']
		});
		const { mean, sd } = meanSd(values.replay);
		expect(Math.abs(mean - truth)).toBeLessThan((4 * sd) / Math.sqrt(R));
	});

	it('replay’s 95 % intervals cover the truth at about the nominal rate on a uniform log', () => {
		// 50 logs of 1,000 rows per target: hits ~ Binomial(50, 0.95), mean 47.5, sd 1.5; ≥ 42 is
		// 3.6 sd below nominal.
		for (const policy of [greedyPolicy(uniform), softmaxPolicy(uniform, 0.5)]) {
			const { hits } = replicateEstimates(uniform, policy, {
				replicates: 50,
				rows: 1000,
				bootstrap: 200,
				estimators: ['replay']
			});
			expect(hits.replay).toBeGreaterThanOrEqual(42);
		}
	});

	it('replay equals SNIPW exactly on a uniform log for a deterministic target', () => {
		const log = uniform.sampleLog(400, createStream(9, 3));
		const target = resolveTarget(log, greedyPolicy(uniform));
		if (!target.ok) throw new Error('target');
		const report = evaluateColumns(toColumns(log), target.value, {
			seed: 1,
			replicates: 100,
			estimators: ['replay', 'snipw']
		});
		const [replay, snipw] = report.estimates;
		expect(replay.value).toBeCloseTo(snipw.value, 10);
		expect(replay.lower).toBeCloseTo(snipw.lower, 10);
		// Replay's effective sample size is the number of matching rows.
		const matched = log.rows.filter(
			(row, i) => target.value.probabilities[i * 4 + row.action] === 1
		);
		expect(replay.effectiveSampleSize).toBeCloseTo(matched.length, 9);
		expect(replay.warnings).toEqual([]);
	});

	it('replay is biased, and says so, when the log is not uniform', () => {
		const policy = greedyPolicy(skewed);
		const { truth, values } = replicateEstimates(skewed, policy, {
			replicates: 50,
			rows: 1000,
			bootstrap: 0,
			estimators: ['replay']
		});
		const { mean, sd } = meanSd(values.replay);
		expect(Math.abs(mean - truth)).toBeGreaterThan((6 * sd) / Math.sqrt(50));
		const log = skewed.sampleLog(100, createStream(2, 3));
		const target = resolveTarget(log, policy);
		if (!target.ok) throw new Error('target');
		const report = evaluateColumns(toColumns(log), target.value, {
			seed: 1,
			replicates: 0,
			estimators: ['replay']
		});
		expect(report.estimates[0].warnings.join(' ')).toMatch(/not uniformly random/);
	});
});
