/**
 * UI state of the calibrated twin: a Marginal scenario built from the fit (twinScenario), the
 * list of what it had to assume, and saving it to IndexedDB so the Lab can open it with
 * `/?scenario=<id>`. The raw data never goes into the scenario, only fitted curves and shapes.
 */
import type { Dataset } from '$lib/data/dataset';
import type { MmmFit, TwinResult } from '$lib/data/mmm';
import type { ScenarioRecord, ScenarioToSave, Stored } from '$lib/storage';

/**
 * What the state needs: the worker's twinScenario (mmm-bridge.ts) and storage, or fakes in
 * tests. Aborting `signal` cancels a twin that is no longer wanted (rejecting is fine).
 */
export interface TwinMaker {
	twinScenario(fit: MmmFit, dataset: Dataset, signal?: AbortSignal): Promise<TwinResult>;
	saveScenario(input: ScenarioToSave): Promise<Stored<ScenarioRecord>>;
}

/** The query the Lab reads to preselect a saved scenario (`?scenario=<id>`, the pages' contract). */
export function labQuery(scenarioId: string): string {
	return `?scenario=${encodeURIComponent(scenarioId)}`;
}

/** The twin of the current fit and its saved scenario id. */
export class DataTwin {
	twin = $state.raw<TwinResult | null>(null);
	/** Id of the saved scenario. */
	savedId = $state<string | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);

	readonly #maker: TwinMaker;
	/** Cancels the twin being built, if any. */
	#controller: AbortController | null = null;

	constructor(maker: TwinMaker) {
		this.#maker = maker;
	}

	/** Forget the twin (a new fit or dataset). */
	reset(): void {
		this.cancel();
		this.twin = null;
		this.savedId = null;
		this.error = null;
	}

	/** Stop building a twin (nothing is saved); what was shown stays. */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		this.busy = false;
	}

	/** Build the twin of `fit` and save it as a scenario; a newer call cancels an older one. */
	async create(fit: MmmFit, dataset: Dataset): Promise<void> {
		this.cancel();
		const controller = new AbortController();
		this.#controller = controller;
		this.busy = true;
		this.error = null;
		this.savedId = null;
		try {
			const twin = await this.#maker.twinScenario(fit, dataset, controller.signal);
			if (controller.signal.aborted) return;
			this.twin = twin;
			const saved = await this.#maker.saveScenario({
				name: `Twin of ${dataset.name}`.slice(0, 80),
				preset: null,
				scenario: twin.scenario
			});
			if (controller.signal.aborted) return;
			if (saved.ok) this.savedId = saved.value.id;
			else this.error = saved.error.message;
		} catch (error) {
			if (controller.signal.aborted) return;
			this.twin = null;
			this.error = `The twin could not be built: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			if (this.#controller === controller) {
				this.#controller = null;
				this.busy = false;
			}
		}
	}
}
