/**
 * Run a scenario under the fixed historical split and shape the result into plain data for the
 * lab's charts: daily series per channel, totals, and each channel's true response curve at the
 * end of the run. The simulator worker calls `simulateFixedSplit`; node tests call it directly.
 */
import type { Market } from '../sim/market';
import { DEFAULT_PRESET, loadPreset } from '../sim/presets';
import { runFixedSplit } from '../sim/run';
import { formatFieldError, parseScenario, type Scenario } from '../sim/scenario';
import {
	channelTotals,
	DAILY_KEYS,
	dailySeries,
	sumTotals,
	type DailySeries,
	type Totals
} from './daily-series';
import { responseCurves, type ChannelCurve } from './response-curves';

/**
 * What to simulate: a built-in preset by name (the default preset when omitted, so the UI need
 * not bundle the presets to ask for it), or a scenario document (validated here).
 */
export type RunRequest = ({ preset?: string } | { scenario: unknown }) & {
	/** Seed (defaults to the scenario's). */
	seed?: number;
	/** Days to simulate (defaults to the scenario's horizon). */
	days?: number;
};

/** The scenario facts the charts label things with. */
export interface ScenarioInfo {
	name: string;
	description: string;
	/** ISO 4217 code, e.g. 'USD'. */
	currency: string;
	/** Date of day 0, YYYY-MM-DD. */
	startDate: string;
	/** Seed the run used. */
	seed: number;
	/** Total budget per day, currency units. */
	dailyBudget: number;
}

/** A channel as the charts show it. */
export interface ChannelInfo {
	id: string;
	name: string;
	stage: 'upper' | 'mid' | 'lower';
	/** Its budget per day under the fixed historical split, currency units. */
	dailyBudget: number;
}

/** Everything the home page draws, as plain objects and typed arrays (transferable). */
export interface RunSummary {
	scenario: ScenarioInfo;
	channels: ChannelInfo[];
	/** Days simulated. */
	days: number;
	daily: DailySeries;
	/** Per channel, totals over the run, currency units. */
	channelTotals: Totals[];
	/** Totals over channels and days, currency units. */
	totals: Totals;
	/** True response curves at the end of the run, one per channel. */
	curves: ChannelCurve[];
	/** Day (0-based) whose market state the curves describe: the last simulated day. */
	curveDay: number;
}

/** Called after simulated days: (days done, days in total). */
export type ProgressCallback = (daysDone: number, days: number) => void;

/** Progress reports per run at most (the last day is always reported). */
const PROGRESS_REPORTS = 100;

/** Resolve a request to a validated scenario; errors name the preset or the invalid fields. */
export function scenarioOf(request: RunRequest): Scenario {
	if (!('scenario' in request)) return loadPreset(request.preset ?? DEFAULT_PRESET);
	const parsed = parseScenario(request.scenario);
	if (!parsed.ok) {
		throw new Error(`The scenario is invalid: ${parsed.errors.map(formatFieldError).join('; ')}`);
	}
	return parsed.value;
}

/** Each channel's daily budget under the scenario's historical split (shares normalised). */
export function splitBudget(scenario: Scenario): number[] {
	const shareSum = scenario.channels.reduce((sum, c) => sum + c.historicalShare, 0);
	return scenario.channels.map((c) => (scenario.dailyBudget * c.historicalShare) / shareSum);
}

/** Shape a finished (or stopped) fixed-split run into the summary the charts read. */
export function summarizeRun(market: Market, seed: number): RunSummary {
	const scenario = market.scenario;
	const daily = dailySeries(market.trace);
	const budgets = splitBudget(scenario);
	const perChannel = scenario.channels.map((_, c) => channelTotals(daily, c));
	const averageSpend = perChannel.map((t) => (daily.days > 0 ? t.spend / daily.days : 0));
	return {
		scenario: {
			name: scenario.name,
			description: scenario.description,
			currency: scenario.currency,
			startDate: scenario.startDate,
			seed,
			dailyBudget: scenario.dailyBudget
		},
		channels: scenario.channels.map((c, i) => ({
			id: c.id,
			name: c.name,
			stage: c.stage,
			dailyBudget: budgets[i]
		})),
		days: daily.days,
		daily,
		channelTotals: perChannel,
		totals: sumTotals(perChannel),
		curves: responseCurves(market, budgets, averageSpend),
		curveDay: Math.max(0, daily.days - 1)
	};
}

/** Simulate the request under the fixed split, reporting progress, and summarise the run. */
export function simulateFixedSplit(request: RunRequest, onProgress?: ProgressCallback): RunSummary {
	const scenario = scenarioOf(request);
	const seed = request.seed ?? scenario.seed;
	const days = request.days ?? scenario.days;
	const every = Math.max(1, Math.ceil(days / PROGRESS_REPORTS));
	const market = runFixedSplit(scenario, {
		seed,
		days,
		onDay: onProgress
			? (done, total) => {
					if (done % every === 0 || done === total) onProgress(done, total);
				}
			: undefined
	});
	return summarizeRun(market, seed);
}

/** The buffers of a summary, to transfer (not copy) across a worker boundary. */
export function summaryTransferables(summary: RunSummary): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	const add = (array: Float64Array) => buffers.add(array.buffer as ArrayBuffer);
	for (const key of DAILY_KEYS) add(summary.daily[key]);
	for (const curve of summary.curves) {
		add(curve.budget);
		add(curve.spend);
		add(curve.ltvProfit);
		add(curve.marginalLtvProfit);
	}
	return [...buffers];
}
