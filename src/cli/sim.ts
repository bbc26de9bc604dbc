/**
 * `npm run sim -- --scenario <file.json|preset> [--seed N] [--days N] [--out FILE]`
 *
 * Runs a scenario under the fixed historical split and writes the daily observables and ground
 * truth as JSON (to --out, or a summary to stdout). The same engine as the browser lab.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { presetNames } from '../lib/sim/presets';
import { runFixedSplit } from '../lib/sim/run';
import { traceToJson } from '../lib/sim/export';
import { cellsByChannel, csByChannel, totalOverDays } from '../lib/sim/trace';
import { intArg, loadScenarioArg, UsageError } from './scenario-source';

const USAGE = `Usage: npm run sim -- --scenario <file.json|preset> [--seed N] [--days N] [--out FILE]

  --scenario  a scenario JSON file or a preset: ${presetNames().join(', ')}
  --seed      random seed, 0–4294967295 (default: the scenario's)
  --days      days to simulate, 1–3650 (default: the scenario's horizon)
  --out       write the daily observables and ground truth as JSON to FILE
  --list      list the presets
  --help      show this help`;

export function main(argv: string[]): number {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				scenario: { type: 'string' },
				seed: { type: 'string' },
				days: { type: 'string' },
				out: { type: 'string' },
				list: { type: 'boolean' },
				help: { type: 'boolean' }
			},
			strict: true,
			allowPositionals: false
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (values.list) {
		console.log(`Presets:\n  ${presetNames().join('\n  ')}`);
		return 0;
	}
	try {
		if (!values.scenario) throw new UsageError('--scenario is required');
		const scenario = loadScenarioArg(values.scenario);
		const seed = intArg('seed', values.seed, 0, 4294967295) ?? scenario.seed;
		const days = intArg('days', values.days, 1, 3650) ?? scenario.days;
		const market = runFixedSplit(scenario, { seed, days });
		const trace = market.trace;
		if (values.out) {
			writeFileSync(values.out, JSON.stringify(traceToJson(trace, market.scenario, seed)));
			console.log(`Wrote ${days} days of ${scenario.name} (seed ${seed}) to ${values.out}`);
		}
		const spend = totalOverDays(cellsByChannel(trace, trace.observables.spend), trace.C, days);
		const inc = totalOverDays(csByChannel(trace, trace.truth.incConversions), trace.C, days);
		const lastClick = totalOverDays(
			csByChannel(trace, trace.observables.lastClickConversions),
			trace.C,
			days
		);
		const margin = totalOverDays(csByChannel(trace, trace.truth.incLtvMargin), trace.C, days);
		console.log(`\n${scenario.name} — fixed split, seed ${seed}, ${days} days`);
		console.table(
			trace.channelIds.map((id, c) => ({
				channel: id,
				spend: Math.round(spend[c]),
				'true incremental conv.': Math.round(inc[c]),
				'last-click conv.': Math.round(lastClick[c]),
				'true CPA': +(spend[c] / inc[c]).toFixed(2),
				'LTV-profit': Math.round(margin[c] - spend[c])
			}))
		);
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n\n${USAGE}`);
			return 2;
		}
		throw error;
	}
}

process.exitCode = main(process.argv.slice(2));
