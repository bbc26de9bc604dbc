/**
 * `npm run sim` arguments → a command. Only the syntax is checked here (known options, values
 * present, whole numbers, formats); files are read and the pilot config validated in
 * pilot-setup.ts, so every message can name the option it is about.
 */
import { parseArgs } from 'node:util';
import { intArg, UsageError } from './scenario-source';
import type { ShardSpec } from './shard';
import { MAX_THREADS } from './usage';

/** How a report is printed. */
export type Format = 'table' | 'json' | 'csv';
export const FORMATS: readonly Format[] = ['table', 'json', 'csv'];

/** A pilot as asked for on the command line (before files are read and the config validated). */
export interface PilotArgs {
	scenario: string;
	/** Policy kinds from --policies. */
	policies?: string[];
	/** --config: a pilot config JSON file. */
	config?: string;
	seeds?: number;
	firstSeed?: number;
	days?: number;
	objective?: string;
	/** --guardrails: a guardrail config JSON file. */
	guardrails?: string;
	baseline?: string;
	format: Format;
	out?: string;
	threads?: number;
	shard?: ShardSpec;
}

/** What `npm run sim` was asked to do. */
export type Command =
	| { kind: 'help' }
	| { kind: 'list' }
	| { kind: 'pilot'; args: PilotArgs }
	| { kind: 'merge'; files: string[]; format: Format; out?: string }
	| { kind: 'run'; scenario: string; seed?: number; days?: number; out?: string };

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const common = {
	help: { type: 'boolean' },
	list: { type: 'boolean' }
} as const satisfies Options;

const pilotOptions = {
	...common,
	scenario: { type: 'string' },
	policies: { type: 'string' },
	config: { type: 'string' },
	seeds: { type: 'string' },
	'first-seed': { type: 'string' },
	days: { type: 'string' },
	objective: { type: 'string' },
	guardrails: { type: 'string' },
	baseline: { type: 'string' },
	format: { type: 'string' },
	out: { type: 'string' },
	threads: { type: 'string' },
	shard: { type: 'string' },
	// Only to say where it belongs (the fixed split), rather than "unknown option".
	seed: { type: 'string' }
} as const satisfies Options;

const mergeOptions = {
	...common,
	format: { type: 'string' },
	out: { type: 'string' }
} as const satisfies Options;

const runOptions = {
	...common,
	scenario: { type: 'string' },
	seed: { type: 'string' },
	days: { type: 'string' },
	out: { type: 'string' }
} as const satisfies Options;

/** Node's parseArgs errors, reworded: which option, and what is wrong with it. */
function reword(error: Error & { code?: string }): string {
	const option = /'(-[^' ]+)/.exec(error.message)?.[1];
	const positional = /argument '([^']*)'/.exec(error.message)?.[1];
	switch (error.code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
			return `unknown option ${option ?? error.message}`;
		case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
			return `unexpected argument "${positional ?? '?'}" (commands: merge, run; options start with --)`;
		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
			if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
			return `${option} needs a value${/ambiguous/.test(error.message) ? ' (the next argument is an option; write --opt=-x for a value starting with "-")' : ''}`;
		default:
			return error.message;
	}
}

function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals });
	} catch (error) {
		throw new UsageError(reword(error as Error & { code?: string }));
	}
}

/** A whole number ≥ 0 written in digits, or a usage error naming the option. */
export function wholeNumberArg(option: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
		throw new UsageError(`${option}: must be a whole number, got "${value}"`);
	}
	return n;
}

function formatArg(value: string | undefined): Format {
	if (value === undefined) return 'table';
	if (!(FORMATS as readonly string[]).includes(value)) {
		throw new UsageError(`--format: must be one of ${FORMATS.join(', ')}, got "${value}"`);
	}
	return value as Format;
}

/** `--policies a,b,c` → kinds (their validity is checked with the config). */
export function policiesArg(value: string | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const kinds = value.split(',').map((kind) => kind.trim());
	if (kinds.some((kind) => kind === '')) {
		throw new UsageError(
			`--policies: an empty name in "${value}" (write kinds separated by commas)`
		);
	}
	return kinds;
}

