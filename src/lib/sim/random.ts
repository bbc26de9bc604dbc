/**
 * Seeded, splittable random streams.
 *
 * The generator is pure-rand's xoroshiro128+; streams are split with its `jump()` (2^64 draws
 * apart), so the market's demand shocks, observation noise and creative refreshes each have a
 * stream of their own. Every sampler here takes exactly ONE uniform per draw (inversion), so two
 * allocators run on the same seed consume the streams in lock-step and face the same market
 * draws (common random numbers) — and a larger mean always gives a larger-or-equal draw.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { fastNormalQuantile, normalQuantile } from './normal';
import * as pm from './portable-math';

/** A mutable random stream. `next()` returns a uniform in the open interval (0, 1). */
export interface Rng {
	next(): number;
	/** The generator state as plain numbers (to save and resume a run). */
	state(): number[];
}

const TWO_POW_M32 = 2 ** -32;

class XoroshiroStream implements Rng {
	constructor(private readonly g: ReturnType<typeof xoroshiro128plus>) {}
	next(): number {
		// 32 random bits, centred in their bucket: never exactly 0 or 1.
		return ((this.g.next() >>> 0) + 0.5) * TWO_POW_M32;
	}
	state(): number[] {
		return [...this.g.getState()];
	}
}

/** Stream `index` of `seed`: the seed's generator jumped `index` times. */
export function createStream(seed: number, index = 0): Rng {
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
		throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
	}
	const g = xoroshiro128plus(seed | 0);
	// Warm up: xoroshiro seeded from a small integer starts in a low-entropy state.
	for (let i = 0; i < 16; i++) g.next();
	for (let i = 0; i < index; i++) g.jump();
	return new XoroshiroStream(g);
}

/** Restore a stream saved with `state()`. */
export function streamFromState(state: readonly number[]): Rng {
	return new XoroshiroStream(xoroshiro128plusFromState(state));
}

/** A standard normal draw (one uniform, by inversion). */
export function normal(rng: Rng): number {
	return normalQuantile(rng.next());
}

/**
 * A Poisson(λ) draw from a single uniform: exact inversion for λ < 12, a continuity-corrected
 * normal approximation above (counts in the hundreds or thousands per cell, where it is
 * indistinguishable). Monotone in λ for a fixed uniform, which keeps paired comparisons tight.
 */
export function poisson(rng: Rng, lambda: number): number {
	return poissonFromUniform(rng.next(), lambda);
}

/** The Poisson(λ) quantile at u (see `poisson`). */
export function poissonFromUniform(u: number, lambda: number): number {
	if (!(lambda > 0)) return 0;
	if (lambda < 12) {
		let k = 0;
		let p = pm.exp(-lambda);
		let cdf = p;
		while (u > cdf && k < 200) {
			k++;
			p *= lambda / k;
			cdf += p;
		}
		return k;
	}
	const x = Math.floor(lambda + Math.sqrt(lambda) * fastNormalQuantile(u) + 0.5);
	return x > 0 ? x : 0;
}

/** A 32-bit FNV-1a hash of a string, for deriving sub-seeds from names. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
