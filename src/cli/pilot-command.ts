/**
 * The pilot and merge commands of `npm run sim`: run (or combine) the seeds, then print the
 * report in the asked format and write the full result. Output goes through `CliIo` so tests can
 * capture it; status lines go to stderr so stdout stays clean for `--format json|csv` pipes.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resultFingerprint } from '../lib/experiment/fingerprint';
import { pilotSeeds, summarizePilot, type PilotResult } from '../lib/experiment/pilot';
import { formatPilotCsv } from '../lib/experiment/pilot-csv';
import { readJsonArg, setupPilot } from './pilot-setup';
import { needsLtvModel, trainLtvForCli } from './ltv-train';
import type { LtvWeightsJson } from '../lib/policies/ltv-network';
import { formatPilotTable } from './pilot-table';
import { fromResultsJson, toResultsJson } from '../lib/experiment/results-json';
import { loadScenarioArg, UsageError } from './scenario-source';
import { defaultThreads, runSeeds } from './seed-pool';
import { checkShardFile, makeShardFile, mergeShards, shardSeeds, type NamedShard } from './shard';
import type { Format, PilotArgs } from './sim-args';

/** Where the CLI writes: report text (stdout), status and errors (stderr). */
export interface CliIo {
	out(text: string): void;
	err(text: string): void;
	/** Whether to show progress (stderr is a terminal). */
	progress: boolean;
}

/** Refuse an --out whose folder does not exist before spending minutes on a pilot. */
export function checkOutPath(out: string | undefined): void {
	if (out === undefined) return;
	const folder = dirname(out);
	const stat = statSync(folder, { throwIfNoEntry: false });
	if (!stat?.isDirectory()) throw new UsageError(`--out: the folder "${folder}" does not exist`);
	if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) {
		throw new UsageError(`--out: "${out}" is a folder; give a file name`);
	}
}

/** Print the report in `format`, and write the full result as JSON to `out`. */
export function report(result: PilotResult, format: Format, out: string | undefined, io: CliIo) {
	if (format === 'table') {
		io.out(`${formatPilotTable(result)}\n`);
		// The lab shows the same fingerprint for the same scenario, config and seeds.
		io.out(`Fingerprint ${resultFingerprint(result)} (the lab shows the same for this pilot)\n`);
	} else if (format === 'json') io.out(`${toResultsJson(result)}\n`);
	else io.out(formatPilotCsv(result));
	if (out !== undefined) {
		writeFileSync(out, `${toResultsJson(result)}\n`);
		io.err(`Wrote the full result to ${out}\n`);
	}
}

/**
 * The LTV model a pilot's ts-curve-ltv policies need when they have none (from --policies, or a
 * --config file without one): trained on the scenario's history, market seed = the first seed.
 */
async function ltvModelFor(args: PilotArgs, io: CliIo): Promise<LtvWeightsJson | undefined> {
	const fromFile = args.config === undefined ? undefined : readJsonArg('--config', args.config);
	const policies =
		args.policies?.map((kind) => ({ kind })) ??
		(Array.isArray(fromFile)
			? fromFile
			: (fromFile as { policies?: unknown } | undefined)?.policies);
	if (!needsLtvModel(policies)) return undefined;
	const scenario = loadScenarioArg(args.scenario);
	const start = performance.now();
	const model = await trainLtvForCli(scenario, args.firstSeed ?? scenario.seed);
	const seconds = ((performance.now() - start) / 1000).toFixed(1);
	io.err(`Trained an LTV model for ts-curve-ltv on the scenario's history (${seconds} s).\n`);
	return model;
}

/** Run a pilot (or one shard of it) as the arguments say; resolves with the exit code. */
export async function runPilotCommand(args: PilotArgs, io: CliIo): Promise<number> {
	checkOutPath(args.out);
	const { scenario, config } = setupPilot(args, await ltvModelFor(args, io));
	const allSeeds = pilotSeeds(config);
	const seeds = args.shard ? shardSeeds(allSeeds, args.shard) : allSeeds;
	const threads = args.threads ?? defaultThreads(seeds.length);
	const results = await runSeeds(scenario, config, seeds, {
		threads,
		keepLogsFor: allSeeds[0],
		onSeed: (_, done, total) => {
			if (io.progress) io.err(`\r${scenario.name}: ${done}/${total} seeds done`);
			if (io.progress && done === total) io.err('\n');
		}
	});
	if (args.shard) {
		const text = `${toResultsJson(makeShardFile(scenario, config, args.shard, results))}\n`;
		const { index, count } = args.shard;
		if (args.out === undefined) io.out(text);
		else {
			writeFileSync(args.out, text);
			io.err(`Wrote shard ${index}/${count} (${seeds.length} seeds) to ${args.out}\n`);
		}
		return 0;
	}
	report(summarizePilot(scenario, config, results), args.format, args.out, io);
	return 0;
}

/** Read one shard file, with usage errors naming it. */
export function readShardFile(file: string): NamedShard {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		throw new UsageError(`merge: cannot read "${file}"`);
	}
	let value: unknown;
	try {
		value = fromResultsJson(text);
	} catch {
		throw new UsageError(`merge: ${file} is not valid JSON (a shard file written by --shard?)`);
	}
	return { file, shard: checkShardFile(file, value) };
}

/** Combine shard files and report as an unsharded run would. */
export function runMergeCommand(
	files: string[],
	format: Format,
	out: string | undefined,
	io: CliIo
): number {
	checkOutPath(out);
	const { scenario, config, results } = mergeShards(files.map(readShardFile));
	report(summarizePilot(scenario, config, results), format, out, io);
	return 0;
}
