/**
 * Exact Binomial(n, p) draws by inversion, searching outward from the mode so the cost grows
 * with the standard deviation, not with n (a day of a simulated test can have 100,000 visitors).
 */
import * as pm from '../../sim/portable-math';
import type { Rng } from '../../sim/random';
import { logGamma } from '../../sim/special';

/** One Binomial(n, p) draw from one uniform. */
export function binomial(rng: Rng, n: number, p: number): number {
	if (n <= 0 || p <= 0) return 0;
	if (p >= 1) return n;
	const u = rng.next();
	const q = 1 - p;
	const mode = Math.min(n, Math.floor((n + 1) * p));
	const logPmf = (k: number) =>
		logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * pm.log(p) + (n - k) * pm.log(q);
	// P(X < mode) by walking down, then decide which side u falls on by walking the nearer side.
	const pMode = pm.exp(logPmf(mode));
	let below = 0;
	let pk = pMode;
	const down: number[] = [];
	for (let k = mode; k > 0 && pk > 1e-18 * pMode; k--) {
		pk *= (k * q) / ((n - k + 1) * p);
		down.push(pk);
		below += pk;
	}
	if (u < below) {
		// Walk down from mode − 1 accumulating from the top of the lower part.
		let cdf = below;
		for (let i = 0; i < down.length; i++) {
			cdf -= down[i];
			if (u >= cdf) return mode - 1 - i;
		}
		return mode - down.length;
	}
	let cdf = below;
	pk = pMode;
	for (let k = mode; k < n; k++) {
		cdf += pk;
		if (u < cdf) return k;
		pk *= ((n - k) * p) / ((k + 1) * q);
		if (pk < 1e-18 * pMode) return k + 1;
	}
	return n;
}
