/**
 * Bayesian linear regression with a Gaussian prior, updated from sufficient statistics and
 * sampled for Thompson sampling. y = Xθ + ε, ε ~ N(0, σ²), θ ~ N(μ₀, diag(τ₀²)).
 *
 * σ² is estimated from the residuals (with a weak prior), then treated as known: the posterior
 * of θ is N(m, Λ⁻¹) with Λ = XᵀX/σ² + diag(1/τ₀²) and m = Λ⁻¹(Xᵀy/σ² + μ₀/τ₀²).
 * Dense matrices are row-major Float64Arrays; P is small (tens), so O(P³) is cheap.
 */
import { normal, type Rng } from '../sim/random';

/** Sufficient statistics and prior of one regression (plain data: serializable). */
export interface BayesLinearState {
	/** Number of coefficients. */
	P: number;
	/** Observations seen. */
	n: number;
	/** XᵀX [P·P], Xᵀy [P], yᵀy. */
	xtx: number[];
	xty: number[];
	yty: number;
	/** Prior mean and standard deviation per coefficient [P]. */
	priorMean: number[];
	priorSd: number[];
	/** Prior guess of the noise standard deviation, and its weight in pseudo-observations. */
	noiseSd: number;
	noiseWeight: number;
}

export function createBayesLinear(
	priorMean: number[],
	priorSd: number[],
	noiseSd: number,
	noiseWeight = 5
): BayesLinearState {
	const P = priorMean.length;
	return {
		P,
		n: 0,
		xtx: new Array(P * P).fill(0),
		xty: new Array(P).fill(0),
		yty: 0,
		priorMean: [...priorMean],
		priorSd: [...priorSd],
		noiseSd,
		noiseWeight
	};
}

/** Add one observation (features x, response y, weight w — e.g. a discount for old data). */
export function addObservation(
	state: BayesLinearState,
	x: ArrayLike<number>,
	y: number,
	weight = 1
): void {
	const { P, xtx, xty } = state;
	for (let i = 0; i < P; i++) {
		const xi = x[i] * weight;
		if (xi === 0) continue;
		for (let j = 0; j < P; j++) xtx[i * P + j] += xi * x[j];
		xty[i] += xi * y;
	}
	state.yty += weight * y * y;
	state.n += weight;
}

/** Multiply all accumulated evidence by `factor` (< 1 forgets old data: non-stationarity). */
export function discount(state: BayesLinearState, factor: number): void {
	for (let i = 0; i < state.xtx.length; i++) state.xtx[i] *= factor;
	for (let i = 0; i < state.xty.length; i++) state.xty[i] *= factor;
	state.yty *= factor;
	state.n *= factor;
}

/** In-place Cholesky factor L (lower) of a symmetric positive-definite matrix; returns false if not SPD. */
export function cholesky(a: Float64Array, P: number): boolean {
	for (let j = 0; j < P; j++) {
		let d = a[j * P + j];
		for (let k = 0; k < j; k++) d -= a[j * P + k] * a[j * P + k];
		if (!(d > 0)) return false;
		const root = Math.sqrt(d);
		a[j * P + j] = root;
		for (let i = j + 1; i < P; i++) {
			let s = a[i * P + j];
			for (let k = 0; k < j; k++) s -= a[i * P + k] * a[j * P + k];
			a[i * P + j] = s / root;
		}
		for (let k = j + 1; k < P; k++) a[j * P + k] = 0;
	}
	return true;
}

/** Solve L Lᵀ x = b given the Cholesky factor L, in place in b. */
export function choleskySolve(l: Float64Array, P: number, b: Float64Array): Float64Array {
	for (let i = 0; i < P; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= l[i * P + k] * b[k];
		b[i] = s / l[i * P + i];
	}
	for (let i = P - 1; i >= 0; i--) {
		let s = b[i];
		for (let k = i + 1; k < P; k++) s -= l[k * P + i] * b[k];
		b[i] = s / l[i * P + i];
	}
	return b;
}

/** The posterior: mean, Cholesky factor of the precision, and the noise sd used. */
export interface Posterior {
	P: number;
	mean: Float64Array;
	/** Lower Cholesky factor of the posterior precision Λ. */
	precisionFactor: Float64Array;
	noiseSd: number;
}

function precisionAndRhs(
	state: BayesLinearState,
	sigma2: number
): { lambda: Float64Array; rhs: Float64Array } {
	const { P } = state;
	const lambda = new Float64Array(P * P);
	const rhs = new Float64Array(P);
	for (let i = 0; i < P; i++) {
		for (let j = 0; j < P; j++) lambda[i * P + j] = state.xtx[i * P + j] / sigma2;
		const prior = 1 / (state.priorSd[i] * state.priorSd[i]);
		lambda[i * P + i] += prior;
		rhs[i] = state.xty[i] / sigma2 + state.priorMean[i] * prior;
	}
	return { lambda, rhs };
}

