/**
 * Shaping runs for storage, as pure functions: a pilot result and what it came from become the
 * two records of a saved run (summary for the list, data for the run itself), and records read
 * back are checked before the UI trusts them (a store may hold records from an older version
 * or damaged by hand).
 */
import type { PilotConfig, PilotResult } from '../experiment/pilot';
import { OBJECTIVES } from '../policies/policy';
import type { Scenario } from '../sim/scenario';
import { runHeadline } from './headline';
import type { RunData, RunSummary, SavedRun } from './schema';

/** Longest run or scenario name, characters. */
export const MAX_NAME_LENGTH = 120;

/** A run to save: the lab's result and exactly what produced it. */
export interface NewRun {
	/** A name; defaults to "<best policy> vs <baseline> on <scenario>". */
	name?: string;
	/** The preset the scenario started from (null for a scenario of its own). */
	preset: string | null;
	scenario: Scenario;
	config: PilotConfig;
	result: PilotResult;
}

/** A name as stored: whitespace collapsed and trimmed; null when empty or too long. */
export function cleanName(name: string): string | null {
	const clean = name.replace(/\s+/g, ' ').trim();
	return clean.length > 0 && clean.length <= MAX_NAME_LENGTH ? clean : null;
}

/** The name a run gets when none is given. */
export function defaultRunName(result: PilotResult): string {
	const headline = runHeadline(result);
	const who = headline.best ? `${headline.best.name} vs ${headline.baseline.name}` : 'Pilot';
	return `${who} on ${result.scenarioName}`.slice(0, MAX_NAME_LENGTH);
}

/** The two records of a new run (`id` and `createdAt` given, so this stays pure). */
export function runRecords(
	run: NewRun,
	id: string,
	createdAt: number
): { summary: RunSummary; data: RunData } {
	const { result, config, scenario } = run;
	const summary: RunSummary = {
		id,
		name: (run.name !== undefined ? cleanName(run.name) : null) ?? defaultRunName(result),
		createdAt,
		scenarioName: result.scenarioName,
		preset: run.preset,
		objective: result.objective,
		seeds: result.seeds.length,
		firstSeed: config.firstSeed,
		days: result.days,
		policies: result.policies.map(({ id, name }) => ({ id, name })),
		headline: runHeadline(result)
	};
	return { summary, data: { id, result, config, scenario } };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored summary if it has the fields the list reads, else null (skipped, and counted). */
export function readRunSummary(value: unknown): RunSummary | null {
	if (!isObject(value)) return null;
	const ok =
		typeof value.id === 'string' &&
		typeof value.name === 'string' &&
		typeof value.createdAt === 'number' &&
		typeof value.scenarioName === 'string' &&
		(value.preset === null || typeof value.preset === 'string') &&
		typeof value.objective === 'string' &&
		(OBJECTIVES as readonly string[]).includes(value.objective) &&
		typeof value.seeds === 'number' &&
		typeof value.firstSeed === 'number' &&
		typeof value.days === 'number' &&
		Array.isArray(value.policies) &&
		isObject(value.headline) &&
		isObject(value.headline.baseline);
	return ok ? (value as unknown as RunSummary) : null;
}

/** A full run from its two records, if the data part has what the lab reads. */
export function joinRun(summary: RunSummary, data: unknown): SavedRun | null {
	if (!isObject(data) || data.id !== summary.id) return null;
	const { result, config, scenario } = data;
	if (!isObject(result) || !Array.isArray(result.policies) || !isObject(config)) return null;
	if (!isObject(scenario)) return null;
	return {
		...summary,
		result: result as unknown as PilotResult,
		config: config as unknown as PilotConfig,
		scenario: scenario as unknown as Scenario
	};
}
