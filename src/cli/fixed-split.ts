/**
 * `npm run sim -- run`: one run of a scenario at the historical (fixed) split — the CLI's
 * behaviour before pilots. Prints spend, true incremental and last-click conversions, true CPA
 * and LTV-profit per channel; `--out` writes the daily observables and ground truth as JSON.
 */
import { writeFileSync } from 'node:fs';
import { runFixedSplit } from '../lib/sim/run';
import { traceToJson } from '../lib/sim/export';
import { cellsByChannel, csByChannel, totalOverDays } from '../lib/sim/trace';
import { formatNumber } from './number-format';
import type { CliIo } from './pilot-command';
import { checkOutPath } from './pilot-command';
import { loadScenarioArg } from './scenario-source';
import { textTable } from './text-table';

/** What `run` takes: the scenario, and optionally the seed, days and an output file. */
export interface FixedSplitArgs {
	scenario: string;
	seed?: number;
	days?: number;
	out?: string;
}

/** Run the fixed split and print its per-channel summary; returns the exit code. */
export function runFixedSplitCommand(args: FixedSplitArgs, io: CliIo): number {
	const scenario = loadScenarioArg(args.scenario);
	checkOutPath(args.out);
	const seed = args.seed ?? scenario.seed;
	const days = args.days ?? scenario.days;
	const market = runFixedSplit(scenario, { seed, days });
	const trace = market.trace;
	if (args.out) {
		writeFileSync(args.out, JSON.stringify(traceToJson(trace, market.scenario, seed)));
		io.err(`Wrote ${days} days of ${scenario.name} (seed ${seed}) to ${args.out}\n`);
	}
	const total = (values: Float64Array) => totalOverDays(values, trace.C, days);
	const spend = total(cellsByChannel(trace, trace.observables.spend));
	const inc = total(csByChannel(trace, trace.truth.incConversions));
	const lastClick = total(csByChannel(trace, trace.observables.lastClickConversions));
	const margin = total(csByChannel(trace, trace.truth.incLtvMargin));
	const rows = trace.channelIds.map((id, c) => [
		id,
		formatNumber(spend[c]),
		formatNumber(inc[c]),
		formatNumber(lastClick[c]),
		formatNumber(spend[c] / inc[c], 2),
		formatNumber(margin[c] - spend[c])
	]);
	const header = [
		'Channel',
		`Spend (${scenario.currency})`,
		'True incremental conv.',
		'Last-click conv.',
		'True CPA',
		'LTV-profit'
	];
	io.out(
		`${scenario.name} — fixed split, seed ${seed}, ${days} days\n` +
			`${textTable(header, rows, ['left', 'right', 'right', 'right', 'right', 'right'])}\n`
	);
	return 0;
}
