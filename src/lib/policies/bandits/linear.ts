/**
 * The little linear algebra the linear bandits need, on flat row-major Float64Arrays of n × n:
 * a Cholesky factorisation, triangular solves and the rank-one update of a Cholesky factor
 * (so a ridge regression absorbs one observation in O(n²) without refactorising). Everything
 * writes into caller-owned arrays; nothing allocates.
 */

/**
 * Factor a symmetric positive-definite `a` (n × n) as L·Lᵀ, writing the lower triangle of L to
 * `out` (upper triangle zeroed). Returns false when `a` is not positive definite.
 */
export function cholesky(a: Float64Array, n: number, out: Float64Array): boolean {
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let sum = a[i * n + j];
			for (let k = 0; k < j; k++) sum -= out[i * n + k] * out[j * n + k];
			if (i === j) {
				if (!(sum > 0)) return false;
				out[i * n + i] = Math.sqrt(sum);
			} else {
				out[i * n + j] = sum / out[j * n + j];
			}
		}
		for (let j = i + 1; j < n; j++) out[i * n + j] = 0;
	}
	return true;
}

/** Solve L·x = b for lower-triangular L (forward substitution); `out` may be `b`. */
export function solveLower(
	l: Float64Array,
	n: number,
	b: ArrayLike<number>,
	out: Float64Array
): Float64Array {
	for (let i = 0; i < n; i++) {
		let sum = b[i];
		for (let k = 0; k < i; k++) sum -= l[i * n + k] * out[k];
		out[i] = sum / l[i * n + i];
	}
	return out;
}

/** Solve Lᵀ·x = b for lower-triangular L (back substitution); `out` may be `b`. */
export function solveLowerTransposed(
	l: Float64Array,
	n: number,
	b: ArrayLike<number>,
	out: Float64Array
): Float64Array {
	for (let i = n - 1; i >= 0; i--) {
		let sum = b[i];
		for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * out[k];
		out[i] = sum / l[i * n + i];
	}
	return out;
}

/** Solve (L·Lᵀ)·x = b given the Cholesky factor L; `out` may be `b`. */
export function choleskySolve(
	l: Float64Array,
	n: number,
	b: ArrayLike<number>,
	out: Float64Array
): Float64Array {
	solveLower(l, n, b, out);
	return solveLowerTransposed(l, n, out, out);
}

/**
 * Update the Cholesky factor L of A in place to the factor of A + x·xᵀ (the classic O(n²)
 * rotation scheme, e.g. Golub & Van Loan §6.5.4). `x` is used as scratch and overwritten.
 */
export function choleskyRankOneUpdate(l: Float64Array, n: number, x: Float64Array): void {
	for (let k = 0; k < n; k++) {
		const lkk = l[k * n + k];
		const r = Math.sqrt(lkk * lkk + x[k] * x[k]);
		const c = r / lkk;
		const s = x[k] / lkk;
		l[k * n + k] = r;
		for (let i = k + 1; i < n; i++) {
			l[i * n + k] = (l[i * n + k] + s * x[i]) / c;
			x[i] = c * x[i] - s * l[i * n + k];
		}
	}
}

/** xᵀ·y over the first n entries. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
	let sum = 0;
	for (let i = 0; i < n; i++) sum += x[i] * y[i];
	return sum;
}
