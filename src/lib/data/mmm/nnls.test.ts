import { describe, expect, it } from 'vitest';
import { nnlsWork, solveNonNegative } from './nnls';

/** Normal equations of least squares on rows of X against y: Q = XᵀX (+ ridge), b = Xᵀy. */
function normal(X: number[][], y: number[], ridge = 0) {
	const p = X[0].length;
	const Q = new Float64Array(p * p);
	const b = new Float64Array(p);
	X.forEach((row, i) => {
		for (let j = 0; j < p; j++) {
			b[j] += row[j] * y[i];
			for (let k = 0; k < p; k++) Q[j * p + k] += row[j] * row[k];
		}
	});
	for (let j = 0; j < p; j++) Q[j * p + j] += ridge;
	return { Q, b, p };
}

describe('solveNonNegative', () => {
	it('returns the ordinary least-squares solution when it is already non-negative', () => {
		// y = 1 + 2·x exactly.
		const X = [0, 1, 2, 3].map((x) => [1, x]);
		const { Q, b, p } = normal(X, [1, 3, 5, 7]);
		const beta = new Float64Array(p);
		expect(
			solveNonNegative(Q, b, new Uint8Array([0, 1]), beta, nnlsWork(p))
		).toBeGreaterThanOrEqual(0);
		expect(beta[0]).toBeCloseTo(1, 10);
		expect(beta[1]).toBeCloseTo(2, 10);
	});

	it('holds a constrained coefficient at zero when the data want it negative, refitting the rest', () => {
		// y = 4 − x: the slope is constrained ≥ 0, so the best fit is the mean with slope 0.
		const X = [0, 1, 2, 3].map((x) => [1, x]);
		const { Q, b, p } = normal(X, [4, 3, 2, 1]);
		const beta = new Float64Array(p);
		solveNonNegative(Q, b, new Uint8Array([0, 1]), beta, nnlsWork(p));
		expect(beta[1]).toBe(0);
		expect(beta[0]).toBeCloseTo(2.5, 10);
		// Unconstrained, the same problem gives the negative slope.
		solveNonNegative(Q, b, new Uint8Array([0, 0]), beta, nnlsWork(p));
		expect(beta[1]).toBeCloseTo(-1, 10);
	});

	it('meets the optimality conditions on a random problem', () => {
		const X = Array.from({ length: 30 }, (_, i) => [
			1,
			Math.sin(i),
			Math.cos(2 * i),
			((i * 7) % 5) - 2
		]);
		const y = X.map((row, i) => 1 + 0.5 * row[1] - 0.8 * row[2] + 0.1 * ((i * 3) % 4));
		const { Q, b, p } = normal(X, y, 1e-6);
		const beta = new Float64Array(p);
		const nonNegative = new Uint8Array([0, 1, 1, 1]);
		solveNonNegative(Q, b, nonNegative, beta, nnlsWork(p));
		for (let j = 0; j < p; j++) {
			let grad = b[j];
			for (let k = 0; k < p; k++) grad -= Q[j * p + k] * beta[k];
			if (nonNegative[j] && beta[j] === 0) expect(grad).toBeLessThanOrEqual(1e-9);
			else expect(Math.abs(grad)).toBeLessThan(1e-9);
			if (nonNegative[j]) expect(beta[j]).toBeGreaterThanOrEqual(0);
		}
		expect(beta[2]).toBe(0);
	});
});
