/**
 * The evaluation (target) policy π_e: for every logged row, the probability it would give each
 * action in that row's context. Given as a table (one list of K probabilities per row, what a
 * worker receives or a CSV carries) or as a function of the context (what code writes).
 */
import { IssueCollector, type BanditLog, type OpeParsed } from './log';

/** π_e(a | x_i) for every row i and action a: a function of the context, or a table [n][K]. */
export type EvaluationPolicy =
	((context: readonly number[], row: number) => ArrayLike<number>) | readonly ArrayLike<number>[];

/** Target probabilities resolved for a log, row-major [n·K]; every row sums to 1. */
export interface TargetTable {
	/** π_e(a | x_i) at [i·K + a]. */
	probabilities: Float64Array;
	/** Rows n. */
	n: number;
	/** Actions K. */
	actions: number;
}

/** How far a row's probabilities may sum from 1 before it is an error (rounding in files). */
export const SUM_TOLERANCE = 1e-6;

/** A deterministic target: all probability on the action `choose` returns for the row. */
export function deterministicPolicy(
	actions: number,
	choose: (context: readonly number[], row: number) => number
): EvaluationPolicy {
	return (context, row) => {
		const out = new Float64Array(actions);
		out[choose(context, row)] = 1;
		return out;
	};
}

/**
 * Evaluate `policy` on every row of a (valid) log and check the result: K finite,
 * non-negative probabilities per row summing to 1 (within `SUM_TOLERANCE`, then rescaled
 * exactly). A function that throws becomes an error naming the row, not a crash.
 */
export function resolveTarget(log: BanditLog, policy: EvaluationPolicy): OpeParsed<TargetTable> {
	const n = log.rows.length;
	const K = log.actions;
	const issues = new IssueCollector();
	const probabilities = new Float64Array(n * K);
	if (typeof policy !== 'function' && (!Array.isArray(policy) || policy.length !== n)) {
		const got = Array.isArray(policy) ? `${policy.length} rows` : 'not a table';
		return {
			ok: false,
			errors: [
				{
					field: 'target',
					message: `The target policy table has ${got}; it needs one row of ${K} probabilities per logged row (${n}).`
				}
			]
		};
	}
	for (let i = 0; i < n; i++) {
		let row: ArrayLike<number>;
		try {
			row =
				typeof policy === 'function'
					? policy(log.rows[i].context, i)
					: (policy as readonly ArrayLike<number>[])[i];
		} catch (error) {
			issues.add({
				row: i,
				field: 'target',
				message: `The target policy failed at row ${i}: ${error instanceof Error ? error.message : String(error)}`
			});
			continue;
		}
		const problem = checkProbabilities(row, K);
		if (problem) {
			issues.add({ row: i, field: 'target', message: `Target row ${i}: ${problem}` });
			continue;
		}
		let sum = 0;
		for (let a = 0; a < K; a++) sum += Math.max(0, row[a]);
		for (let a = 0; a < K; a++) probabilities[i * K + a] = Math.max(0, row[a]) / sum;
	}
	if (issues.count > 0) return { ok: false, errors: issues.toArray() };
	return { ok: true, value: { probabilities, n, actions: K } };
}

/** Why `row` is not a probability distribution over K actions, or undefined if it is. */
function checkProbabilities(row: ArrayLike<number> | undefined, K: number): string | undefined {
	if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
		return `expected a list of ${K} probabilities.`;
	}
	if (row.length !== K) return `has ${row.length} probabilities; expected ${K}, one per action.`;
	let sum = 0;
	for (let a = 0; a < K; a++) {
		const p = row[a];
		if (typeof p !== 'number' || !Number.isFinite(p)) {
			return `the probability of action ${a} is ${String(p)}; it must be a finite number.`;
		}
		// Tiny negatives are rounding in a file; real negatives are a mistake.
		if (p < -SUM_TOLERANCE) return `the probability of action ${a} is ${p}; it cannot be negative.`;
		sum += Math.max(0, p);
	}
	if (Math.abs(sum - 1) > SUM_TOLERANCE) {
		return `the probabilities sum to ${+sum.toPrecision(6)}, not 1.`;
	}
	return undefined;
}

/** Whether row i of a target puts all its probability on one action. */
export function isDeterministicRow(target: TargetTable, i: number): boolean {
	const K = target.actions;
	for (let a = 0; a < K; a++) if (target.probabilities[i * K + a] === 1) return true;
	return false;
}
