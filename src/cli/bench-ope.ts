/**
 * Off-policy evaluation speed for `npm run bench ope`: simulating the dtc-default decision log
 * (365 days × 6 channels = 2,190 decisions, the market run once for the log and once per
 * creative for the truth), and evaluating a target on it with all five estimators and 500
 * bootstrap resamples — what the OPE page's worker does. Medians of 5 runs after a warm-up.
 */
import { OpeSession, type OpeSource } from '../lib/experiment/ope/ope-session';
import type { Figure } from './bench';

function medianMs(run: () => void, times = 5): number {
	run();
	const ms = Array.from({ length: times }, () => {
		const start = performance.now();
		run();
		return performance.now() - start;
	}).sort((a, b) => a - b);
	return ms[Math.floor(times / 2)];
}

/** Median milliseconds to simulate the default log and to evaluate a target on it. */
export function benchOpe(): Figure[] {
	const source = (seed: number): OpeSource => ({
		kind: 'simulated',
		preset: 'dtc-default',
		seed,
		logging: { kind: 'epsilon-greedy', epsilon: 0.3 }
	});
	let seed = 1;
	const simulate = medianMs(() => {
		new OpeSession().load(source(seed++));
	});
	const session = new OpeSession();
	session.load(source(1));
	const evaluate = medianMs(() => {
		session.evaluate(source(1), { kind: 'greedy-model' }, { seed: 1, replicates: 500 });
	});
	return [
		{ name: 'ope.simulate_log_2190_ms', value: simulate, unit: 'ms' },
		{ name: 'ope.evaluate_2190x5_b500_ms', value: evaluate, unit: 'ms' }
	];
}
