/**
 * Which seed's decisions "Why spend moved" shows. The result carries the logs of the pilot's
 * first seed; any other seed is re-run on demand (workers/seed-log-bridge.ts), with progress and
 * a way to cancel, and remembered while the same pilot is shown.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { PilotConfig } from '$lib/experiment/pilot';
import type { Scenario } from '$lib/sim/scenario';
import type { SeedLogBridge, SeedLogs } from '$lib/workers/seed-log-bridge';
import { isAbortError } from '$lib/workers/worker-client';

/** Policies done of the seed being re-run. */
export interface SeedRerunProgress {
	done: number;
	total: number;
}

export class SeedLogView {
	/** The seed chosen; null: the pilot's first seed (its logs come with the result). */
	chosen = $state<number | null>(null);
	/** The chosen seed's logs by policy id, once re-run (null: the first seed, running or failed). */
	logs = $state.raw<SeedLogs | null>(null);
	/** A re-run is in progress. */
	running = $state(false);
	progress = $state<SeedRerunProgress | null>(null);
	/** Why the last re-run failed, in words (null: it did not). */
	error = $state<string | null>(null);

	readonly #source: Pick<SeedLogBridge, 'logs'>;
	readonly #cache = new SvelteMap<number, SeedLogs>();
	#pilot: { scenario: Scenario; config: PilotConfig } | null = null;
	#abort: AbortController | null = null;

	constructor(source: Pick<SeedLogBridge, 'logs'>) {
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
			this.logs = null;
			return;
		}
		this.chosen = seed;
		const cached = this.#cache.get(seed);
		this.logs = cached ?? null;
		if (cached) return;
		const abort = new AbortController();
		this.#abort = abort;
		this.running = true;
		try {
			const logs = await this.#source.logs(
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
			this.#cache.set(seed, logs);
			this.logs = logs;
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
		this.logs = null;
		this.error = null;
	}

	#settle(): void {
		this.#abort = null;
		this.running = false;
		this.progress = null;
	}
}
