/**
 * Pilot speed for `npm run bench pilot`: the dtc-default pilot with 10 representative policies
 * × 30 seeds over its 365-day horizon, on the CLI's worker-thread pool (one thread per core),
 * wall seconds from start to summary — and each policy kind's mean milliseconds per run, so the
 * slow ones show. One measurement, not a median: the figure is seconds on two cores, and the
 * first seed of each worker thread runs cold (its code not yet optimised by V8).
 *
 * `npm run sim` and `npm run bench` run node with `--single-threaded` (V8 without background
 * compiler and GC threads): the pool's workers already fill every core, and V8's helpers only
 * competed with them — about 20 % of the pilot's wall time on this machine.
 */
import { summarizePilot, pilotSeeds } from '../lib/experiment/pilot';
import { parsePilotConfig } from '../lib/experiment/pilot-config';
import { sharedStart } from '../lib/experiment/runner';
import { loadPreset } from '../lib/sim/presets';
import type { Figure } from './bench';
import { defaultThreads, runSeeds } from './seed-pool';

/** The four BAU rules, four bandits, the response-curve learner and the oracle. */
export const BENCH_POLICIES = [
	'bau-fixed',
	'bau-last-click',
	'bau-platform-roas',
	'bau-manual-ops',
	'thompson',
	'ucb1',
	'epsilon-greedy',
	'discounted-thompson',
	'ts-curve',
	'oracle'
] as const;

const SEEDS = 30;

/**
 * Median wall milliseconds to simulate a seed's history (the part of a seed shared by its runs),
 * in this thread after two warm-up runs (this thread has not run the market yet).
 */
function historyMs(scenario: ReturnType<typeof loadPreset>, seeds: number[]): number {
	for (const seed of seeds.slice(0, 2)) sharedStart(scenario, seed);
	const times = seeds.map((seed) => {
		const start = performance.now();
		sharedStart(scenario, seed);
		return performance.now() - start;
	});
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Whether node runs V8 without background threads (as `npm run bench` starts it). */
function singleThreadedV8(): boolean {
	return process.execArgv.includes('--single-threaded');
}

/** The pilot suite of `npm run bench`. */
export async function benchPilot(): Promise<Figure[]> {
	const scenario = loadPreset('dtc-default');
	const parsed = parsePilotConfig(
		{ policies: BENCH_POLICIES.map((kind) => ({ kind })), seeds: SEEDS },
		scenario
	);
	if (!parsed.ok) throw new Error(`bench pilot config: ${JSON.stringify(parsed.errors)}`);
	const config = parsed.value;
	const seeds = pilotSeeds(config);
	const threads = defaultThreads(seeds.length);
	const perPolicy: number[][] = BENCH_POLICIES.map(() => []);
	const start = performance.now();
	const cpuStart = process.cpuUsage();
	const results = await runSeeds(scenario, config, seeds, {
		threads,
		keepLogsFor: seeds[0],
		onSeed: (timed) => timed.policyMs.forEach((ms, i) => perPolicy[i].push(ms))
	});
	summarizePilot(scenario, config, results);
	const seconds = (performance.now() - start) / 1000;
	// CPU time of every thread of this process: what the pilot costs whatever else runs here.
	const cpu = process.cpuUsage(cpuStart);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	// The first policy's time includes the seed's history; measure that alone and take it off.
	const history = historyMs(scenario, seeds.slice(0, 5));
	const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
	return [
		{
			name: 'pilot.default_10x30_s',
			value: +seconds.toFixed(2),
			unit: 's',
			note: `dtc-default, ${BENCH_POLICIES.length} policies × ${SEEDS} seeds × ${scenario.days} days, ${threads} worker threads${singleThreadedV8() ? ' (V8 --single-threaded)' : ''}, wall time to the summary (goal ≤ 2 s)`
		},
		{
			name: 'pilot.default_10x30_cpu_s',
			value: +cpuSeconds.toFixed(2),
			unit: 's',
			note: `CPU seconds of the same pilot over all threads (÷ ${threads} = its wall time on an idle machine)`
		},
		{
			name: 'pilot.history_ms',
			value: +history.toFixed(1),
			unit: 'ms',
			note: `one seed's ${scenario.history.days} days of history (shared by the seed's runs), main thread`
		},
		...BENCH_POLICIES.map((kind, i) => ({
			name: `pilot.seed_ms.${kind}`,
			value: +Math.max(0, mean(perPolicy[i]) - (i === 0 ? history : 0)).toFixed(1),
			unit: 'ms',
			note: `mean wall ms of one ${kind} run over ${scenario.days} days incl. its metrics, in a worker thread (${threads} busy)`
		}))
	];
}
