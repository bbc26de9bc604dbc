/** The drift watch on the models page: run the weekly KS checks in the models worker. */
import type { DriftWatchResult } from '../models/drift-watch';
import type { ModelsBridge } from '../workers/models-bridge';
import type { ModelsPage } from './models-page.svelte';

/** Pilot days the watch simulates (half a year keeps it to a second or two). */
export const DRIFT_WATCH_DAYS = 182;

export class DriftPanel {
	readonly #page: ModelsPage;
	readonly #bridge: ModelsBridge;
	plantShift = $state(true);
	running = $state(false);
	result = $state.raw<DriftWatchResult | null>(null);

	constructor(page: ModelsPage, bridge: ModelsBridge) {
		this.#page = page;
		this.#bridge = bridge;
	}

	/** Simulate the page's scenario and seed and run the checks. */
	async run(): Promise<void> {
		const scenario = await this.#page.resolveScenario(this.#page.scenarioKey);
		if (!scenario) return;
		this.running = true;
		this.result = null;
		try {
			this.result = await this.#bridge.driftWatch({
				scenario,
				seed: this.#page.seed,
				days: DRIFT_WATCH_DAYS,
				plantShift: this.plantShift
			});
		} catch (error) {
			this.#page.error = `The drift check failed: ${(error as Error).message}`;
		} finally {
			this.running = false;
		}
	}
}
