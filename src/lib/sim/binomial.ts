/**
 * Binomial draws from one uniform each, in the style of `poissonFromUniform` (random.ts): exact
 * inversion while the smaller tail's mean is under 12, a continuity-corrected normal
 * approximation above (order counts in the hundreds, where the two cannot be told apart).
 * The market uses it to split a day's sampled repeat orders over customers' tenure bands
 * without drawing them again (a Poisson total split binomially is independent Poissons).
 */
import { fastNormalQuantile } from './normal';
import * as pm from './portable-math';

/** The Binomial(n, p) quantile at u ∈ (0, 1); n a non-negative integer. */
export function binomialFromUniform(u: number, n: number, p: number): number {
	if (!(n > 0) || !(p > 0)) return 0;
	if (p >= 1) return n;
	// Work with the smaller probability so the inversion walks the short tail.
	const flip = p > 0.5;
	const q = flip ? 1 - p : p;
	// Failures' quantile at 1 − u: the count stays monotone in u.
	const v = flip ? 1 - u : u;
	const mean = n * q;
	let k: number;
	if (mean < 12) {
		const odds = q / (1 - q);
		let f = pm.pow(1 - q, n);
		let cdf = f;
		k = 0;
		while (v > cdf && k < n) {
			f *= (odds * (n - k)) / (k + 1);
			k++;
			cdf += f;
		}
	} else {
		const x = Math.floor(mean + Math.sqrt(mean * (1 - q)) * fastNormalQuantile(v) + 0.5);
		k = x < 0 ? 0 : x > n ? n : x;
	}
	return flip ? n - k : k;
}
