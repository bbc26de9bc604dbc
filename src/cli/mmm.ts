/**
 * `npm run mmm -- --csv FILE [--mapping FILE] [--lifts FILE] [--seed N] [--draws N]
 * [--effort fast|full] [--budget N | --target KIND=VALUE] --out fit.json`: the browser's MMM fit
 * from the command line. Imports the CSV with the same importer as the app (layout detected, or
 * the given column mapping), fits, writes the fit as JSON (per-channel roas, mroas and their
 * intervals, curves, decomposition, diagnostics) and prints a summary table. `--simulated SEED`
 * instead of `--csv` fits the data page's simulated market (truth known) and prints the true
 * ROAS beside each estimate. `--budget` prints the optimal split of a budget per period and
 * `--target` finds the budget for a target and prints its split, as the data page does. Bad
 * arguments or input exit with code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DatasetTruth } from '../lib/data/dataset';
import {
	importCsvBytes,
	importCsvText,
	type ColumnMapping,
	type ImportResult
} from '../lib/data/import';
import {
	budgetForTarget,
	checkAgainstTruth,
	fitMmm,
	formatRelativeError,
	optimalSplit,
	type BudgetTarget,
	type LiftTest,
	type MmmFit,
	type MmmOptions,
	type SplitResult
} from '../lib/data/mmm';
import { targetSentence, targetWords } from '../lib/app/target-text';
import { simulatedMarketFile, withTruth } from '../lib/data/simulated-market';

const USAGE = `Usage: npm run mmm -- --csv FILE [--mapping FILE] [--lifts FILE] [--seed N] [--draws N] [--effort fast|full] --out FILE
       npm run mmm -- --simulated SEED [options] --out FILE

  --csv FILE      the data: Robyn, Meridian or PyMC-Marketing layout, or any layout with --mapping
  --simulated N   instead of --csv: the data page's simulated market N (104 weeks, 8 channels),
                  whose true ROAS is printed beside each estimate
  --mapping FILE  JSON column mapping {layout, columns: [{name, role}]} (as the app's mapping step saves)
  --lifts FILE    JSON list of lift tests [{channelId, start, end, lift, low, high}]
  --seed N        seed of the search and bootstrap (default 1)
  --draws N       bootstrap draws for the intervals (default 100)
  --effort E      fast or full (default full)
  --budget N      print the optimal split of N (currency per period) on the fitted curves
  --target K=V    find the budget for a target and print its split; K is kpi (volume per period),
                  roas or mroas (revenue KPI: average or next-unit return of at least V),
                  cpa or mcpa (conversions KPI: cost per conversion, or of the next one, of at most V)
  --out FILE      where to write the fit (JSON)`;

/** A usage or input error: message for the user, exit code 2. */
export class CliError extends Error {}

interface Args {
	/** The CSV file, or '' with `simulated`. */
	csv: string;
	/** Seed of the simulated market to fit instead of a file. */
	simulated?: number;
	out: string;
	mapping?: string;
	lifts?: string;
	options: MmmOptions;
	/** Budget per period to split after the fit. */
	budget?: number;
	/** Target to find the budget for, as typed: its kind and value. */
	target?: { kind: TargetName; value: number };
}

/** The target kinds of `--target`, as a person names them. */
const TARGET_NAMES = ['kpi', 'roas', 'cpa', 'mroas', 'mcpa'] as const;
type TargetName = (typeof TARGET_NAMES)[number];

