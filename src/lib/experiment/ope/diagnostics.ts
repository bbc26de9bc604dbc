/**
 * What the log says about how far an estimate can be trusted: how much the importance weights
 * vary (Kish's effective sample size, the largest weight), whether they average 1 as correct
 * propensities make them, where the target puts probability the log never explored, and
 * whether the log is uniform (replay's requirement). Warnings are sentences for the report.
 */
import { effectiveSampleSize, type EstimatorName } from './estimators';
import type { LogColumns } from './log';
import { isDeterministicRow, type TargetTable } from './target';

/** Diagnostics of a log and target, plain data. */
export interface OpeDiagnostics {
	/** Rows n. */
	rows: number;
	/** Mean reward in the log: the logging policy's own value, reward units. */
	loggedValue: number;
	/** Logged rows per action [K]. */
	loggedActions: number[];
	/** Mean target probability per action over the logged contexts [K]. */
	targetShare: number[];
	/** Share of the target's probability on actions the log never took, 0–1. */
	unloggedTargetShare: number;
	/** Mean importance weight π_e / μ: about 1 when the propensities are right and the target stays where the log went. */
	meanWeight: number;
	/** Largest importance weight. */
	maxWeight: number;
	/** Kish effective sample size of the importance weights, rows. */
	effectiveSampleSize: number;
	/** Share of rows on which the target is deterministic, 0–1. */
	deterministicShare: number;
	/** Whether every logged propensity is the same (a uniformly random log, as replay needs). */
	uniformLogging: boolean;
	/** Smallest and largest logged propensity. */
	propensityRange: [number, number];
}

/** ESS below this share of the rows earns a warning. */
export const LOW_ESS_SHARE = 0.1;
/** A single importance weight above this earns a warning. */
export const EXTREME_WEIGHT = 20;

/** Diagnostics from the log, the target and the importance weights. */
export function diagnose(
	cols: LogColumns,
	target: TargetTable,
	weights: Float64Array
): OpeDiagnostics {
	const { n, actions: K, action, reward, propensity } = cols;
	const loggedActions = new Array<number>(K).fill(0);
	const targetShare = new Array<number>(K).fill(0);
	let rewardSum = 0;
	let weightSum = 0;
	let maxWeight = 0;
	let deterministic = 0;
	let minP = Infinity;
	let maxP = -Infinity;
	for (let i = 0; i < n; i++) {
		loggedActions[action[i]]++;
		for (let a = 0; a < K; a++) targetShare[a] += target.probabilities[i * K + a] / n;
		rewardSum += reward[i];
		weightSum += weights[i];
		if (weights[i] > maxWeight) maxWeight = weights[i];
		if (isDeterministicRow(target, i)) deterministic++;
		if (propensity[i] < minP) minP = propensity[i];
		if (propensity[i] > maxP) maxP = propensity[i];
	}
	let unlogged = 0;
	for (let a = 0; a < K; a++) if (loggedActions[a] === 0) unlogged += targetShare[a];
	return {
		rows: n,
		loggedValue: rewardSum / n,
		loggedActions,
		targetShare,
		unloggedTargetShare: unlogged,
		meanWeight: weightSum / n,
		maxWeight,
		effectiveSampleSize: effectiveSampleSize(weights),
		deterministicShare: deterministic / n,
		uniformLogging: maxP - minP <= 1e-9 * maxP,
		propensityRange: [minP, maxP]
	};
}

const pct = (x: number): string => `${+(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const num = (x: number): string => String(+x.toPrecision(3));

/** Warnings about the log as a whole (propensities that look wrong). */
export function logWarnings(d: OpeDiagnostics, weights: Float64Array): string[] {
	const out: string[] = [];
	// E[w] = 1 − (target mass outside the logging policy's support) when the propensities are
	// right; a mean far from that beyond its sampling error means they are not.
	let ss = 0;
	for (let i = 0; i < weights.length; i++) ss += (weights[i] - d.meanWeight) ** 2;
	const se = Math.sqrt(ss / Math.max(1, d.rows - 1) / d.rows);
	const expected = 1 - d.unloggedTargetShare;
	if (Math.abs(d.meanWeight - expected) > Math.max(0.05, 4 * se)) {
		out.push(
			`The importance weights average ${num(d.meanWeight)}, not ${num(expected)}: the logged propensities may be wrong, or the target often takes actions the logging policy never takes in those contexts.`
		);
	}
	return out;
}

/** Warnings specific to one estimator. */
export function estimatorWarnings(
	name: EstimatorName,
	d: OpeDiagnostics,
	extra: { matchedRows?: number; rewardModelR2?: number }
): string[] {
	const out: string[] = [];
	const weighted = name === 'ipw' || name === 'snipw' || name === 'dr';
	const unlogged = d.loggedActions
		.map((count, a) => (count === 0 && d.targetShare[a] > 0 ? a : -1))
		.filter((a) => a >= 0);
	if (unlogged.length > 0 && d.unloggedTargetShare > 0) {
		const which = `action${unlogged.length > 1 ? 's' : ''} ${unlogged.join(', ')}`;
		if (name === 'dm' || name === 'dr') {
			out.push(
				`The target puts ${pct(d.unloggedTargetShare)} of its probability on ${which}, never logged: the reward model can only guess those (it predicts the mean reward).`
			);
		} else {
			out.push(
				`Biased: the target puts ${pct(d.unloggedTargetShare)} of its probability on ${which}, never logged, whose rewards this estimator cannot see.`
			);
		}
	}
	if (weighted) {
		if (d.effectiveSampleSize < LOW_ESS_SHARE * d.rows) {
			out.push(
				`Low effective sample size: ${Math.round(d.effectiveSampleSize)} of ${d.rows} rows (${pct(d.effectiveSampleSize / d.rows)}); the target differs much from the logging policy, so few rows carry the estimate and the interval may be too narrow.`
			);
		}
		if (d.maxWeight > EXTREME_WEIGHT) {
			out.push(
				`Extreme importance weights: the largest is ${num(d.maxWeight)} (a row the logging policy chose with probability ${num(d.propensityRange[0])} or so counts ${num(d.maxWeight)} times); ${name === 'ipw' ? 'SNIPW or DR are steadier.' : 'check the smallest propensities.'}`
			);
		}
	}
	if (name === 'replay') {
		if (!d.uniformLogging) {
			const [lo, hi] = d.propensityRange;
			out.push(
				`The log is not uniformly random (propensities ${num(lo)}–${num(hi)}): replay is unbiased only when every action had the same chance; prefer IPW, SNIPW or DR.`
			);
		}
		if (d.deterministicShare < 1) {
			out.push(
				`The target is stochastic on ${pct(1 - d.deterministicShare)} of rows; replay accepts those rows with weight π_e(a | x) instead of a strict match.`
			);
		}
		if (extra.matchedRows !== undefined && extra.matchedRows < 30) {
			out.push(
				`Only ${num(extra.matchedRows)} rows match the target's choice: too few for a stable replay estimate.`
			);
		}
	}
	if ((name === 'dm' || name === 'dr') && extra.rewardModelR2 !== undefined) {
		if (extra.rewardModelR2 < 0) {
			out.push(
				`The reward model predicts the logged rewards worse than their mean (R² ${num(extra.rewardModelR2)}${name === 'dr' ? ', out of fold' : ''}); ${name === 'dm' ? 'DM rests on it entirely.' : 'DR stays unbiased but gains nothing from it.'}`
			);
		}
	}
	return out;
}
