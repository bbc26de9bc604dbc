/**
 * Running mean reward per arm, weighted: the sufficient statistics of ε-greedy and UCB1 (and
 * the spread of the rewards, for the standard error an allocator reports). A weight is how many
 * observations one update counts for (1 for a single pull).
 */

/** Plain-data state of `ArmMeans`. */
export interface ArmMeansState {
	/** Total weight of the observations per arm (pulls, when every weight is 1). */
	counts: number[];
	/** Weighted mean reward per arm, reward units (0 for an arm never pulled). */
	means: number[];
	/** Weighted sum of squared deviations from the mean per arm, reward units². */
	m2: number[];
	/** Total weight over all arms (kept, not re-summed, so a restored run decides bit for bit alike). */
	total: number;
}

/** Weighted running means over `arms` arms. */
export class ArmMeans {
	/** Total weight per arm. */
	readonly counts: Float64Array;
	/** Weighted mean reward per arm. */
	readonly means: Float64Array;
	/** Weighted sum of squared deviations per arm. */
	readonly m2: Float64Array;
	/** Total weight over all arms (the t of UCB1). */
	total = 0;

	constructor(readonly arms: number) {
		if (!Number.isInteger(arms) || arms < 1) {
			throw new RangeError(`a bandit needs a whole number of arms ≥ 1, got ${arms}`);
		}
		this.counts = new Float64Array(arms);
		this.means = new Float64Array(arms);
		this.m2 = new Float64Array(arms);
	}

	/** Add one observation of `reward` on `arm` counting `weight` times (weight ≥ 0). */
	add(arm: number, reward: number, weight = 1): void {
		if (!(weight > 0) || !Number.isFinite(reward)) return;
		const n = this.counts[arm] + weight;
		const delta = reward - this.means[arm];
		this.counts[arm] = n;
		this.means[arm] += (weight / n) * delta;
		this.m2[arm] += weight * delta * (reward - this.means[arm]);
		this.total += weight;
	}

	/**
	 * Standard error of `arm`'s mean, reward units: √(M2 / n) / √n, treating the weight as the
	 * number of observations; NaN before two units of weight.
	 */
	standardError(arm: number): number {
		const n = this.counts[arm];
		return n >= 2 ? Math.sqrt(this.m2[arm] / (n - 1) / n) : NaN;
	}

	/** The arm with the highest mean among those pulled (first on ties); -1 if none was. */
	best(): number {
		let best = -1;
		for (let k = 0; k < this.arms; k++) {
			if (this.counts[k] > 0 && (best < 0 || this.means[k] > this.means[best])) best = k;
		}
		return best;
	}

	/** The first arm never pulled, or -1. */
	untried(): number {
		for (let k = 0; k < this.arms; k++) if (this.counts[k] === 0) return k;
		return -1;
	}

	/** The learned state as plain data (JSON-safe). */
	getState(): ArmMeansState {
		return {
			counts: Array.from(this.counts),
			means: Array.from(this.means),
			m2: Array.from(this.m2),
			total: this.total
		};
	}

	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: ArmMeansState): void {
		checkLength(state.counts, this.arms, 'counts');
		checkLength(state.means, this.arms, 'means');
		checkLength(state.m2, this.arms, 'm2');
		this.counts.set(state.counts);
		this.means.set(state.means);
		this.m2.set(state.m2);
		this.total = state.total;
	}
}

/** Throw a readable error when saved state does not fit the bandit it is loaded into. */
export function checkLength(values: readonly number[], length: number, field: string): void {
	if (!Array.isArray(values) || values.length !== length) {
		throw new RangeError(
			`saved bandit state does not fit: ${field} has ${Array.isArray(values) ? values.length : 'no'} entries, expected ${length}`
		);
	}
}
