/**
 * The models page's state: which scenario to train on, the training run (live reward and loss
 * curves, cancel and resume), the saved models (save, load, delete) and "use in a pilot". The
 * work happens in the models worker (through models-bridge.ts) and IndexedDB (storage); this
 * class holds what the components render.
 */
import {
	DEFAULT_RL_TRAIN,
	type RlIterationReport,
	type RlTrainerState
} from '../models/rl-trainer';
import { rlProbes, type RlProbe } from '../models/rl-probe';
import type { RlWeightsJson } from '../policies/rl-network';
import { loadPreset, presetNames, DEFAULT_PRESET } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import {
	deleteModelRecord,
	getModelRecord,
	getScenario,
	listModelRecords,
	listScenarios,
	modelUrl,
	newId,
	getSetting,
	saveModelRecord,
	setSetting,
	type ModelRecord,
	type Stored
} from '../storage';
import type { PolicySpec } from '../policies/registry';
import { offerLabModel } from './lab-models';
import { DriftPanel } from './models-drift.svelte';
import { LtvPanel } from './models-ltv.svelte';
import { isAbortError } from '../workers/worker-client';
import { modelsBridge, type ModelsBridge, type RlProgress } from '../workers/models-bridge';

/** One scenario the picker offers: a preset ('preset:<name>') or a saved one ('saved:<id>'). */
export interface ScenarioChoice {
	key: string;
	label: string;
}

/** The setting the Lab reads to add a policy to its picker (a policy spec). */
export { LAB_EXTRA_POLICY } from '$lib/storage/settings';
import { LAB_EXTRA_POLICY } from '$lib/storage/settings';

/** Training settings people may change, with their bounds. */
export const ITERATION_RANGE = { min: 1, max: 200 } as const;

/** The model on show: trained just now (unsaved) or a saved one. */
export interface ShownModel {
	weights: RlWeightsJson;
	/** The saved record, when it is saved. */
	record: ModelRecord | null;
	/** Picker key of the scenario it was trained on (its channels are the only ones it fits). */
	scenarioKey: string;
}

/** Training settings and metrics stored in a ModelRecord of kind 'rl'. */
export interface RlRecordSettings {
	scenarioKey: string;
	config: RlTrainerState['config'];
}

