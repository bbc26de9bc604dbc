/**
 * What the OPE page asks of the engine, in one place a worker can hold: load a decision log
 * (a CSV the analyst uploads, or a log simulated on a Marginal preset with its ground truth),
 * evaluate a target policy on it, and write the simulated log as CSV. Requests are plain data
 * and carry their source, so a fresh worker can answer any of them; the session keeps the last
 * source loaded so that changing only the target does not simulate or parse again.
 */
import { loadPreset, presetNames } from '../../sim/presets';
import { logToCsv, parseLogCsv } from './csv';
import { evaluatePolicy, type OpeReport } from './evaluate';
import type { BanditLog, OpeParsed } from './log';
import { buildTargetTable, type TargetSpec } from './target-policies';
import {
	exportDecisionLog,
	trueValue,
	type LoggingPolicySpec,
	type SimulatedDecisionLog
} from './simulated-log';

/** Where a log comes from. */
export type OpeSource =
	| {
			kind: 'simulated';
			/** Preset name (one of `simulatedPresets()`). */
			preset: string;
			/** Market seed, a whole number 0 … 2³² − 1. */
			seed: number;
			/** The logging policy that chose the creatives. */
			logging: LoggingPolicySpec;
			/** Days simulated (default the preset's horizon). */
			days?: number;
	  }
	| {
			kind: 'csv';
			/** File name, for messages. */
			name: string;
			/** The file's text. */
			text: string;
	  };

/** What the page shows about a loaded log. */
export interface LogSummary {
	/** Decisions n. */
	rows: number;
	/** Actions K and their names. */
	actions: number;
	actionNames: string[];
	/** Context feature names. */
	featureNames: string[];
	/** Mean logged reward: the logging policy's value on these rows, reward units. */
	loggedValue: number;
	/** What one unit of reward is, e.g. "clicks per decision". */
	rewardUnit: string;
	/** Whether the file carried the target's probabilities (`pi_…` columns). */
	hasFileTarget: boolean;
	/** Columns of the file that were ignored. */
	ignoredColumns: string[];
	/** For a simulated log: the scenario, and whether rows are free of carry-over (truth exact). */
	simulated: { scenarioName: string; days: number; carryoverFree: boolean } | null;
}

/** An evaluation: the estimates and, for a simulated log, the truth. */
export interface OpeEvaluation {
	report: OpeReport;
	/** The target's true value on these rows (simulated logs only), reward units. */
	truth: number | null;
	/** Mean target probability per action [K], for the page's description of the target. */
	targetShare: number[];
}

/** Settings of an evaluation. */
export interface OpeEvaluateOptions {
	/** Seed of the folds and the bootstrap. */
	seed: number;
	/** Bootstrap resamples (default 500). */
	replicates?: number;
	/** Told the share of the bootstrap done. */
	onProgress?: (share: number) => void;
}

/** Presets whose channels have at least two creatives (a choice to evaluate). */
export function simulatedPresets(): string[] {
	return presetNames().filter((name) =>
		loadPreset(name).channels.some((channel) => channel.creatives.length >= 2)
	);
}

interface Loaded {
	key: string;
	log: BanditLog;
	filePolicy?: number[][];
	sim?: SimulatedDecisionLog;
	summary: LogSummary;
}

const keyOf = (source: OpeSource): string =>
	source.kind === 'csv' ? `csv\u0000${source.text}` : JSON.stringify(source);

/** Loads logs and evaluates targets, keeping the last log. Never throws on bad input. */
export class OpeSession {
	#last: Loaded | null = null;

	/** Load (or reuse) the log of `source`; errors name row and column for a CSV. */
	load(source: OpeSource): OpeParsed<LogSummary> {
		const loaded = this.#load(source);
		return loaded.ok ? { ok: true, value: loaded.value.summary } : loaded;
	}

