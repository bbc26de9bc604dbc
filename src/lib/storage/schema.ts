/**
 * What Marginal keeps in IndexedDB (database `marginal`), version by version. Runs are split
 * in two stores written in one transaction: `runs` holds what the list shows (name, date,
 * scenario, headline) and `runData` the heavy part (series, decision logs with typed arrays,
 * the scenario and config), so listing never loads the series and a run is listed only once
 * both parts are written.
 */
import type { DBSchema } from 'idb';
import type { Dataset } from '../data/dataset';
import type { PilotConfig, PilotResult } from '../experiment/pilot';
import type { Objective } from '../policies/policy';
import type { Scenario } from '../sim/scenario';
import type { RunHeadline } from './headline';

/** The database name (one per origin). */
export const DB_NAME = 'marginal';

/** A saved run as the Runs list shows it (store `runs`). */
export interface RunSummary {
	/** Random id (UUID). */
	id: string;
	/** The name people gave it (1–120 characters). */
	name: string;
	/** When it was saved, milliseconds since 1970 (UTC). */
	createdAt: number;
	/** The scenario's display name. */
	scenarioName: string;
	/** The preset the scenario started from (null for a scenario of its own). */
	preset: string | null;
	/** What the learning policies optimised. */
	objective: Objective;
	/** Number of seeds run (repeated markets). */
	seeds: number;
	/** The first seed; the others follow it. */
	firstSeed: number;
	/** Pilot length, days. */
	days: number;
	/** The policies compared (ids and display names), oracle included. */
	policies: { id: string; name: string }[];
	/** The best policy against the baseline, kept so the list needs no series. */
	headline: RunHeadline;
}

/** The heavy part of a saved run (store `runData`, same id). */
export interface RunData {
	id: string;
	/** The pilot's report: estimates, daily series, decision logs (typed arrays). */
	result: PilotResult;
	/** The config and the validated scenario the run came from (what reproduces it). */
	config: PilotConfig;
	scenario: Scenario;
}

/** A saved run in full. */
export interface SavedRun extends RunSummary {
	result: PilotResult;
	config: PilotConfig;
	scenario: Scenario;
}

/** A saved scenario (store `scenarios`). */
export interface ScenarioRecord {
	/** Random id (UUID). */
	id: string;
	/** The name people gave it. */
	name: string;
	/** When it was last saved, milliseconds since 1970 (UTC). */
	savedAt: number;
	/** The preset it started from, if any. */
	preset: string | null;
	/** The validated scenario. */
	scenario: Scenario;
}

/** One setting (store `settings`): a key and any structured-cloneable value. */
export interface SettingRecord {
	key: string;
	value: unknown;
}

/** An imported dataset as the data page lists it (version 2). */
export interface DatasetSummary {
	/** Random id (UUID). */
	id: string;
	/** The name people gave it (defaults to the dataset's own name, usually the file name). */
	name: string;
	/** When it was saved, milliseconds since 1970 (UTC). */
	savedAt: number;
	/** Approximate size of the stored dataset, bytes. */
	bytes: number;
	/** Number of periods (rows after import). */
	periods: number;
	/** Number of paid channels. */
	channels: number;
}

/** A saved dataset in full (store `datasets`, version 2): the data and its latest MMM fit. */
export interface DatasetRecord extends DatasetSummary {
	dataset: Dataset;
	/** The latest marketing-mix-model fit of this dataset (plain data), null until fitted. */
	fit: unknown | null;
}

/** A trained model's record (store `models`, version 2); its weights live with tf.io. */
export interface ModelRecord {
	/** Random id (UUID); the weights are at `url`. */
	id: string;
	/** What the model does: an RL allocation policy or an LTV predictor. */
	kind: 'rl' | 'ltv';
	/** The name people gave it. */
	name: string;
	/** When it was saved, milliseconds since 1970 (UTC). */
	savedAt: number;
	/** Where tf.io keeps its weights: 'indexeddb://marginal-<id>' (see modelUrl). */
	url: string;
	/** The display name of the scenario it was trained on. */
	scenarioName: string;
	/** The scenario it was trained on. */
	scenario: Scenario;
	/** Training settings (plain data; the models page validates them). */
	settings: unknown;
	/** Training and evaluation metrics (plain data). */
	metrics: unknown;
	/** Weights kept inline (plain data or typed arrays) when not stored with tf.io, else null. */
	weights: unknown | null;
}

/** The current schema, as idb types it. */
export interface MarginalDB extends DBSchema {
	scenarios: { key: string; value: ScenarioRecord; indexes: { savedAt: number } };
	runs: { key: string; value: RunSummary; indexes: { createdAt: number } };
	runData: { key: string; value: RunData };
	settings: { key: string; value: SettingRecord };
	datasets: { key: string; value: DatasetRecord; indexes: { savedAt: number } };
	models: { key: string; value: ModelRecord; indexes: { savedAt: number } };
}

/** The stores of the current schema. */
export type StoreName = 'scenarios' | 'runs' | 'runData' | 'settings' | 'datasets' | 'models';

/** Every store, for "delete all my data". */
export const STORE_NAMES: readonly StoreName[] = [
	'scenarios',
	'runs',
	'runData',
	'settings',
	'datasets',
	'models'
];
