/**
 * The LTV model's part of the models page: train and evaluate in the models worker, save with
 * tf.io plus a ModelRecord, and load a saved one (its report from the record, and a fresh score
 * of the reloaded network on the same holdout, which must match).
 */
import type { LtvReport } from '../models/ltv-evaluate';
import { DEFAULT_LTV_TRAIN, type LtvTrainConfig } from '../models/ltv-model';
import { modelUrl, newId, saveModelRecord, type ModelRecord } from '../storage';
import type { ModelsBridge } from '../workers/models-bridge';
import { handToLab, labUrlFor, type ModelsPage } from './models-page.svelte';

/** What an LTV ModelRecord's settings hold. */
export interface LtvRecordSettings {
	scenarioKey: string;
	/** Market seed of the history the cohorts came from. */
	seed: number;
	config: LtvTrainConfig;
}

/** Rolling-origin folds fitted with every training run. */
export const LTV_FOLDS = 2;

export class LtvPanel {
	readonly #page: ModelsPage;
	readonly #bridge: ModelsBridge;
	epochs = $state(DEFAULT_LTV_TRAIN.epochs);
	status = $state<'idle' | 'training' | 'done'>('idle');
	losses = $state.raw<number[]>([]);
	report = $state.raw<LtvReport | null>(null);
	/** The saved record of the model on show (null: unsaved). */
	record = $state.raw<ModelRecord | null>(null);
	/** Holdout error of the reloaded network (after `load`). */
	reloaded = $state.raw<{ mae: number; rmse: number } | null>(null);
	#settings: LtvRecordSettings | null = null;
	#scenarioName = '';

	constructor(page: ModelsPage, bridge: ModelsBridge) {
		this.#page = page;
		this.#bridge = bridge;
	}

	/** Train and evaluate on the page's scenario and seed. */
	async train(): Promise<void> {
		const key = this.#page.scenarioKey;
		const scenario = await this.#page.resolveScenario(key);
		if (!scenario) return;
		const config = { ...DEFAULT_LTV_TRAIN, epochs: this.epochs, seed: this.#page.seed };
		this.#settings = { scenarioKey: key, seed: this.#page.seed, config };
		this.#scenarioName = scenario.name;
		this.status = 'training';
		this.losses = [];
		this.report = null;
		this.record = null;
		this.reloaded = null;
		this.#page.error = null;
		try {
			this.report = await this.#bridge.trainLtv(
				{ scenario, seed: this.#page.seed, config, folds: LTV_FOLDS },
				(_, loss) => (this.losses = [...this.losses, loss])
			);
			this.status = 'done';
		} catch (error) {
			this.status = 'idle';
			this.#page.error = `LTV training failed: ${(error as Error).message}`;
		}
	}

	/** Save the trained model: weights with tf.io in the worker, then the record. */
	async save(name: string): Promise<void> {
		if (!this.report || this.record || !this.#settings) return;
		const scenario = await this.#page.resolveScenario(this.#settings.scenarioKey);
		if (!scenario) return;
		const id = newId();
		const url = modelUrl(id);
		try {
			await this.#bridge.saveLtv(url);
		} catch (error) {
			this.#page.error = `Could not save the LTV model: ${(error as Error).message}`;
			return;
		}
		const result = await saveModelRecord({
			id,
			kind: 'ltv',
			name: name.trim() || `LTV model, ${this.#scenarioName}`,
			savedAt: Date.now(),
			url,
			scenarioName: scenario.name,
			scenario,
			settings: this.#settings,
			metrics: this.report,
			weights: null
		});
		if (!result.ok) {
			this.#page.error = result.error.message;
			await this.#bridge.deleteModel(url).catch(() => {});
			return;
		}
		this.record = result.value;
		this.#page.notice = `Saved “${result.value.name}”.`;
		await this.#page.refresh();
	}

	/** Show a saved LTV model and score its reloaded network on the same holdout. */
	async load(record: ModelRecord): Promise<void> {
		const settings = record.settings as Partial<LtvRecordSettings> | null;
		if (typeof settings?.seed !== 'number') {
			this.#page.error = `The LTV model “${record.name}” has no training settings; it cannot be loaded.`;
			return;
		}
		this.record = record;
		this.#page.currency = record.scenario.currency;
		this.report = record.metrics as LtvReport;
		this.losses = this.report.losses ?? [];
		this.status = 'done';
		this.reloaded = null;
		try {
			this.reloaded = await this.#bridge.checkLtv(record.url, record.scenario, settings.seed);
			this.#page.notice = `Loaded “${record.name}”.`;
		} catch (error) {
			this.#page.error = `Could not load the LTV model “${record.name}”: ${(error as Error).message}`;
		}
	}

	/**
	 * Hand the model on show to the Lab as "ts-curve-ltv" (its weights go into the
	 * LAB_EXTRA_POLICY setting); returns the Lab URL to open, or null when that failed.
	 */
	async useInPilot(): Promise<string | null> {
		const settings = (this.record?.settings as Partial<LtvRecordSettings> | null) ?? this.#settings;
		try {
			const ltvModel = await this.#bridge.ltvWeights(this.record?.url);
			const result = await handToLab({ kind: 'ts-curve-ltv', ltvModel });
			if (!result.ok) {
				this.#page.error = result.error.message;
				return null;
			}
		} catch (error) {
			this.#page.error = `Could not read the LTV model: ${(error as Error).message}`;
			return null;
		}
		return labUrlFor(settings?.scenarioKey ?? '');
	}
}
