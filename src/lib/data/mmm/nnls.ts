/**
 * Least squares with non-negativity on some coefficients, from the normal equations.
 *
 * Minimises ½ βᵀQβ − bᵀβ subject to β_j ≥ 0 for the constrained j, where Q = XᵀX + Λ is
 * symmetric positive definite (ridge makes it so). The MMM's designs are small (p ≈ 10–40
 * columns), so an exact active-set method (Lawson & Hanson 1974, ch. 23, on the Gram matrix) is
 * both faster and more precise than iterative solvers: each step is one Cholesky solve of the
 * free block, and it stops at the exact KKT point in a handful of steps.
 */

/** Reusable buffers for `solveNonNegative` on problems of up to `p` coefficients. */
export interface NnlsWork {
	p: number;
	/** Free (passive) flags, 1 = coefficient is solved for, 0 = held at zero. */
	free: Uint8Array;
	z: Float64Array;
	chol: Float64Array;
	index: Int32Array;
	rhs: Float64Array;
}

/** Allocate work buffers for problems with up to `p` coefficients. */
export function nnlsWork(p: number): NnlsWork {
	return {
		p,
		free: new Uint8Array(p),
		z: new Float64Array(p),
		chol: new Float64Array(p * p),
		index: new Int32Array(p),
		rhs: new Float64Array(p)
	};
}

/**
 * Solve Q_FF z_F = b_F over the free set F (Cholesky), z = 0 elsewhere. Returns false when the
 * block is not positive definite (cannot happen with a ridge > 0, kept as a guard).
 */
function solveFree(Q: Float64Array, b: Float64Array, p: number, w: NnlsWork): boolean {
	const { free, z, chol: L, index, rhs } = w;
	let m = 0;
	for (let j = 0; j < p; j++) if (free[j]) index[m++] = j;
	for (let i = 0; i < m; i++) {
		const qi = index[i] * p;
		for (let j = 0; j <= i; j++) {
			let sum = Q[qi + index[j]];
			for (let k = 0; k < j; k++) sum -= L[i * m + k] * L[j * m + k];
			if (i === j) {
				if (!(sum > 0)) return false;
				L[i * m + i] = Math.sqrt(sum);
			} else L[i * m + j] = sum / L[j * m + j];
		}
	}
	for (let i = 0; i < m; i++) {
		let sum = b[index[i]];
		for (let k = 0; k < i; k++) sum -= L[i * m + k] * rhs[k];
		rhs[i] = sum / L[i * m + i];
	}
	for (let i = m - 1; i >= 0; i--) {
		let sum = rhs[i];
		for (let k = i + 1; k < m; k++) sum -= L[k * m + i] * rhs[k];
		rhs[i] = sum / L[i * m + i];
	}
	z.fill(0);
	for (let i = 0; i < m; i++) z[index[i]] = rhs[i];
	return true;
}

/**
 * Minimise ½ βᵀQβ − bᵀβ with β_j ≥ 0 where `nonNegative[j]` is 1. `Q` is p×p row-major, `beta`
 * receives the solution (its incoming values are ignored: the start is β = 0 on constrained
 * coefficients, which is always feasible). Returns the number of active-set steps, or −1 if the
 * system was singular.
 */
export function solveNonNegative(
	Q: Float64Array,
	b: Float64Array,
	nonNegative: Uint8Array,
	beta: Float64Array,
	w: NnlsWork,
	p = w.p
): number {
	const { free, z } = w;
	for (let j = 0; j < p; j++) {
		free[j] = nonNegative[j] ? 0 : 1;
		beta[j] = 0;
	}
	const maxSteps = 3 * p + 10;
	let steps = 0;
	// Outer loop: add the constrained coefficient whose gradient most wants to grow.
	for (;;) {
		if (!solveFree(Q, b, p, w)) return -1;
		// Inner loop: while the free solution is infeasible, step towards it and release.
		for (;;) {
			let alpha = 1;
			let blocking = -1;
			for (let j = 0; j < p; j++) {
				if (free[j] && nonNegative[j] && z[j] <= 0) {
					const a = beta[j] / (beta[j] - z[j] || 1e-300);
					if (a < alpha) {
						alpha = a;
						blocking = j;
					}
				}
			}
			if (blocking < 0) break;
			for (let j = 0; j < p; j++) beta[j] += alpha * (z[j] - beta[j]);
			for (let j = 0; j < p; j++) {
				if (free[j] && nonNegative[j] && (j === blocking || beta[j] <= 1e-15)) {
					free[j] = 0;
					beta[j] = 0;
				}
			}
			if (++steps > maxSteps || !solveFree(Q, b, p, w)) return -1;
		}
		for (let j = 0; j < p; j++) beta[j] = z[j];
		// KKT: the gradient b − Qβ of every coefficient held at zero must be ≤ 0.
		let best = -1;
		let bestGrad = 1e-12 * (1 + maxAbs(b, p));
		for (let j = 0; j < p; j++) {
			if (free[j]) continue;
			let grad = b[j];
			const row = j * p;
			for (let k = 0; k < p; k++) grad -= Q[row + k] * beta[k];
			if (grad > bestGrad) {
				bestGrad = grad;
				best = j;
			}
		}
		if (best < 0 || ++steps > maxSteps) return steps;
		free[best] = 1;
	}
}

function maxAbs(x: Float64Array, p: number): number {
	let m = 0;
	for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(x[j]));
	return m;
}
