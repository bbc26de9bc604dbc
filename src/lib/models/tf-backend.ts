/**
 * Picking TF.js's backend where models train (a worker, or node in tests): WebAssembly first
 * (fast and deterministic for small networks), then WebGL, then the plain CPU backend. A backend
 * is kept only if it initialises and computes a gradient correctly; the choice is made once.
 */
import * as tf from '@tensorflow/tfjs';

/** Backends in order of preference. */
export const BACKEND_PREFERENCE = ['wasm', 'webgl', 'cpu'] as const;

let chosen: Promise<string> | null = null;

/** Whether the active backend computes d/dx Σ tanh(x·2) right (a smoke test of the kernels used). */
function gradientWorks(): boolean {
	return tf.tidy(() => {
		const x = tf.tensor1d([0.1, -0.3]);
		const g = tf
			.grad((v: tf.Tensor) => tf.sum(tf.tanh(tf.mul(v, 2))))(x)
			.dataSync();
		const expected = (v: number) => 2 * (1 - Math.tanh(2 * v) ** 2);
		return Math.abs(g[0] - expected(0.1)) < 1e-4 && Math.abs(g[1] - expected(-0.3)) < 1e-4;
	});
}

/**
 * Select the first backend of `preference` that works and return its name. `prepare` runs
 * before trying a backend (e.g. to register WASM with its file paths).
 */
export function chooseBackend(
	preference: readonly string[] = BACKEND_PREFERENCE,
	prepare: (name: string) => Promise<void> | void = () => {}
): Promise<string> {
	chosen ??= (async () => {
		for (const name of preference) {
			try {
				await prepare(name);
				if (!(await tf.setBackend(name))) continue;
				await tf.ready();
				if (gradientWorks()) return name;
			} catch {
				// Not available here (no WebGL context, no WebAssembly): try the next one.
			}
		}
		await tf.setBackend('cpu');
		return 'cpu';
	})();
	return chosen;
}
