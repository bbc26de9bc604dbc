/**
 * Disjoint ridge regressions, one per arm (Li et al. 2010, "A contextual-bandit approach to
 * personalized news article recommendation", §3.1): arm k predicts reward = xᵀθₖ with
 *
 *     Aₖ = λ·I + Σ w·x·xᵀ,   bₖ = Σ w·r·x,   θ̂ₖ = Aₖ⁻¹·bₖ.
 *
 * Aₖ is kept as its Cholesky factor and updated by rank-one updates, so an observation costs
 * O(d²) and so do the estimate xᵀθ̂, the confidence width √(xᵀA⁻¹x) and a posterior draw
 * θ̂ + s·L⁻ᵀz (covariance s²·A⁻¹). The shared engine of LinUCB and LinTS.
 */
import type { Rng } from '../../sim/random';
import { checkLength } from './arm-means';
import {
	choleskyRankOneUpdate,
	choleskySolve,
	dot,
	solveLower,
	solveLowerTransposed
} from './linear';
import { standardNormal } from './samplers';

/** Plain-data state of the per-arm regressions. */
export interface RidgeState {
	/** Cholesky factor of Aₖ per arm, row-major d × d each [arms·d·d]. */
	factor: number[];
	/** bₖ per arm [arms·d]. */
	b: number[];
	/** θ̂ₖ per arm [arms·d] (kept, not re-solved, so a restored run decides bit for bit alike). */
	theta: number[];
	/** Total weight of observations per arm. */
	weight: number[];
	/** Σ w·r² per arm, reward units² (for the residual standard deviation). */
	sumSquares: number[];
}

/** One ridge regression per arm over d context features. */
export class RidgeArms {
	private readonly factor: Float64Array;
	private readonly b: Float64Array;
	private readonly theta: Float64Array;
	private readonly weight: Float64Array;
	private readonly sumSquares: Float64Array;
	// Per-arm views, made once so the hot paths do not allocate.
	private readonly factorOf: Float64Array[];
	private readonly bOf: Float64Array[];
	private readonly thetaOf: Float64Array[];
	private readonly scratch: Float64Array;
	private readonly scratch2: Float64Array;

	constructor(
		readonly arms: number,
		/** Context features d. */
		readonly dimension: number,
		/** λ, the ridge penalty (prior precision in units of the noise variance), > 0. */
		readonly l2: number
	) {
		if (!Number.isInteger(arms) || arms < 1) {
			throw new RangeError(`a bandit needs a whole number of arms ≥ 1, got ${arms}`);
		}
		if (!Number.isInteger(dimension) || dimension < 1) {
			throw new RangeError(
				`a linear bandit needs a whole number of features ≥ 1, got ${dimension}`
			);
		}
		const d = dimension;
		this.factor = new Float64Array(arms * d * d);
		this.b = new Float64Array(arms * d);
		this.theta = new Float64Array(arms * d);
		this.weight = new Float64Array(arms);
		this.sumSquares = new Float64Array(arms);
		this.factorOf = Array.from({ length: arms }, (_, k) =>
			this.factor.subarray(k * d * d, (k + 1) * d * d)
		);
		this.bOf = Array.from({ length: arms }, (_, k) => this.b.subarray(k * d, (k + 1) * d));
		this.thetaOf = Array.from({ length: arms }, (_, k) => this.theta.subarray(k * d, (k + 1) * d));
		this.scratch = new Float64Array(d);
		this.scratch2 = new Float64Array(d);
		const root = Math.sqrt(l2);
		for (let k = 0; k < arms; k++) for (let i = 0; i < d; i++) this.factorOf[k][i * d + i] = root;
	}

	/** Learn `reward` at context `x` [d] on `arm`, counted `weight` times (> 0). */
	update(arm: number, x: ArrayLike<number>, reward: number, weight = 1): void {
		if (!(weight > 0) || !Number.isFinite(reward)) return;
		const d = this.dimension;
		const root = Math.sqrt(weight);
		const b = this.bOf[arm];
		for (let i = 0; i < d; i++) {
			this.scratch[i] = root * x[i];
			b[i] += weight * reward * x[i];
		}
		choleskyRankOneUpdate(this.factorOf[arm], d, this.scratch);
		choleskySolve(this.factorOf[arm], d, b, this.thetaOf[arm]);
		this.weight[arm] += weight;
		this.sumSquares[arm] += weight * reward * reward;
	}

	/** Predicted reward xᵀθ̂ of `arm`. */
	estimate(arm: number, x: ArrayLike<number>): number {
		return dot(x, this.thetaOf[arm], this.dimension);
	}

	/** Confidence width √(xᵀA⁻¹x) of `arm` at x (in units of the reward noise). */
	width(arm: number, x: ArrayLike<number>): number {
		const y = solveLower(this.factorOf[arm], this.dimension, x, this.scratch);
		return Math.sqrt(dot(y, y, this.dimension));
	}

	/** A posterior draw θ̃ = θ̂ + scale·L⁻ᵀz of `arm`'s coefficients into `out` [d]. */
	drawTheta(arm: number, rng: Rng, scale: number, out: Float64Array): Float64Array {
		const d = this.dimension;
		for (let i = 0; i < d; i++) this.scratch2[i] = standardNormal(rng);
		solveLowerTransposed(this.factorOf[arm], d, this.scratch2, this.scratch2);
		const theta = this.thetaOf[arm];
		for (let i = 0; i < d; i++) out[i] = theta[i] + scale * this.scratch2[i];
		return out;
	}

	/** A copy of θ̂ of `arm`. */
	coefficients(arm: number): Float64Array {
		return Float64Array.from(this.thetaOf[arm]);
	}

	/** Total weight of `arm`'s observations. */
	count(arm: number): number {
		return this.weight[arm];
	}

	/**
	 * Residual standard deviation of `arm`'s fit, reward units: √(RSS / max(1, n − d)) with
	 * RSS = Σw·r² − θ̂ᵀb − λ·|θ̂|² (exact for ridge, since A·θ̂ = b). NaN before any data.
	 */
	residualSd(arm: number): number {
		const n = this.weight[arm];
		if (!(n > 0)) return NaN;
		const theta = this.thetaOf[arm];
		const d = this.dimension;
		const rss =
			this.sumSquares[arm] - dot(theta, this.bOf[arm], d) - this.l2 * dot(theta, theta, d);
		return Math.sqrt(Math.max(0, rss) / Math.max(1, n - d));
	}

	/** The learned state as plain data (JSON-safe). */
	getState(): RidgeState {
		return {
			factor: Array.from(this.factor),
			b: Array.from(this.b),
			theta: Array.from(this.theta),
			weight: Array.from(this.weight),
			sumSquares: Array.from(this.sumSquares)
		};
	}

	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: RidgeState): void {
		const d = this.dimension;
		checkLength(state.factor, this.arms * d * d, 'factor');
		checkLength(state.b, this.arms * d, 'b');
		checkLength(state.theta, this.arms * d, 'theta');
		checkLength(state.weight, this.arms, 'weight');
		checkLength(state.sumSquares, this.arms, 'sumSquares');
		this.factor.set(state.factor);
		this.b.set(state.b);
		this.theta.set(state.theta);
		this.weight.set(state.weight);
		this.sumSquares.set(state.sumSquares);
	}
}