/** `--shard i/n` with 0 ≤ i < n. */
export function shardArg(value: string | undefined): ShardSpec | undefined {
	if (value === undefined) return undefined;
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
	const index = match ? Number(match[1]) : NaN;
	const count = match ? Number(match[2]) : NaN;
	if (!match || count < 1 || index >= count || count > 10_000) {
		throw new UsageError(
			`--shard: must be I/N with 0 ≤ I < N (e.g. 0/4 … 3/4 for four shards), got "${value}"`
		);
	}
	return { index, count };
}

function threadsArg(value: string | undefined): number | undefined {
	const threads = wholeNumberArg('--threads', value);
	if (threads !== undefined && (threads < 1 || threads > MAX_THREADS)) {
		throw new UsageError(`--threads: must be from 1 to ${MAX_THREADS}, got "${value}"`);
	}
	return threads;
}

/** Options that only a pilot takes: with none of them, `--seed N` means the fixed-split run. */
const PILOT_ONLY = [
	'policies',
	'config',
	'seeds',
	'first-seed',
	'objective',
	'guardrails',
	'baseline',
	'format',
	'threads',
	'shard'
] as const;

function parsePilot(argv: string[]): Command {
	const { values } = parse(argv, pilotOptions, false);
	if (values.help) return { kind: 'help' };
	if (values.list) return { kind: 'list' };
	if (values.seed !== undefined) {
		// `--scenario X --seed N [--days N] [--out F]` is the original single fixed-split run.
		const pilotOnly = PILOT_ONLY.filter((name) => values[name] !== undefined);
		if (pilotOnly.length === 0) {
			return parseRun(argv);
		}
		throw new UsageError(
			`--seed is for a single fixed-split run; a pilot (--${pilotOnly[0]}) takes --seeds N and --first-seed N`
		);
	}
	if (!values.scenario)
		throw new UsageError('--scenario is required (a file or a preset; see --list)');
	const shard = shardArg(values.shard);
	if (shard && values.format !== undefined) {
		throw new UsageError(
			'--format does not apply to --shard, which writes per-seed JSON for merge'
		);
	}
	return {
		kind: 'pilot',
		args: {
			scenario: values.scenario,
			policies: policiesArg(values.policies),
			config: values.config,
			seeds: wholeNumberArg('--seeds', values.seeds),
			firstSeed: wholeNumberArg('--first-seed', values['first-seed']),
			days: wholeNumberArg('--days', values.days),
			objective: values.objective,
			guardrails: values.guardrails,
			baseline: values.baseline,
			format: formatArg(values.format),
			out: values.out,
			threads: threadsArg(values.threads),
			shard
		}
	};
}

function parseMerge(argv: string[]): Command {
	const { values, positionals } = parse(argv, mergeOptions, true);
	if (values.help) return { kind: 'help' };
	if (values.list) return { kind: 'list' };
	if (positionals.length === 0) throw new UsageError('merge needs the shard files to combine');
	return { kind: 'merge', files: positionals, format: formatArg(values.format), out: values.out };
}

function parseRun(argv: string[]): Command {
	const { values } = parse(argv, runOptions, false);
	if (values.help) return { kind: 'help' };
	if (values.list) return { kind: 'list' };
	if (!values.scenario)
		throw new UsageError('run needs --scenario (a file or a preset; see --list)');
	return {
		kind: 'run',
		scenario: values.scenario,
		seed: intArg('seed', values.seed, 0, 4294967295),
		days: intArg('days', values.days, 1, 3650),
		out: values.out
	};
}

/** Parse `npm run sim` arguments; throws UsageError with a message for the user. */
export function parseCommand(argv: string[]): Command {
	const [first, ...rest] = argv;
	if (first === 'merge') return parseMerge(rest);
	if (first === 'run') return parseRun(rest);
	if (first === 'pilot') return parsePilot(rest);
	if (argv.length === 0) return { kind: 'help' };
	return parsePilot(argv);
}
