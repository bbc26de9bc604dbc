/**
 * Which seed the report's per-seed charts show (why spend moved, creative fatigue, LTV cohorts).
 * The result carries the pilot's first seed; any other seed is run again on demand
 * (workers/seed-view-bridge.ts), with progress and a way to cancel, and remembered while the
 * same pilot is shown.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { PilotConfig } from '$lib/experiment/pilot';
import type { Scenario } from '$lib/sim/scenario';
import type { SeedView, SeedViewBridge } from '$lib/workers/seed-view-bridge';
import { isAbortError } from '$lib/workers/worker-client';

/** Policies done of the seed being run again. */
export interface SeedRerunProgress {
	done: number;
	total: number;
}

export class SeedChoice {
	/** The seed chosen; null: the pilot's first seed (it comes with the result). */
	chosen = $state<number | null>(null);
	/** The chosen seed's logs and detail, once run again (null: the first seed, running or failed). */
	view = $state.raw<SeedView | null>(null);
	/** A re-run is in progress. */
	running = $state(false);
	progress = $state<SeedRerunProgress | null>(null);
	/** Why the last re-run failed, in words (null: it did not). */
	error = $state<string | null>(null);

	readonly #source: Pick<SeedViewBridge, 'view'>;
	readonly #cache = new SvelteMap<number, SeedView>();
	#pilot: { scenario: Scenario; config: PilotConfig } | null = null;
	#abort: AbortController | null = null;

	constructor(source: Pick<SeedViewBridge, 'view'>) {
		this.#source = source;
	}

	/**
	 * Show `seed` of the pilot of `scenario` and `config`; `first` is the seed whose logs the
	 * result holds. Another pilot (other scenario or config objects) forgets the seeds re-run.
	 */
	async choose(
		seed: number,
		scenario: Scenario,
		config: PilotConfig,
		first: number
	): Promise<void> {
		this.follow(scenario, config);
		this.cancel();
		this.error = null;
		if (seed === first) {
			this.chosen = null;
			this.view = null;
			return;
		}
		this.chosen = seed;
		const cached = this.#cache.get(seed);
		this.view = cached ?? null;
		if (cached) return;
		const abort = new AbortController();
		this.#abort = abort;
		this.running = true;
		try {
			const view = await this.#source.view(
				$state.snapshot(scenario),
				$state.snapshot(config),
				seed,
				{
					signal: abort.signal,
					onProgress: (done, total) => {
						if (this.#abort === abort) this.progress = { done, total };
					}
				}
			);
			if (this.#abort !== abort) return;
			this.#cache.set(seed, view);
			this.view = view;
		} catch (error) {
			if (this.#abort !== abort) return;
			if (isAbortError(error)) this.chosen = null;
			else {
				const reason = error instanceof Error ? error.message : String(error);
				this.error = `Seed ${seed} could not be run again: ${reason}`;
			}
		} finally {
			if (this.#abort === abort) this.#settle();
		}
	}

	/** What a per-seed chart draws: its input for the first seed, or the chosen seed's. */
	shown<T>(first: T, again: T | undefined): T | undefined {
		return this.chosen === null ? first : again;
	}

	/** A re-run is in progress or failed: its status stands in for the per-seed charts. */
	get busy(): boolean {
		return this.running || this.error !== null;
	}

	/** Stop a re-run in progress and go back to the first seed. */
	cancel(): void {
		const abort = this.#abort;
		if (!abort) return;
		this.#settle();
		this.chosen = null;
		abort.abort();
	}

	/** Follow the pilot shown: a different one forgets what was chosen and re-run for the last. */
	follow(scenario: Scenario, config: PilotConfig): void {
		if (this.#pilot?.scenario === scenario && this.#pilot.config === config) return;
		this.cancel();
		this.#cache.clear();
		this.#pilot = { scenario, config };
		this.chosen = null;
		this.view = null;
		this.error = null;
	}

	#settle(): void {
		this.#abort = null;
		this.running = false;
		this.progress = null;
	}
}

/** The seeds a report can show: the pilot's first (kept with the run) and every finished one. */
export function seedOptions(
	finished: readonly number[],
	first: number
): { value: number; label: string }[] {
	const seeds = finished.includes(first) ? finished : [first, ...finished];
	return seeds.map((s) => ({
		value: s,
		label: s === first ? `${s} (kept with the run)` : String(s)
	}));
}
