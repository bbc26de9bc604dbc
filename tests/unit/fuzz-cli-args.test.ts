/**
 * Fuzzing `npm run sim` arguments (issue: bad input): every generated command line ends in a
 * command or in a UsageError whose message names the option or argument at fault — never another
 * exception. Pilot commands on presets are also set up (config validated) the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setupPilot } from '../../src/cli/pilot-setup';
import { UsageError } from '../../src/cli/scenario-source';
import { parseCommand } from '../../src/cli/sim-args';
import { CliError, parseMmmArgs } from '../../src/cli/mmm';

const RUNS = 1_000;

const OPTIONS = [
	'--scenario',
	'--policies',
	'--config',
	'--seeds',
	'--first-seed',
	'--days',
	'--objective',
	'--guardrails',
	'--baseline',
	'--format',
	'--out',
	'--threads',
	'--shard',
	'--seed',
	'--help',
	'--list',
	'--nope',
	'-x'
];

/** Values people type, mistype, and hostile ones. */
const value = fc.oneof(
	fc.constantFrom(
		'dtc-default',
		'two-channels',
		'creative-fatigue',
		'no-such-preset',
		'bau-fixed,thompson',
		'bau-fixed,,ts-curve',
		'ts-curve,nope',
		'0',
		'1',
		'3',
		'501',
		'-1',
		'2.5',
		'1e3',
		'NaN',
		'Infinity',
		'9007199254740993',
		'0/2',
		'2/2',
		'a/b',
		'table',
		'json',
		'csv',
		'xml',
		'ltv-profit',
		'clicks',
		'cheap',
		'/nonexistent/dir/out.json',
		'=@SUM(A1)',
		'',
		' ',
		'--days'
	),
	fc.string({ maxLength: 12 }),
	fc.integer({ min: -5, max: 600 }).map(String)
);

const token = fc.oneof(
	fc.constantFrom(...OPTIONS),
	value,
	fc.constantFrom('merge', 'run', 'pilot')
);
const argv = fc.array(token, { maxLength: 9 });

/** Either a command, or a UsageError with a specific message; anything else fails the test. */
function outcome(args: string[]): 'ok' | 'usage' {
	try {
		const command = parseCommand(args);
		if (
			command.kind === 'pilot' &&
			/^(two-channels|creative-fatigue)$/.test(command.args.scenario)
		) {
			// Short horizons keep the cases fast; the config is validated exactly as for a real run.
			setupPilot({ ...command.args, days: Math.min(command.args.days ?? 5, 5) });
		}
		return 'ok';
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		expect(error.message.length).toBeGreaterThan(8);
		// Names what it is about: one of the arguments given, or the one that is missing.
		const named = args.some((arg) => arg.trim() !== '' && error.message.includes(arg.trim()));
		expect(
			named || /--scenario|merge needs|--[a-z-]+|unexpected argument "/.test(error.message),
			error.message
		).toBe(true);
		return 'usage';
	}
}

describe('npm run sim arguments, fuzzed', () => {
	it(`end in a command or a clear usage error (${RUNS} cases)`, () => {
		const counts = { ok: 0, usage: 0 };
		fc.assert(
			fc.property(argv, (args) => {
				counts[outcome(args)]++;
			}),
			{ numRuns: RUNS, seed: 20261123 }
		);
		console.log(
			`fuzz cli args: ${RUNS} cases, ${counts.ok} commands, ${counts.usage} usage errors`
		);
		// The generator reaches both outcomes (otherwise it tests nothing).
		expect(counts.ok).toBeGreaterThan(20);
		expect(counts.usage).toBeGreaterThan(200);
	});
});

const MMM_OPTIONS = [
	'--csv',
	'--mapping',
	'--lifts',
	'--seed',
	'--draws',
	'--effort',
	'--out',
	'--simulated',
	'--help',
	'-h',
	'--nope',
	'csv'
];
const mmmArgv = fc.array(
	fc.oneof(
		fc.constantFrom(...MMM_OPTIONS),
		value,
		fc.constantFrom('fast', 'full', 'data.csv', 'fit.json')
	),
	{
		maxLength: 10
	}
);

describe('npm run mmm arguments, fuzzed', () => {
	it(`end in arguments or a clear message naming the option (${RUNS} cases)`, () => {
		const counts = { ok: 0, usage: 0 };
		fc.assert(
			fc.property(mmmArgv, (args) => {
				try {
					const parsed = parseMmmArgs(args);
					if (parsed !== 'help') {
						// Exactly one source: a file or a simulated market.
						expect(parsed.csv.length > 0).toBe(parsed.simulated === undefined);
						expect(parsed.out.length).toBeGreaterThan(0);
					}
					counts.ok++;
				} catch (error) {
					if (!(error instanceof CliError)) throw error;
					expect(error.message).toMatch(/--[a-z]+|Unknown argument/);
					counts.usage++;
				}
			}),
			{ numRuns: RUNS, seed: 7 }
		);
		console.log(`fuzz mmm args: ${RUNS} cases, ${counts.ok} parsed, ${counts.usage} usage errors`);
		expect(counts.ok).toBeGreaterThan(10);
		expect(counts.usage).toBeGreaterThan(200);
	});
});
