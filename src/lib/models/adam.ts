/**
 * Adam (Kingma & Ba, 2015) on plain Float64Arrays. TF.js computes the gradients; the update and
 * its moments live here as plain numbers, so a training run's whole state is plain data that can
 * be saved mid-run and resumed to the same bits.
 */

/** Adam's moments for a list of parameter arrays, and its step count. */
export interface AdamState {
	/** Steps taken. */
	t: number;
	/** First and second moment per parameter array (same shapes as the parameters). */
	m: Float64Array[];
	v: Float64Array[];
}

/** Adam's hyper-parameters. */
export interface AdamOptions {
	learningRate: number;
	beta1?: number;
	beta2?: number;
	epsilon?: number;
}

/** Fresh moments for parameters of these sizes. */
export function createAdam(sizes: readonly number[]): AdamState {
	return {
		t: 0,
		m: sizes.map((n) => new Float64Array(n)),
		v: sizes.map((n) => new Float64Array(n))
	};
}

/** One Adam step: `params[i] -= lr · m̂ / (√v̂ + ε)` from gradients `grads[i]` (in place). */
export function adamStep(
	state: AdamState,
	params: Float64Array[],
	grads: ArrayLike<number>[],
	options: AdamOptions
): void {
	const { learningRate: lr, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
	state.t++;
	const c1 = 1 - Math.pow(beta1, state.t);
	const c2 = 1 - Math.pow(beta2, state.t);
	for (let p = 0; p < params.length; p++) {
		const x = params[p];
		const g = grads[p];
		const m = state.m[p];
		const v = state.v[p];
		for (let i = 0; i < x.length; i++) {
			m[i] = beta1 * m[i] + (1 - beta1) * g[i];
			v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
			x[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
		}
	}
}
