/**
 * Local refinement of all channels' shapes at once: Levenberg–Marquardt on the held-out
 * residuals, with the coefficients re-solved exactly at every step (variable projection, Golub
 * & Pereyra 1973). Coordinate search finds the basin; this walks to its bottom even when channels
 * trade effect between them, which one-channel-at-a-time moves cannot do.
 *
 * Parameters live in the unit cube (see space.ts); steps are clipped to it (projected LM) and
 * the Jacobian is taken by forward differences (backward at the upper bound). Delay stages are
 * discrete and stay as given.
 */
import type { Evaluator } from './evaluator';
import { clampUnit, shapeOf, type ShapeBounds, type ShapePrior, type UnitShape } from './space';

/** Limits of one refinement. */
export interface RefinePlan {
	/** Levenberg–Marquardt iterations at most. */
	iterations: number;
	/** Stop when an accepted step improves the score by less than this share. */
	tolerance: number;
}

/** What the refinement did. */
export interface RefineResult {
	points: UnitShape[];
	score: number;
	evaluations: number;
	iterations: number;
	/** True when it stopped on the tolerance rather than the iteration limit. */
	converged: boolean;
}

/** Evaluations one refinement may use at most, for progress estimates. */
export function refineEvaluations(plan: RefinePlan, C: number): number {
	return plan.iterations * (3 * C + 2);
}

const H = 1e-4;

/** Refine `start`; the evaluator ends at the returned points. */
export async function refineShapes(
	ev: Evaluator,
	start: UnitShape[],
	plan: RefinePlan,
	ctx: {
		bounds: ShapeBounds;
		scales: number[];
		tick: () => Promise<void> | undefined;
		prior?: { shape: ShapePrior; weight: number };
	},
	residualCount: number
): Promise<RefineResult> {
	const C = start.length;
	const n = 3 * C;
	const prior = ctx.prior;
	// The prior enters as one extra residual per coordinate: √σ² · (u − centre) / sd.
	const m = residualCount + (prior ? n : 0);
	const { bounds, scales } = ctx;
	const x = new Float64Array(n);
	start.forEach((point, c) => point.u.forEach((u, d) => (x[3 * c + d] = u)));
	const stages = start.map((point) => point.delayStages);
	const r = new Float64Array(m);
	const rTry = new Float64Array(m);
	const J = new Float64Array(m * n);
	const A = new Float64Array(n * n);
	const g = new Float64Array(n);
	const step = new Float64Array(n);
	const trial = new Float64Array(n);
	let evaluations = 0;

	const pointOf = (c: number, at: Float64Array): UnitShape => ({
		u: [at[3 * c], at[3 * c + 1], at[3 * c + 2]],
		delayStages: stages[c]
	});
	const setAll = (at: Float64Array) => {
		for (let c = 0; c < C; c++) ev.setChannel(c, shapeOf(pointOf(c, at), bounds, scales[c]));
	};
	const tick = async () => {
		evaluations++;
		const pause = ctx.tick();
		if (pause) await pause;
	};

	/** The evaluator's residuals at its current shapes, then the prior's at `at`. */
	const residualsAt = (at: Float64Array, out: Float64Array): number => {
		let sse = ev.residuals(out);
		if (prior) {
			const w = Math.sqrt(prior.weight);
			for (let i = 0; i < n; i++) {
				const d = i % 3;
				const e = (w * (at[i] - prior.shape.center[d])) / prior.shape.sd[d];
				out[residualCount + i] = e;
				sse += e * e;
			}
		}
		return sse;
	};

	setAll(x);
	let sse = residualsAt(x, r);
	await tick();
	let mu = 1e-3;
	let iterations = 0;
	let converged = false;
	while (iterations < plan.iterations && Number.isFinite(sse)) {
		iterations++;
		// Jacobian of the residuals, one channel coordinate at a time.
		for (let i = 0; i < n; i++) {
			const c = Math.floor(i / 3);
			const h = x[i] + H <= 1 ? H : -H;
			const saved = x[i];
			x[i] = saved + h;
			ev.setChannel(c, shapeOf(pointOf(c, x), bounds, scales[c]));
			residualsAt(x, rTry);
			await tick();
			x[i] = saved;
			for (let k = 0; k < m; k++) J[k * n + i] = (rTry[k] - r[k]) / h;
			ev.setChannel(c, shapeOf(pointOf(c, x), bounds, scales[c]));
		}
		// Normal equations JᵀJ and gradient Jᵀr.
		A.fill(0);
		g.fill(0);
		for (let k = 0; k < m; k++) {
			const row = k * n;
			const rk = r[k];
			for (let i = 0; i < n; i++) {
				const ji = J[row + i];
				if (ji === 0) continue;
				g[i] += ji * rk;
				for (let j = 0; j <= i; j++) A[i * n + j] += ji * J[row + j];
			}
		}
		// Coordinates on a bound whose descent direction points outside are held (projected LM).
		for (let i = 0; i < n; i++) {
			if ((x[i] <= 0 && g[i] > 0) || (x[i] >= 1 && g[i] < 0)) {
				for (let j = 0; j < n; j++) {
					A[i * n + j] = 0;
					A[j * n + i] = 0;
				}
				A[i * n + i] = 1;
				g[i] = 0;
			}
		}
		let accepted = false;
		for (let attempt = 0; attempt < 8 && !accepted; attempt++) {
			if (!dampedStep(A, g, mu, n, step)) {
				mu *= 10;
				continue;
			}
			for (let i = 0; i < n; i++) trial[i] = clampUnit(x[i] - step[i]);
			setAll(trial);
			const next = residualsAt(trial, rTry);
			await tick();
			if (next < sse) {
				const gain = (sse - next) / sse;
				x.set(trial);
				r.set(rTry);
				sse = next;
				mu = Math.max(1e-9, mu / 3);
				accepted = true;
				if (gain < plan.tolerance) converged = true;
			} else {
				mu *= 4;
			}
		}
		if (!accepted) {
			setAll(x);
			converged = true;
		}
		if (converged) break;
	}
	const points = Array.from({ length: C }, (_, c) => pointOf(c, x));
	return { points, score: sse, evaluations, iterations, converged };
}

/** Solve (A + μ·diag(A) + μ·ε) δ = g by Cholesky (A holds the lower triangle). */
function dampedStep(A: Float64Array, g: Float64Array, mu: number, n: number, out: Float64Array) {
	const L = new Float64Array(n * n);
	let scale = 0;
	for (let i = 0; i < n; i++) scale = Math.max(scale, A[i * n + i]);
	const floor = 1e-9 * (scale || 1);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let sum = A[i * n + j];
			if (i === j) sum += mu * (A[i * n + i] + floor) + floor;
			for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
			if (i === j) {
				if (!(sum > 0)) return false;
				L[i * n + i] = Math.sqrt(sum);
			} else L[i * n + j] = sum / L[j * n + j];
		}
	}
	for (let i = 0; i < n; i++) {
		let sum = g[i];
		for (let k = 0; k < i; k++) sum -= L[i * n + k] * out[k];
		out[i] = sum / L[i * n + i];
	}
	for (let i = n - 1; i >= 0; i--) {
		let sum = out[i];
		for (let k = i + 1; k < n; k++) sum -= L[k * n + i] * out[k];
		out[i] = sum / L[i * n + i];
	}
	return true;
}
