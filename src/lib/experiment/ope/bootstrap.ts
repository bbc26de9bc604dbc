/**
 * Percentile bootstrap intervals for ratio-of-sums estimates (Efron & Tibshirani 1993, §13):
 * resample the n rows with replacement B times, recompute Σu / Σv on each resample, and take
 * the α/2 and 1 − α/2 quantiles of the B values. Every estimator is resampled with the same
 * row draws, so their intervals differ only by what they do with the rows. Seeded.
 */
import type { Rng } from '../../sim/random';
import type { RowTerms } from './estimators';

/** A bootstrap interval for one estimate. */
export interface BootstrapInterval {
	/** Lower and upper percentile bounds, reward units (NaN if too few replicates were defined). */
	lower: number;
	upper: number;
	/** Standard deviation of the replicates: the bootstrap standard error, reward units. */
	standardError: number;
	/** Replicates whose denominator was 0 (e.g. replay with no matching row), left out. */
	undefinedReplicates: number;
}

/** Quantile q of sorted values, linearly interpolated (Hyndman & Fan type 7, R's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const h = (n - 1) * q;
	const lo = Math.floor(h);
	const hi = Math.min(n - 1, lo + 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile intervals at `level` for each set of row terms, from `replicates` resamples drawn
 * from `rng`. `onProgress` is told the share done every few replicates (for a worker's
 * progress bar).
 */
export function bootstrapIntervals(
	terms: readonly RowTerms[],
	n: number,
	replicates: number,
	level: number,
	rng: Rng,
	onProgress?: (done: number) => void
): BootstrapInterval[] {
	const E = terms.length;
	const values = terms.map(() => new Float64Array(replicates));
	const index = new Int32Array(n);
	for (let b = 0; b < replicates; b++) {
		for (let j = 0; j < n; j++) index[j] = Math.floor(rng.next() * n);
		for (let e = 0; e < E; e++) {
			const { numerator, denominator } = terms[e];
			let u = 0;
			if (denominator) {
				let v = 0;
				for (let j = 0; j < n; j++) {
					const i = index[j];
					u += numerator[i];
					v += denominator[i];
				}
				values[e][b] = v > 0 ? u / v : NaN;
			} else {
				for (let j = 0; j < n; j++) u += numerator[index[j]];
				values[e][b] = u / n;
			}
		}
		if (onProgress && (b + 1) % 50 === 0) onProgress((b + 1) / replicates);
	}
	const alpha = 1 - level;
	return values.map((all) => {
		const defined = all.filter((x) => !Number.isNaN(x)).sort();
		const undefinedReplicates = replicates - defined.length;
		let mean = 0;
		for (let i = 0; i < defined.length; i++) mean += defined[i] / defined.length;
		let ss = 0;
		for (let i = 0; i < defined.length; i++) ss += (defined[i] - mean) ** 2;
		// Fewer than 90 % defined replicates would bias the interval toward the lucky resamples.
		const usable = defined.length >= Math.max(2, 0.9 * replicates);
		return {
			lower: usable ? quantileSorted(defined, alpha / 2) : NaN,
			upper: usable ? quantileSorted(defined, 1 - alpha / 2) : NaN,
			standardError: defined.length >= 2 ? Math.sqrt(ss / (defined.length - 1)) : NaN,
			undefinedReplicates
		};
	});
}