	/** Evaluate `target` on the log of `source`, with the truth when the log is simulated. */
	evaluate(
		source: OpeSource,
		target: TargetSpec,
		options: OpeEvaluateOptions
	): OpeParsed<OpeEvaluation> {
		const loaded = this.#load(source);
		if (!loaded.ok) return loaded;
		const { log, sim, filePolicy } = loaded.value;
		const table = buildTargetTable(log, target, { available: sim?.available, filePolicy });
		if (!table.ok) return table;
		const report = evaluatePolicy(log, table.value, {
			seed: options.seed,
			replicates: options.replicates,
			onProgress: options.onProgress
		});
		if (!report.ok) return report;
		let truth: number | null = null;
		if (sim) {
			const value = trueValue(sim, table.value);
			if (!value.ok) return value;
			truth = value.value;
		}
		return {
			ok: true,
			value: { report: report.value, truth, targetShare: report.value.diagnostics.targetShare }
		};
	}

	/** The log of `source` as CSV text (context columns, action, reward, propensity). */
	csv(source: OpeSource): OpeParsed<string> {
		const loaded = this.#load(source);
		return loaded.ok ? { ok: true, value: logToCsv(loaded.value.log) } : loaded;
	}

	#load(source: OpeSource): OpeParsed<Loaded> {
		const key = keyOf(source);
		if (this.#last?.key === key) return { ok: true, value: this.#last };
		const loaded = source.kind === 'csv' ? loadCsv(source, key) : loadSimulated(source, key);
		if (loaded.ok) this.#last = loaded.value;
		return loaded;
	}
}

function loadCsv(source: Extract<OpeSource, { kind: 'csv' }>, key: string): OpeParsed<Loaded> {
	const parsed = parseLogCsv(source.text);
	if (!parsed.ok) return parsed;
	const { log, target, ignoredColumns } = parsed.value;
	const summary: LogSummary = {
		rows: log.rows.length,
		actions: log.actions,
		actionNames: log.actionNames ?? Array.from({ length: log.actions }, (_, a) => `action ${a}`),
		featureNames: log.featureNames ?? [],
		loggedValue: log.rows.reduce((sum, row) => sum + row.reward, 0) / log.rows.length,
		rewardUnit: 'reward per decision',
		hasFileTarget: target !== undefined,
		ignoredColumns,
		simulated: null
	};
	return { ok: true, value: { key, log, filePolicy: target, summary } };
}

function loadSimulated(
	source: Extract<OpeSource, { kind: 'simulated' }>,
	key: string
): OpeParsed<Loaded> {
	const presets = simulatedPresets();
	if (!presets.includes(source.preset)) {
		return fail(
			'preset',
			`No preset "${source.preset}" with creatives to choose among; choose from ${presets.join(', ')}.`
		);
	}
	if (!Number.isInteger(source.seed) || source.seed < 0 || source.seed > 0xffffffff) {
		return fail(
			'seed',
			`The seed is ${source.seed}; it must be a whole number from 0 to 4294967295.`
		);
	}
	const { logging } = source;
	if (logging.kind !== 'uniform' && logging.kind !== 'epsilon-greedy') {
		return fail('logging', 'The logging policy must be uniform or epsilon-greedy.');
	}
	if (logging.kind === 'epsilon-greedy' && !(logging.epsilon > 0 && logging.epsilon <= 1)) {
		return fail(
			'epsilon',
			`ε is ${logging.epsilon}; it must be more than 0 and at most 1 (e.g. 0.3).`
		);
	}
	const scenario = loadPreset(source.preset);
	const days = source.days ?? scenario.days;
	if (!Number.isInteger(days) || days < 7 || days > scenario.days) {
		return fail('days', `Days is ${days}; it must be a whole number from 7 to ${scenario.days}.`);
	}
	const sim = exportDecisionLog(scenario, { seed: source.seed, days, logging });
	const log = sim.log;
	const summary: LogSummary = {
		rows: log.rows.length,
		actions: log.actions,
		actionNames: log.actionNames ?? [],
		featureNames: log.featureNames ?? [],
		loggedValue: log.rows.reduce((sum, row) => sum + row.reward, 0) / log.rows.length,
		rewardUnit: 'clicks per decision',
		hasFileTarget: false,
		ignoredColumns: [],
		simulated: { scenarioName: scenario.name, days, carryoverFree: sim.carryoverFree }
	};
	return { ok: true, value: { key, log, sim, summary } };
}

function fail(field: string, message: string): OpeParsed<never> {
	return { ok: false, errors: [{ field, message }] };
}
