/**
 * Sharded pilots: `--shard i/n` runs seeds i, i+n, i+2n, … of a pilot and writes their per-seed
 * results with the scenario and the pilot config; `merge` checks that shard files belong to the
 * same pilot and together hold each of its seeds exactly once, and hands back what
 * `summarizePilot` needs — so a merged report equals the report of an unsharded run.
 */
import { parsePilotConfig } from '../lib/experiment/pilot-config';
import { pilotSeeds, type PilotConfig, type SeedResult } from '../lib/experiment/pilot';
import { hashString } from '../lib/sim/random';
import { formatFieldError, parseScenario, type Scenario } from '../lib/sim/scenario';
import { toResultsJson } from '../lib/experiment/results-json';
import { UsageError } from './scenario-source';

/** Which part of a pilot a shard runs: seeds at positions index, index + count, … (0-based). */
export interface ShardSpec {
	index: number;
	count: number;
}

export const SHARD_FORMAT = 'marginal-pilot-shard';
export const SHARD_VERSION = 1;

/** What `--shard` writes. */
export interface ShardFile {
	format: typeof SHARD_FORMAT;
	version: typeof SHARD_VERSION;
	scenarioName: string;
	/** Hash of the scenario (8 hex digits), to tell scenarios apart at a glance. */
	scenarioHash: string;
	scenario: Scenario;
	config: PilotConfig;
	shard: ShardSpec;
	/** Per-seed results of this shard's seeds, in seed order. */
	results: SeedResult[];
}

/** A shard file as read, with the name to use in messages. */
export interface NamedShard {
	file: string;
	shard: ShardFile;
}

/** The seeds of `seeds` a shard runs. */
export function shardSeeds(seeds: readonly number[], shard: ShardSpec): number[] {
	return seeds.filter((_, position) => position % shard.count === shard.index);
}

/** Hash of a scenario's content (8 hex digits). */
export function scenarioHash(scenario: Scenario): string {
	return hashString(toResultsJson(scenario)).toString(16).padStart(8, '0');
}

/** The file `--shard` writes. */
export function makeShardFile(
	scenario: Scenario,
	config: PilotConfig,
	shard: ShardSpec,
	results: SeedResult[]
): ShardFile {
	return {
		format: SHARD_FORMAT,
		version: SHARD_VERSION,
		scenarioName: scenario.name,
		scenarioHash: scenarioHash(scenario),
		scenario,
		config,
		shard,
		results
	};
}

/** Check that parsed JSON is a shard file; `file` names it in the message. */
export function checkShardFile(file: string, value: unknown): ShardFile {
	const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
		string,
		unknown
	>;
	if (record.format !== SHARD_FORMAT) {
		throw new UsageError(
			`${file} is not a shard file (written by --shard): it has no "format": "${SHARD_FORMAT}"`
		);
	}
	if (record.version !== SHARD_VERSION) {
		throw new UsageError(
			`${file} is a shard file of version ${String(record.version)}; this CLI reads version ${SHARD_VERSION}`
		);
	}
	const results = record.results;
	const wellFormed =
		Array.isArray(results) &&
		results.every(
			(r) =>
				typeof r === 'object' &&
				r !== null &&
				Number.isInteger((r as SeedResult).seed) &&
				Array.isArray((r as SeedResult).runs) &&
				Array.isArray((r as SeedResult).holdout)
		);
	if (!wellFormed) {
		throw new UsageError(
			`${file}: results: must be a list of per-seed results (seed, runs, holdout)`
		);
	}
	return value as ShardFile;
}

/** Everything `summarizePilot` needs, from shards that passed `mergeShards`' checks. */
export interface MergedShards {
	scenario: Scenario;
	config: PilotConfig;
	results: SeedResult[];
}

/**
 * Combine shards of one pilot. Refuses (UsageError) shards of another scenario or config, a seed
 * in two files, seeds missing, or seeds that are not the pilot's; re-validates the scenario and
 * config so a hand-edited file gets a message rather than a crash.
 */
export function mergeShards(shards: readonly NamedShard[]): MergedShards {
	if (shards.length === 0) throw new UsageError('merge needs at least one shard file');
	const [first, ...rest] = shards;
	const parsedScenario = parseScenario(first.shard.scenario);
	if (!parsedScenario.ok) {
		throw new UsageError(
			`${first.file}: scenario is not valid:\n  ${parsedScenario.errors.map(formatFieldError).join('\n  ')}`
		);
	}
	const scenario = parsedScenario.value;
	const parsedConfig = parsePilotConfig(first.shard.config, scenario);
	if (!parsedConfig.ok) {
		throw new UsageError(
			`${first.file}: config is not a valid pilot config:\n  ${parsedConfig.errors.map(formatFieldError).join('\n  ')}`
		);
	}
	const config = parsedConfig.value;
	const hash = scenarioHash(first.shard.scenario);
	const configJson = toResultsJson(first.shard.config);
	for (const { file, shard } of rest) {
		if (scenarioHash(shard.scenario) !== hash) {
			throw new UsageError(
				`${file} is from another scenario ("${shard.scenarioName}", ${scenarioHash(shard.scenario)}) than ${first.file} ("${first.shard.scenarioName}", ${hash})`
			);
		}
		if (toResultsJson(shard.config) !== configJson) {
			throw new UsageError(
				`${file} was run with another pilot config (policies, seeds, days, objective or guardrails) than ${first.file}`
			);
		}
	}
	const expected = pilotSeeds(config);
	const wanted = new Set(expected);
	const seen = new Map<number, string>();
	const results: SeedResult[] = [];
	for (const { file, shard } of shards) {
		for (const result of shard.results) {
			const other = seen.get(result.seed);
			if (other !== undefined) {
				throw new UsageError(
					`seed ${result.seed} is in both ${other} and ${file}: give each shard once`
				);
			}
			if (!wanted.has(result.seed)) {
				throw new UsageError(`${file}: seed ${result.seed} is not one of the pilot's seeds`);
			}
			seen.set(result.seed, file);
			results.push(result);
		}
	}
	const missing = expected.filter((seed) => !seen.has(seed));
	if (missing.length) {
		const count = first.shard.shard.count;
		const given = new Set(shards.map((s) => s.shard.shard.index));
		const absent = Array.from({ length: count }, (_, i) => i).filter((i) => !given.has(i));
		const hint = absent.length
			? ` (shards ${absent.map((i) => `${i}/${count}`).join(', ')} not given?)`
			: '';
		const list = missing.length > 8 ? `${missing.slice(0, 8).join(', ')}, …` : missing.join(', ');
		throw new UsageError(
			`${missing.length} of the pilot's ${expected.length} seeds are missing: ${list}${hint}`
		);
	}
	results.sort((a, b) => a.seed - b.seed);
	return { scenario, config, results };
}
