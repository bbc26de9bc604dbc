import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { cholesky, choleskyRankOneUpdate, choleskySolve } from './linear';

/** A random symmetric positive-definite n × n matrix: Mᵀ·M + I. */
function randomSpd(n: number, seed: number): Float64Array {
	const rng = createStream(seed);
	const m = Float64Array.from({ length: n * n }, () => rng.next() * 2 - 1);
	const a = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++) {
			let sum = i === j ? 1 : 0;
			for (let k = 0; k < n; k++) sum += m[k * n + i] * m[k * n + j];
			a[i * n + j] = sum;
		}
	return a;
}

describe('Cholesky', () => {
	it('factors a known matrix', () => {
		// [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]].
		const l = new Float64Array(9);
		expect(cholesky(Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98), 3, l)).toBe(true);
		expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
	});

	it('refuses a matrix that is not positive definite', () => {
		expect(cholesky(Float64Array.of(1, 2, 2, 1), 2, new Float64Array(4))).toBe(false);
	});

	it('solves A·x = b', () => {
		const n = 6;
		const a = randomSpd(n, 1);
		const l = new Float64Array(n * n);
		cholesky(a, n, l);
		const x = Float64Array.of(1, -2, 3, 0.5, 0, -1);
		const b = new Float64Array(n);
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];
		const solved = choleskySolve(l, n, b, new Float64Array(n));
		for (let i = 0; i < n; i++) expect(solved[i]).toBeCloseTo(x[i], 10);
	});

	it('updates a factor by a rank-one term as refactoring would', () => {
		const n = 5;
		const a = randomSpd(n, 2);
		const l = new Float64Array(n * n);
		cholesky(a, n, l);
		const x = Float64Array.of(0.3, -1.2, 2, 0.7, -0.4);
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += x[i] * x[j];
		choleskyRankOneUpdate(l, n, Float64Array.from(x));
		const expected = new Float64Array(n * n);
		cholesky(a, n, expected);
		for (let i = 0; i < n * n; i++) expect(l[i]).toBeCloseTo(expected[i], 10);
	});
});