export class ModelsPage {
	readonly #bridge: ModelsBridge;
	scenarioKey = $state(`preset:${DEFAULT_PRESET}`);
	savedScenarios = $state.raw<ScenarioChoice[]>([]);
	iterations = $state(DEFAULT_RL_TRAIN.iterations);
	seed = $state(DEFAULT_RL_TRAIN.seed);
	status = $state<'idle' | 'training' | 'cancelled' | 'done'>('idle');
	history = $state.raw<RlIterationReport[]>([]);
	decisionsPerSecond = $state(0);
	backend = $state<string | null>(null);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);
	saved = $state.raw<ModelRecord[]>([]);
	shown = $state.raw<ShownModel | null>(null);
	/** Picker key of the scenario of the training in progress (or last finished). */
	#trainedOn = `preset:${DEFAULT_PRESET}`;
	#state: RlTrainerState | null = null;
	#scenario: Scenario | null = null;
	#controller: AbortController | null = null;

	/** The LTV model's part of the page, and the drift watch. */
	readonly ltv: LtvPanel;
	readonly drift: DriftPanel;

	constructor(bridge: ModelsBridge = modelsBridge) {
		this.#bridge = bridge;
		this.ltv = new LtvPanel(this, bridge);
		this.drift = new DriftPanel(this, bridge);
	}

	/** Presets and saved scenarios, for the picker. */
	get choices(): ScenarioChoice[] {
		const presets = presetNames().map((name) => ({
			key: `preset:${name}`,
			label: `${loadPreset(name).name} (preset)`
		}));
		return [...presets, ...this.savedScenarios];
	}

	/** Currency code of the scenario last used (for labels). */
	currency = $state('USD');

	/** Budget shares of the shown model in the probe states. */
	get probes(): RlProbe[] {
		return this.shown ? rlProbes(this.shown.weights) : [];
	}

	/** Whether a cancelled run can be resumed. */
	get canResume(): boolean {
		return this.status === 'cancelled' && this.#state !== null;
	}

	/** Load the saved lists and ask the worker which backend it uses. */
	async init(): Promise<void> {
		const scenarios = await listScenarios();
		if (scenarios.ok)
			this.savedScenarios = scenarios.value.map((s) => ({ key: `saved:${s.id}`, label: s.name }));
		await this.refresh();
		try {
			this.backend = await this.#bridge.backend();
		} catch (error) {
			this.error = `TF.js could not start: ${(error as Error).message}`;
		}
	}

	/** Re-read the saved models. */
	async refresh(): Promise<void> {
		const models = await listModelRecords();
		if (models.ok) this.saved = models.value;
		else this.error = models.error.message;
	}

	/** The scenario behind a picker key (null, with the error shown, when it cannot be read). */
	async resolveScenario(key: string): Promise<Scenario | null> {
		let scenario: Scenario;
		if (key.startsWith('preset:')) scenario = loadPreset(key.slice('preset:'.length));
		else {
			const record = await getScenario(key.slice('saved:'.length));
			if (!record.ok) {
				this.error = record.error.message;
				return null;
			}
			scenario = record.value.scenario;
		}
		this.currency = scenario.currency;
		return scenario;
	}

	/** Train from scratch with the current settings. */
	async train(): Promise<void> {
		const scenario = await this.resolveScenario(this.scenarioKey);
		if (!scenario) return;
		this.#scenario = scenario;
		this.#trainedOn = this.scenarioKey;
		this.#state = null;
		this.history = [];
		this.shown = null;
		await this.#run({ scenario, config: { iterations: this.iterations, seed: this.seed } });
	}

	/** Continue a cancelled run from its last iteration. */
	async resume(): Promise<void> {
		if (!this.#state || !this.#scenario) return;
		await this.#run({ scenario: this.#scenario, config: {}, resume: this.#state });
	}

	/** Stop training; the last finished iteration is kept and can be resumed. */
	cancel(): void {
		this.#controller?.abort();
	}

	async #run(request: Parameters<ModelsBridge['trainRl']>[0]): Promise<void> {
		this.error = null;
		this.notice = null;
		this.status = 'training';
		const controller = new AbortController();
		this.#controller = controller;
		const onProgress = (p: RlProgress) => {
			this.history = [...this.history, p.report];
			this.#state = p.state;
			this.decisionsPerSecond = p.decisionsPerSecond;
			this.shown = { weights: p.weights, record: null, scenarioKey: this.#trainedOn };
		};
		try {
			await this.#bridge.trainRl(request, { signal: controller.signal, onProgress });
			this.status = 'done';
		} catch (error) {
			if (isAbortError(error)) this.status = 'cancelled';
			else if (this.#state !== null) {
				// The worker died mid-training: every finished iteration is kept, so Resume retries
				// from the last one (the same seed gives the same model as an uninterrupted run).
				this.status = 'cancelled';
				this.error = `Training stopped: ${(error as Error).message}. The ${this.history.length} iterations finished are kept; Resume continues from there. Saved models are untouched.`;
			} else {
				this.status = 'idle';
				this.error = `Training failed: ${(error as Error).message}`;
			}
		} finally {
			if (this.#controller === controller) this.#controller = null;
		}
	}

	/** Save the shown (trained, unsaved) model under `name`: weights with tf.io, then the record. */
	async save(name: string): Promise<void> {
		const shown = this.shown;
		const scenario = this.#scenario;
		if (!shown || shown.record || !scenario || !this.#state) return;
		this.error = null;
		const id = newId();
		const url = modelUrl(id);
		try {
			await this.#bridge.saveRl(url, shown.weights);
		} catch (error) {
			this.error = `Could not save the model’s weights: ${(error as Error).message}`;
			return;
		}
		const settings: RlRecordSettings = {
			scenarioKey: this.scenarioKey,
			config: this.#state.config
		};
		const result = await saveModelRecord({
			id,
			kind: 'rl',
			name: name.trim() || `RL allocator, ${scenario.name}`,
			savedAt: Date.now(),
			url,
			scenarioName: scenario.name,
			scenario,
			settings,
			metrics: { history: this.history },
			weights: shown.weights
		});
		if (!result.ok) {
			this.error = result.error.message;
			await this.#bridge.deleteModel(url).catch(() => {});
			return;
		}
		this.shown = { ...shown, record: result.value };
		this.notice = `Saved “${result.value.name}”.`;
		await this.refresh();
	}

	/** Load a saved model: its weights from tf.io, its training curves from the record. */
	async load(id: string): Promise<void> {
		this.error = null;
		this.notice = null;
		const record = await getModelRecord(id);
		if (!record.ok) {
			this.error = record.error.message;
			return;
		}
		const r = record.value;
		if (r.kind === 'ltv') {
			await this.ltv.load(r);
			return;
		}
		const layout = r.weights as RlWeightsJson | null;
		if (!layout?.channelIds) {
			this.error = `The model “${r.name}” has no channel layout; it cannot be loaded.`;
			return;
		}
		try {
			const weights = await this.#bridge.loadRl(r.url, layout);
			const trainedOn = (r.settings as Partial<RlRecordSettings> | null)?.scenarioKey;
			this.shown = { weights, record: r, scenarioKey: trainedOn ?? this.scenarioKey };
			const metrics = r.metrics as { history?: RlIterationReport[] } | null;
			this.history = Array.isArray(metrics?.history) ? metrics.history : [];
			this.#scenario = r.scenario;
			this.status = 'idle';
			this.notice = `Loaded “${r.name}”.`;
		} catch (error) {
			this.error = `Could not load the weights of “${r.name}”: ${(error as Error).message}`;
		}
	}

	/** Delete a saved model: its record first (so it leaves the list), then its weights. */
	async remove(id: string): Promise<void> {
		const record = this.saved.find((m) => m.id === id);
		const result = await deleteModelRecord(id);
		if (!result.ok) {
			this.error = result.error.message;
			return;
		}
		if (record) await this.#bridge.deleteModel(record.url).catch(() => {});
		if (this.ltv.record?.id === id) this.ltv.record = null;
		if (this.shown?.record?.id === id) this.shown = { ...this.shown, record: null };
		await this.refresh();
	}

	/**
	 * Hand the shown model to the Lab: its spec goes into the LAB_EXTRA_POLICY setting; returns
	 * the Lab URL to open (with the saved scenario preselected when the model was trained on one).
	 */
	async useInPilot(): Promise<string | null> {
		if (!this.shown) return null;
		const result = await handToLab({ kind: 'rl', weights: this.shown.weights });
		if (!result.ok) {
			this.error = result.error.message;
			return null;
		}
		return labUrlFor(this.shown.scenarioKey);
	}
}

/** Offer a trained policy's spec to the Lab (the LAB_EXTRA_POLICY setting, app/lab-models.ts). */
export async function handToLab(spec: PolicySpec): Promise<Stored<void>> {
	const current = await getSetting(LAB_EXTRA_POLICY);
	return setSetting(LAB_EXTRA_POLICY, offerLabModel(current.ok ? current.value : null, spec));
}

/**
 * The Lab URL for a model trained on scenario `key` ('saved:<id>' or 'preset:<name>'): the Lab
 * opens on that scenario, since a model fits only its channels and segments.
 */
export function labUrlFor(key: string): string {
	if (key.startsWith('saved:')) return `/?scenario=${encodeURIComponent(key.slice(6))}`;
	return key.startsWith('preset:') ? `/?preset=${encodeURIComponent(key.slice(7))}` : '/';
}
