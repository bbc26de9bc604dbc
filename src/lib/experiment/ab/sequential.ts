/**
 * A simulated comparison of two ways to run the same test: a fixed split (equal traffic until
 * the stopping rule fires, then everything to the winner) against sequential Thompson sampling
 * (each day's traffic split by the posterior probability that each arm is best). Reports regret
 * (expected conversions lost against always showing the best arm), days to a decision, and how
 * often the decision picked the truly best arm — over seeded replications.
 */
import { beta as betaDraw } from '../../policies/bandits/samplers';
import { createStream, type Rng } from '../../sim/random';
import { posterior, UNIFORM_PRIOR, type Beta } from './beta';
import { binomial } from './binomial';

/** What to simulate. */
export interface SequentialSetup {
	/** True conversion rate per arm (0–1). */
	rates: number[];
	visitorsPerDay: number;
	days: number;
	/** Stop when P(best) of the leader exceeds this. */
	threshold: number;
	replications: number;
	seed: number;
	/** Monte Carlo draws per daily P(best) estimate. */
	draws?: number;
}

/** One design's outcome averaged over replications. */
export interface DesignOutcome {
	design: 'fixed-split' | 'thompson';
	/** Mean expected conversions lost vs always the best arm, over the horizon. */
	regret: number;
	/** Mean day (1-based) the rule fired, over replications where it fired. */
	daysToDecision: number | null;
	/** Share of replications where the rule fired within the horizon. */
	decided: number;
	/** Share of decided replications that picked the truly best arm. */
	correct: number;
	/** Mean cumulative regret by day [days]. */
	regretByDay: Float64Array;
}

/** Check a setup; messages name the field. */
export function setupProblems(s: SequentialSetup): string[] {
	const problems: string[] = [];
	if (s.rates.length < 2 || s.rates.length > 12) problems.push('rates: between 2 and 12 arms');
	s.rates.forEach((r, i) => {
		if (!(r >= 0 && r <= 1)) problems.push(`rates[${i}]: must be a rate from 0 to 1`);
	});
	const whole = (v: number, lo: number, hi: number, f: string) => {
		if (!Number.isInteger(v) || v < lo || v > hi) problems.push(`${f}: whole number ${lo}–${hi}`);
	};
	whole(s.visitorsPerDay, 2, 1_000_000, 'visitorsPerDay');
	whole(s.days, 1, 365, 'days');
	whole(s.replications, 1, 2000, 'replications');
	if (!(s.threshold > 0.5 && s.threshold < 1)) problems.push('threshold: between 0.5 and 1');
	return problems;
}

/** Monte Carlo P(best) per arm from posteriors (into `out`). */
function probBestMc(rng: Rng, posts: Beta[], draws: number, out: Float64Array): void {
	out.fill(0);
	for (let d = 0; d < draws; d++) {
		let best = 0;
		let bestValue = -1;
		for (let k = 0; k < posts.length; k++) {
			const v = betaDraw(rng, posts[k].alpha, posts[k].beta);
			if (v > bestValue) {
				bestValue = v;
				best = k;
			}
		}
		out[best] += 1 / draws;
	}
}

/** Split `n` visitors by shares, whole numbers, remainder to the largest shares. */
function splitVisitors(n: number, shares: Float64Array, out: Int32Array): void {
	let left = n;
	for (let k = 0; k < shares.length; k++) {
		out[k] = Math.floor(n * shares[k]);
		left -= out[k];
	}
	const order = Array.from(shares.keys()).sort((a, b) => shares[b] - shares[a]);
	for (let i = 0; left > 0; i = (i + 1) % order.length, left--) out[order[i]]++;
}

function runDesign(s: SequentialSetup, design: DesignOutcome['design']): DesignOutcome {
	const K = s.rates.length;
	const bestRate = Math.max(...s.rates);
	const bestArm = s.rates.indexOf(bestRate);
	const draws = s.draws ?? 400;
	const regretByDay = new Float64Array(s.days);
	let regret = 0;
	let decidedCount = 0;
	let correctCount = 0;
	let dayTotal = 0;
	const shares = new Float64Array(K);
	const visitors = new Int32Array(K);
	const pBest = new Float64Array(K);
	for (let rep = 0; rep < s.replications; rep++) {
		// Outcomes and posterior draws on separate streams, per replication and design.
		const outcomes = createStream(s.seed + rep, design === 'fixed-split' ? 10 : 20);
		const sampling = createStream(s.seed + rep, design === 'fixed-split' ? 11 : 21);
		const conversions = new Float64Array(K);
		const trials = new Float64Array(K);
		let decidedArm = -1;
		let cumulative = 0;
		shares.fill(1 / K);
		for (let day = 0; day < s.days; day++) {
			if (decidedArm >= 0 && design === 'fixed-split') {
				shares.fill(0);
				shares[decidedArm] = 1;
			}
			splitVisitors(s.visitorsPerDay, shares, visitors);
			for (let k = 0; k < K; k++) {
				conversions[k] += binomial(outcomes, visitors[k], s.rates[k]);
				trials[k] += visitors[k];
				cumulative += visitors[k] * (bestRate - s.rates[k]);
			}
			regretByDay[day] += cumulative / s.replications;
			const posts = Array.from(conversions, (c, k) => posterior(UNIFORM_PRIOR, c, trials[k]));
			probBestMc(sampling, posts, draws, pBest);
			if (design === 'thompson') shares.set(pBest);
			if (decidedArm < 0) {
				const leader = pBest.indexOf(Math.max(...pBest));
				if (pBest[leader] > s.threshold) {
					decidedArm = leader;
					decidedCount++;
					dayTotal += day + 1;
					if (leader === bestArm) correctCount++;
				}
			}
		}
		regret += cumulative / s.replications;
	}
	return {
		design,
		regret,
		daysToDecision: decidedCount > 0 ? dayTotal / decidedCount : null,
		decided: decidedCount / s.replications,
		correct: decidedCount > 0 ? correctCount / decidedCount : 0,
		regretByDay
	};
}

/** Run both designs on the same setup. */
export function compareDesigns(s: SequentialSetup): [DesignOutcome, DesignOutcome] {
	return [runDesign(s, 'fixed-split'), runDesign(s, 'thompson')];
}
