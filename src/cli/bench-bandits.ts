/**
 * Bandit speed figures for `npm run bench bandits`: how many Thompson-sampling arm choices a
 * single thread makes per second. The allocators call the same loop once per budget chunk, and
 * a pilot over many seeds and policies calls it millions of times.
 */
import { createBetaThompson } from '../lib/policies/bandits/beta-thompson';
import { createStream } from '../lib/sim/random';
import type { Figure } from './bench';

const ARMS = 10;

/** Decisions per second of Beta–Bernoulli Thompson sampling over `ARMS` arms (median of runs). */
function thompsonDecisionsPerSecond(): number {
	const bandit = createBetaThompson({ kind: 'beta-thompson' }, ARMS);
	// Posteriors as after a few hundred pulls each: success rates 2–20%, close enough to keep
	// several arms in contention (the expensive case: no arm's draws are trivially small).
	for (let k = 0; k < ARMS; k++) bandit.update(k, 10 + 4 * k, 300 - 10 * k);
	const rng = createStream(7);
	const decisions = 200_000;
	const run = (): number => {
		let checksum = 0;
		const start = performance.now();
		for (let i = 0; i < decisions; i++) checksum += bandit.select(rng);
		const ms = performance.now() - start;
		if (checksum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
		return decisions / (ms / 1000);
	};
	const warmUntil = performance.now() + 1000;
	while (performance.now() < warmUntil) run();
	const rates = Array.from({ length: 21 }, run).sort((a, b) => a - b);
	return rates[10];
}

/** The bandit suite of `npm run bench`. */
export function benchBandits(): Figure[] {
	return [
		{
			name: 'thompson.decisions_per_s',
			value: Math.round(thompsonDecisionsPerSecond()),
			unit: 'decisions/s',
			note: `Beta–Bernoulli Thompson sampling, ${ARMS} arms (two gamma draws per arm), single thread`
		}
	];
}