/** Parse the command line. */
export function parseMmmArgs(argv: readonly string[]): Args | 'help' {
	const values = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return 'help';
		if (
			![
				'--csv',
				'--simulated',
				'--mapping',
				'--lifts',
				'--seed',
				'--draws',
				'--effort',
				'--budget',
				'--target',
				'--out'
			].includes(arg)
		) {
			throw new CliError(`Unknown argument ${arg}.`);
		}
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new CliError(`${arg} needs a value.`);
		values.set(arg.slice(2), value);
		i++;
	}
	const csv = values.get('csv');
	const out = values.get('out');
	const simulatedText = values.get('simulated');
	if (csv && simulatedText !== undefined)
		throw new CliError('Give either --csv FILE or --simulated SEED, not both.');
	if (!csv && simulatedText === undefined)
		throw new CliError('--csv FILE (or --simulated SEED) is required.');
	let simulated: number | undefined;
	if (simulatedText !== undefined) {
		simulated = Number(simulatedText);
		if (!Number.isInteger(simulated) || simulated < 1 || simulated > 1_000_000)
			throw new CliError(
				`--simulated must be a whole number from 1 to 1000000; got ${simulatedText}.`
			);
	}
	if (!out) throw new CliError('--out FILE is required.');
	const options: MmmOptions = {};
	for (const name of ['seed', 'draws'] as const) {
		const text = values.get(name);
		if (text === undefined) continue;
		const n = Number(text);
		if (!Number.isInteger(n) || n < 0)
			throw new CliError(`--${name} must be a whole number ≥ 0; got ${text}.`);
		options[name] = n;
	}
	const effort = values.get('effort');
	if (effort !== undefined) {
		if (effort !== 'fast' && effort !== 'full')
			throw new CliError(`--effort must be fast or full; got ${effort}.`);
		options.effort = effort;
	}
	const budgetText = values.get('budget');
	const targetText = values.get('target');
	if (budgetText !== undefined && targetText !== undefined)
		throw new CliError('Give either --budget N or --target KIND=VALUE, not both.');
	let budget: number | undefined;
	if (budgetText !== undefined) {
		budget = Number(budgetText);
		if (!(Number.isFinite(budget) && budget > 0))
			throw new CliError(`--budget must be an amount above 0; got ${budgetText}.`);
	}
	let target: Args['target'];
	if (targetText !== undefined) {
		const [kind, valueText] = targetText.split('=');
		const value = Number(valueText);
		if (!TARGET_NAMES.includes(kind as TargetName) || valueText === undefined)
			throw new CliError(
				`--target must be KIND=VALUE with KIND one of ${TARGET_NAMES.join(', ')}; got ${targetText}.`
			);
		if (!(Number.isFinite(value) && value > 0))
			throw new CliError(`--target ${kind} needs a value above 0; got ${valueText}.`);
		target = { kind: kind as TargetName, value };
	}
	return {
		csv: csv ?? '',
		simulated,
		out,
		mapping: values.get('mapping'),
		lifts: values.get('lifts'),
		options,
		budget,
		target
	};
}

/** A `--target` in the search's terms; throws a CliError when it does not suit the KPI. */
export function budgetTarget(fit: MmmFit, target: NonNullable<Args['target']>): BudgetTarget {
	const conversions = fit.dataset.kpiKind === 'conversions';
	if ((target.kind === 'roas' || target.kind === 'mroas') && conversions)
		throw new CliError(
			`--target ${target.kind} needs a revenue KPI; ${fit.dataset.kpiName} counts conversions: use cpa or mcpa.`
		);
	if ((target.kind === 'cpa' || target.kind === 'mcpa') && !conversions)
		throw new CliError(
			`--target ${target.kind} needs a conversions KPI; ${fit.dataset.kpiName} is revenue: use roas or mroas.`
		);
	const kind =
		target.kind === 'kpi'
			? 'kpi'
			: target.kind === 'roas' || target.kind === 'cpa'
				? 'efficiency'
				: 'marginal';
	return { kind, value: conversions && kind !== 'kpi' ? 1 / target.value : target.value };
}

/** The optimal split as printed: the expected change, then one line per channel. */
export function splitLines(fit: MmmFit, split: SplitResult): string[] {
	const unit = fit.dataset.granularity === 'week' ? 'week' : 'day';
	const n = (x: number) => x.toFixed(0);
	const f = (x: number) => x.toFixed(2);
	const change = split.kpiChange;
	return [
		`Optimal split of ${n(split.total)} per ${unit} (today ${n(split.currentTotal)}): ${fit.dataset.kpiName} ${change.mean >= 0 ? '+' : ''}${n(change.mean)} per ${unit} [${n(change.low)}, ${n(change.high)}]${split.fullySpent ? '' : '; not all of it can be spent'}`,
		...split.channels.map(
			(ch) =>
				`${ch.name.padEnd(24)} ${n(ch.current).padStart(10)} → ${n(ch.recommended).padStart(10)}  mROAS ${f(ch.mroasCurrent)} → ${f(ch.mroasRecommended)}${ch.binding ? `  (at its ${ch.binding === 'max' ? 'maximum' : 'minimum'})` : ''}`
		)
	];
}

/** What `--budget` or `--target` prints after the fit (nothing without them). */
export function planLines(fit: MmmFit, args: Pick<Args, 'budget' | 'target'>): string[] {
	const split = (total: number) => splitLines(fit, optimalSplit(fit, { total, objective: 'kpi' }));
	if (args.budget !== undefined) return split(args.budget);
	if (!args.target) return [];
	const found = budgetForTarget(fit, budgetTarget(fit, args.target));
	return [
		targetSentence(found, targetWords(fit)),
		...(found.budget === null ? [] : split(found.budget))
	];
}

