/** The `npm run sim` help text and `--list`. */
import { DEFAULT_POLICIES, DEFAULT_SEEDS, MAX_SEEDS } from '../lib/experiment/pilot-config';
import { OBJECTIVES } from '../lib/policies/policy';
import { policyKinds } from '../lib/policies/registry';
import { presetNames, presets } from '../lib/sim/presets';
import { textTable } from './text-table';

/** Most worker threads `--threads` accepts. */
export const MAX_THREADS = 64;

/** The short synopsis shown under a usage error. */
export const SYNOPSIS = `Usage:
  npm run sim -- --scenario <file.json|preset> [--policies A,B,…] [--seeds N] [options]
  npm run sim -- merge <shard.json> <shard.json> … [--out FILE] [--format table|json|csv]
  npm run sim -- run --scenario <file.json|preset> [--seed N] [--days N] [--out FILE]
  npm run sim -- --list | --help`;

/** The full help. */
export function usage(): string {
	return `${SYNOPSIS}

A pilot runs every policy on the same seeds of a scenario (common random numbers: the same market
draws for each policy) and compares them in business terms with 95 % intervals. The oracle (the
simulator's true response curves) always runs, as the upper bound for regret and "% of oracle".

Pilot options:
  --scenario FILE|PRESET  a scenario JSON file, or a preset: ${presetNames().join(', ')}
  --policies A,B,…        policy kinds to compare (see --list); default:
                          ${DEFAULT_POLICIES.map((p) => p.kind).join(',')}
                          (ts-curve-ltv without a model first trains an LTV model on the
                          scenario's history with TF.js: a few seconds)
  --config FILE.json      a pilot config as JSON, the lab's format: {"policies": [{"kind": "ts-curve",
                          "forgetting": 0.98}, …], "seeds", "firstSeed", "days", "objective",
                          "guardrails", "baseline", "frequencyThreshold"}; a bare JSON list is read
                          as the policies. The flags here override its fields.
  --seeds N               how many seeds, 1–${MAX_SEEDS} (default ${DEFAULT_SEEDS})
  --first-seed N          the first seed; a pilot runs seeds N, N+1, … (default: the scenario's seed)
  --days N                pilot days, 1–3650 (default: the scenario's horizon)
  --objective O           what the learning policies maximise: ${OBJECTIVES.join(', ')}
                          (default ltv-profit)
  --guardrails FILE.json  guardrail config (default: the lab's defaults)
  --baseline ID           the policy differences are measured against (default: the first BAU one)
  --format F              table (default), json (the full result) or csv (one row per policy with
                          every metric, its 95 % interval and its difference to the baseline)
  --out FILE              also write the full result as JSON to FILE (NaN and ±Infinity as strings)
  --threads N             worker threads, 1–${MAX_THREADS} (default: one per core, at most one per seed);
                          results are identical for any number of threads
  --shard I/N             run only the seeds at positions I, I+N, I+2N, … (0 ≤ I < N) and write their
                          per-seed results as JSON to --out (or stdout), for merge

Merge:
  merge A.json B.json …   combine the shard files of one pilot (same scenario and config, each seed
                          once, none missing) into the report an unsharded run prints; takes --out
                          and --format like a pilot.

Fixed split (one run at the historical split, the CLI's behaviour before pilots):
  run --scenario FILE|PRESET [--seed N] [--days N] [--out FILE]
                          prints spend and true vs last-click conversions per channel; --out writes
                          the daily observables and ground truth as JSON.

Other:
  --list                  presets and policy kinds, one line each
  --help                  this help

Exit status: 0 done, 1 failed while running, 2 bad arguments or input files.

Examples:
  npm run sim -- --scenario two-channels --policies bau-fixed,thompson,ts-curve --seeds 10
  npm run sim -- --scenario dtc-default --seeds 30 --format csv > pilot.csv
  npm run sim -- --scenario dtc-default --shard 0/2 --out a.json   (and --shard 1/2 --out b.json)
  npm run sim -- merge a.json b.json --out pilot.json`;
}

/** First sentence of a description, for one-line listings. */
function firstSentence(text: string): string {
	const match = /^(.*?[.?!])(\s|$)/.exec(text);
	return match ? match[1] : text;
}

/** Presets and policy kinds with one line each. */
export function formatList(): string {
	const presetRows = presetNames().map((name) => [
		name,
		firstSentence(presets[name].description ?? '')
	]);
	const kindRows = policyKinds().map((k) => [k.kind, k.family, k.description]);
	return [
		'Presets (--scenario):',
		textTable(['Preset', 'Description'], presetRows, ['left', 'left']),
		'',
		'Policy kinds (--policies; the oracle always runs):',
		textTable(['Kind', 'Family', 'Description'], kindRows, ['left', 'left', 'left'])
	].join('\n');
}
