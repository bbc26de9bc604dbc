/**
 * Exact properties of the estimators that hold on any log: replay reads only the rows where the
 * target takes the logged action; SNIPW does not change when every propensity is scaled by the
 * same factor (IPW does); and doubly robust stays unbiased when either its reward model or the
 * propensities are right (Dudík et al. 2011), checked over replicate logs of the synthetic
 * bandit against the exact value.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { evaluateColumns } from './evaluate';
import { drTerms, importanceWeights, ipwTerms, modelValues, ratioEstimate } from './estimators';
import { toColumns, type BanditLog } from './log';
import { greedyPolicy, softmaxPolicy, syntheticBandit } from './synthetic';
import { resolveTarget, type TargetTable } from './target';

const bandit = syntheticBandit({ seed: 5 });
const uniformBandit = syntheticBandit({ seed: 5, loggingUniformShare: 1 });

function tableOf(log: BanditLog, policy: (x: readonly number[]) => ArrayLike<number>): TargetTable {
	const target = resolveTarget(log, policy);
	if (!target.ok) throw new Error(target.errors[0].message);
	return target.value;
}

describe('replay', () => {
	it('uses only the rows where the target takes the logged action', () => {
		const log = uniformBandit.sampleLog(600, createStream(4, 3));
		const policy = greedyPolicy(uniformBandit);
		const target = tableOf(log, policy);
		const matches = log.rows.map((row, i) => target.probabilities[i * 4 + row.action] === 1);
		expect(matches.filter(Boolean).length).toBeGreaterThan(50);
		expect(matches.filter((m) => !m).length).toBeGreaterThan(50);
		const options = { seed: 2, replicates: 100, estimators: ['replay'] as const };
		const before = evaluateColumns(toColumns(log), target, options).estimates[0];
		// Wild rewards on every non-matching row change nothing …
		const garbled: BanditLog = {
			...log,
			rows: log.rows.map((row, i) => (matches[i] ? row : { ...row, reward: 1e6 * (i + 1) }))
		};
		const after = evaluateColumns(toColumns(garbled), target, options).estimates[0];
		expect(after.value).toBe(before.value);
		expect([after.lower, after.upper]).toEqual([before.lower, before.upper]);
		// … and the estimate is the mean reward of the matching rows.
		const matched = log.rows.filter((_, i) => matches[i]).map((row) => row.reward);
		expect(before.value).toBeCloseTo(matched.reduce((a, b) => a + b, 0) / matched.length, 12);
	});
});

describe('self-normalised IPW', () => {
	it('does not change when every propensity is scaled by the same factor; IPW does', () => {
		const log = bandit.sampleLog(500, createStream(6, 3));
		const target = tableOf(log, softmaxPolicy(bandit, 0.5));
		const options = { seed: 3, replicates: 200, estimators: ['ipw', 'snipw'] as const };
		const [ipw, snipw] = evaluateColumns(toColumns(log), target, options).estimates;
		for (const factor of [0.5, 0.1]) {
			const scaled: BanditLog = {
				...log,
				rows: log.rows.map((row) => ({ ...row, propensity: row.propensity * factor }))
			};
			const [ipw2, snipw2] = evaluateColumns(toColumns(scaled), target, options).estimates;
			expect(snipw2.value).toBeCloseTo(snipw.value, 10);
			expect(snipw2.lower).toBeCloseTo(snipw.lower, 10);
			expect(snipw2.upper).toBeCloseTo(snipw.upper, 10);
			expect(ipw2.value).toBeCloseTo(ipw.value / factor, 8);
		}
	});
});

describe('doubly robust', () => {
	const policy = greedyPolicy(bandit);
	const truth = bandit.trueValue(policy);
	const K = bandit.actions;
	const R = 200;

	/** DR (and the single-robust estimate it falls back to) over R logs, with a chosen model and propensities. */
	function replicate(model: 'right' | 'wrong', propensities: 'right' | 'wrong') {
		const dr: number[] = [];
		const single: number[] = [];
		for (let r = 0; r < R; r++) {
			const log = bandit.sampleLog(400, createStream(2000 + r, 3));
			const rows =
				propensities === 'right'
					? log.rows
					: log.rows.map((row) => ({ ...row, propensity: 1 / K }));
			const cols = toColumns({ ...log, rows });
			const target = tableOf(log, policy);
			const predictions = new Float64Array(cols.n * K);
			for (let i = 0; i < cols.n; i++) {
				const x = log.rows[i].context;
				for (let a = 0; a < K; a++) {
					const mu = bandit.expectedReward(x, a);
					// A wrong model: badly off, and differently for each action and context.
					predictions[i * K + a] = model === 'right' ? mu : mu + 1.5 * (a - 1.5) - x[0];
				}
			}
			const weights = importanceWeights(cols, target);
			dr.push(ratioEstimate(drTerms(cols, target, predictions, weights)));
			single.push(
				model === 'wrong'
					? ratioEstimate(ipwTerms(cols, weights))
					: ratioEstimate({ numerator: modelValues(target, predictions) })
			);
		}
		return { dr, single };
	}

	const meanAndSe = (xs: number[]) => {
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
		return { mean, se: sd / Math.sqrt(xs.length) };
	};

	it('is unbiased with a wrong reward model when the propensities are right', () => {
		const { dr } = replicate('wrong', 'right');
		const { mean, se } = meanAndSe(dr);
		expect(Math.abs(mean - truth)).toBeLessThan(4 * se);
		// The wrong model alone (DM) is far off: the check is not trivial.
		const log = bandit.sampleLog(400, createStream(2000, 3));
		const target = tableOf(log, policy);
		let dm = 0;
		for (let i = 0; i < log.rows.length; i++) {
			const x = log.rows[i].context;
			for (let a = 0; a < K; a++) {
				const wrong = bandit.expectedReward(x, a) + 1.5 * (a - 1.5) - x[0];
				dm += (target.probabilities[i * K + a] * wrong) / log.rows.length;
			}
		}
		expect(Math.abs(dm - truth)).toBeGreaterThan(0.3);
	});

	it('is unbiased with wrong propensities when the reward model is right', () => {
		const { dr } = replicate('right', 'wrong');
		const { mean, se } = meanAndSe(dr);
		expect(Math.abs(mean - truth)).toBeLessThan(4 * se);
	});

	it('is biased when both are wrong, as IPW is with wrong propensities', () => {
		const { dr } = replicate('wrong', 'wrong');
		const { mean, se } = meanAndSe(dr);
		expect(Math.abs(mean - truth)).toBeGreaterThan(6 * se);
	});
});