/** Compute the posterior (two passes: estimate σ² from the residuals at the first mean). */
export function posterior(state: BayesLinearState): Posterior {
	const { P } = state;
	let sigma2 = state.noiseSd * state.noiseSd;
	let mean: Float64Array = new Float64Array(P);
	let factor: Float64Array = new Float64Array(P * P);
	for (let pass = 0; pass < 2; pass++) {
		const { lambda, rhs } = precisionAndRhs(state, sigma2);
		factor = lambda;
		if (!cholesky(factor, P)) throw new Error('posterior precision is not positive definite');
		mean = choleskySolve(factor, P, rhs);
		const rss = residualSumOfSquares(state, mean);
		const prior = state.noiseWeight * state.noiseSd * state.noiseSd;
		sigma2 = (Math.max(rss, 0) + prior) / (state.n + state.noiseWeight);
	}
	return { P, mean, precisionFactor: factor, noiseSd: Math.sqrt(sigma2) };
}

/** Residual sum of squares at coefficients m: yᵀy − 2 mᵀXᵀy + mᵀXᵀXm (from the sufficient statistics). */
function residualSumOfSquares(state: BayesLinearState, m: ArrayLike<number>): number {
	const { P } = state;
	let rss = state.yty;
	for (let i = 0; i < P; i++) {
		rss -= 2 * m[i] * state.xty[i];
		let row = 0;
		for (let j = 0; j < P; j++) row += state.xtx[i * P + j] * m[j];
		rss += m[i] * row;
	}
	return rss;
}

/** Scratch of `posteriorNoiseSd`, grown to the largest P seen (it runs to completion). */
let scratch = { lambda: new Float64Array(0), rhs: new Float64Array(0) };

/**
 * `posterior(state).noiseSd` without building the posterior: the same arithmetic in reused
 * buffers, for searches that score many candidate designs by their residual noise alone.
 */
export function posteriorNoiseSd(state: BayesLinearState): number {
	const { P } = state;
	if (scratch.rhs.length < P)
		scratch = { lambda: new Float64Array(P * P), rhs: new Float64Array(P) };
	const { lambda, rhs } = scratch;
	let sigma2 = state.noiseSd * state.noiseSd;
	for (let pass = 0; pass < 2; pass++) {
		for (let i = 0; i < P; i++) {
			for (let j = 0; j < P; j++) lambda[i * P + j] = state.xtx[i * P + j] / sigma2;
			const prior = 1 / (state.priorSd[i] * state.priorSd[i]);
			lambda[i * P + i] += prior;
			rhs[i] = state.xty[i] / sigma2 + state.priorMean[i] * prior;
		}
		if (!cholesky(lambda, P)) throw new Error('posterior precision is not positive definite');
		const rss = residualSumOfSquares(state, choleskySolve(lambda, P, rhs));
		const prior = state.noiseWeight * state.noiseSd * state.noiseSd;
		sigma2 = (Math.max(rss, 0) + prior) / (state.n + state.noiseWeight);
	}
	return Math.sqrt(sigma2);
}

/** A draw θ ~ N(m, Λ⁻¹): θ = m + L⁻ᵀ z with z standard normal. */
export function sampleCoefficients(
	post: Posterior,
	rng: Rng,
	out = new Float64Array(post.P)
): Float64Array {
	const { P, precisionFactor: l, mean } = post;
	const z = new Float64Array(P);
	for (let i = 0; i < P; i++) z[i] = normal(rng);
	// Back-substitute Lᵀ v = z.
	for (let i = P - 1; i >= 0; i--) {
		let s = z[i];
		for (let k = i + 1; k < P; k++) s -= l[k * P + i] * z[k];
		z[i] = s / l[i * P + i];
	}
	for (let i = 0; i < P; i++) out[i] = mean[i] + z[i];
	return out;
}

/** Posterior standard deviation of a linear combination aᵀθ: ‖L⁻¹a‖. */
export function combinationSd(post: Posterior, a: ArrayLike<number>): number {
	const { P, precisionFactor: l } = post;
	const v = new Float64Array(P);
	let sum = 0;
	for (let i = 0; i < P; i++) {
		let s = a[i];
		for (let k = 0; k < i; k++) s -= l[i * P + k] * v[k];
		v[i] = s / l[i * P + i];
		sum += v[i] * v[i];
	}
	return Math.sqrt(sum);
}