function readJson(path: string, what: string): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		throw new CliError(`Cannot read the ${what} file ${path}.`);
	}
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new CliError(`The ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
	}
}

/** Import, fit and write; returns the fit. Throws CliError for bad arguments or input. */
export async function runMmm(
	args: Args,
	log: (line: string) => void = () => {}
): Promise<{ fit: MmmFit; truth?: DatasetTruth }> {
	const mapping = args.mapping ? (readJson(args.mapping, 'mapping') as ColumnMapping) : undefined;
	const lifts = args.lifts ? readJson(args.lifts, 'lifts') : undefined;
	if (lifts !== undefined && !Array.isArray(lifts))
		throw new CliError('The lifts file must hold a JSON list.');
	const imported = importSource(args, mapping);
	if (!imported.ok) {
		const lines = imported.errors.map((issue) => `  ${issue.message}`);
		const more = imported.totalErrors - imported.errors.length;
		throw new CliError(
			`${args.csv} could not be imported:\n${lines.join('\n')}${more > 0 ? `\n  …and ${more} more.` : ''}`
		);
	}
	const { dataset } = imported;
	log(
		`Imported ${dataset.dates.length} ${dataset.granularity}s × ${dataset.channels.length} channels (${imported.mapping.layout} layout).`
	);
	let fit: MmmFit;
	try {
		fit = await fitMmm(dataset, { ...args.options, lifts: lifts as LiftTest[] | undefined });
	} catch (error) {
		if (error instanceof RangeError) throw new CliError(error.message);
		throw error;
	}
	try {
		writeFileSync(args.out, JSON.stringify(fit));
	} catch {
		throw new CliError(`Cannot write ${args.out}.`);
	}
	return { fit, truth: dataset.truth };
}

/**
 * Read and import the CSV file; or simulate the market once, import its file and attach its
 * truth (as the data page's importer does).
 */
function importSource(args: Args, mapping: ColumnMapping | undefined): ImportResult {
	if (args.simulated !== undefined) {
		const file = simulatedMarketFile(args.simulated);
		const imported = importCsvText(file.csv, { fileName: file.fileName });
		return imported.ok ? { ...imported, dataset: withTruth(imported.dataset, file) } : imported;
	}
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(args.csv);
	} catch {
		throw new CliError(`Cannot read the CSV file ${args.csv}.`);
	}
	const fileName = args.csv.split(/[\\/]/).pop() ?? args.csv;
	return importCsvBytes(bytes, { fileName, mapping });
}

/** The summary table printed after a fit (with the true ROAS when the market is simulated). */
export function summaryLines(fit: MmmFit, truth?: DatasetTruth): string[] {
	const d = fit.diagnostics;
	const f = (x: number) => x.toFixed(2);
	const check = truth ? checkAgainstTruth(fit, truth) : null;
	const trueRoas = (id: string) => {
		const row = check?.rows.find((r) => r.id === id);
		return row ? `  true ${f(row.truth)} (${formatRelativeError(row.error)})` : '';
	};
	const pct = Math.round(fit.intervalLevel * 100);
	const lines = [
		`R² ${f(d.r2)}, NRMSE ${f(d.nrmse)}, MAPE ${(d.mape * 100).toFixed(1)} %; holdout (${d.holdout.periods} periods) R² ${f(d.holdout.r2)}, MAPE ${(d.holdout.mape * 100).toFixed(1)} %; ${d.seconds.toFixed(1)} s`,
		`ROAS = ${fit.dataset.kpiName} per currency unit; [${pct} % interval]`,
		...fit.channels.map(
			(ch) =>
				`${ch.name.padEnd(24)} spend ${(ch.spendShare * 100).toFixed(1).padStart(5)} %  ROAS ${f(ch.roas.mean)} [${f(ch.roas.low)}, ${f(ch.roas.high)}]${ch.roasIdentified === false ? ' (not pinned to ±15 %)' : ''}${trueRoas(ch.id)}  mROAS ${f(ch.mroas.mean)} [${f(ch.mroas.low)}, ${f(ch.mroas.high)}]`
		),
		...(check
			? [
					`Against the truth: ${check.recovered} of ${check.counted} channels with ≥ 10 % of spend within ±15 %; the interval holds the truth for ${check.inside} of ${check.compared}.`
				]
			: []),
		...d.warnings.map((w) => `Note: ${w}`)
	];
	return lines;
}

/** CLI entry: returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	try {
		const args = parseMmmArgs(argv);
		if (args === 'help') {
			console.log(USAGE);
			return 0;
		}
		const { fit, truth } = await runMmm(args, (line) => console.log(line));
		for (const line of summaryLines(fit, truth)) console.log(line);
		console.log(`Wrote ${args.out}.`);
		for (const line of planLines(fit, args)) console.log(line);
		return 0;
	} catch (error) {
		if (error instanceof CliError) {
			console.error(`${error.message}\n\n${USAGE}`);
			return 2;
		}
		throw error;
	}
}

if (process.argv[1] && /mmm\.ts$/.test(process.argv[1])) {
	process.exitCode = await main(process.argv.slice(2));
}
