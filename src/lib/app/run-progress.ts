/**
 * Progress of a pilot in work units a user can count — policies × seeds run — with an estimate
 * of the time left. Pure; the pool feeds it and the page shows it.
 */

/** Where a pilot stands. */
export interface PilotProgress {
	/** Policy runs finished (a seed runs every policy, the oracle included). */
	runsDone: number;
	/** Policy runs in the pilot: policies × seeds. */
	runs: number;
	/** Seeds finished, and in the pilot. */
	seedsDone: number;
	seeds: number;
	/** Wall time since the pilot started, ms. */
	elapsedMs: number;
	/** Estimated wall time left, ms; null until one seed's worth of runs is done. */
	remainingMs: number | null;
}

/**
 * Time left at the pace so far: elapsed × (runs left ÷ runs done). Policies differ in cost, so
 * there is no estimate before a seed's worth of runs is done (each seed mixes them alike).
 */
export function remainingMs(
	runsDone: number,
	runs: number,
	elapsedMs: number,
	runsPerSeed: number
): number | null {
	if (runsDone >= runs) return 0;
	if (runsDone < Math.max(1, runsPerSeed) || elapsedMs <= 0) return null;
	return (elapsedMs * (runs - runsDone)) / runsDone;
}

/** Tracks finished policy runs per seed as workers report them. */
export class ProgressTracker {
	readonly #runsPerSeed: number;
	readonly #seeds: number;
	readonly #started: number;
	/** Policy runs done per seed. */
	readonly #done = new Map<number, number>();
	/** Seeds finished. */
	readonly #counted = new Set<number>();
	#seedsDone = 0;

	/**
	 * @param runsPerSeed policies per seed (the oracle included)
	 * @param seeds seeds in the pilot
	 * @param started the start time, ms (performance.now())
	 */
	constructor(runsPerSeed: number, seeds: number, started: number) {
		this.#runsPerSeed = runsPerSeed;
		this.#seeds = seeds;
		this.#started = started;
	}

	/** Record that `done` policies of `seed` have run. */
	policyDone(seed: number, done: number): void {
		this.#done.set(seed, Math.max(this.#done.get(seed) ?? 0, Math.min(done, this.#runsPerSeed)));
	}

	/** Record a finished seed. */
	seedDone(seed: number): void {
		this.#done.set(seed, this.#runsPerSeed);
		if (!this.#counted.has(seed)) {
			this.#counted.add(seed);
			this.#seedsDone++;
		}
	}

	/** Forget a seed's partial runs (its worker was stopped; the seed will start over). */
	restart(seed: number): void {
		if (!this.#counted.has(seed)) this.#done.delete(seed);
	}

	/** The progress at time `now`, ms. */
	at(now: number): PilotProgress {
		let runsDone = 0;
		for (const done of this.#done.values()) runsDone += done;
		const runs = this.#runsPerSeed * this.#seeds;
		const elapsedMs = Math.max(0, now - this.#started);
		return {
			runsDone,
			runs,
			seedsDone: this.#seedsDone,
			seeds: this.#seeds,
			elapsedMs,
			remainingMs: remainingMs(runsDone, runs, elapsedMs, this.#runsPerSeed)
		};
	}
}

/** "about 40 s left", "about 2 min left", "less than 5 s left"; "estimating…" while unknown. */
export function formatRemaining(ms: number | null): string {
	if (ms === null) return 'estimating time left…';
	const s = ms / 1000;
	if (s < 5) return 'less than 5 s left';
	if (s < 60) return `about ${Math.round(s / 5) * 5} s left`;
	const min = Math.round(s / 60);
	return `about ${min} min left`;
}
