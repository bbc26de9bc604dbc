/**
 * A Bayesian A/B(/n) test's verdict from counts: posteriors, P(each arm is best), each arm's
 * expected loss, and the stopping rule — stop when one arm is best with probability above the
 * threshold, or when choosing the leader risks less than the loss tolerance.
 */
import { betaMean, betaProblem, credibleInterval, posterior, type Beta } from './beta';
import { expectedLoss, probBest } from './compare';

/** One arm's data: a name, visitors and conversions. */
export interface ArmCounts {
	name: string;
	visitors: number;
	conversions: number;
}

/** When to stop. */
export interface StoppingRule {
	/** Stop when P(best) of the leader exceeds this (e.g. 0.95). */
	probability: number;
	/** Or when the leader's expected loss (absolute rate) is below this (0 = off). */
	lossTolerance: number;
}

export const DEFAULT_RULE: StoppingRule = { probability: 0.95, lossTolerance: 0 };

/** One arm's result. */
export interface ArmResult {
	name: string;
	posterior: Beta;
	mean: number;
	interval: [number, number];
	probBest: number;
	/** Expected loss in rate of choosing this arm: E[max over others − this, 0]. */
	expectedLoss: number;
}

/** The verdict. */
export interface AbVerdict {
	arms: ArmResult[];
	/** Index of the arm with the highest P(best). */
	leader: number;
	stop: boolean;
	/** Why (or why not) to stop, in words. */
	reason: string;
}

/** Check counts and prior; messages name the field. */
export function countsProblems(arms: readonly ArmCounts[], prior: Beta): string[] {
	const problems: string[] = [];
	const p = betaProblem(prior, 'prior');
	if (p) problems.push(p);
	if (arms.length < 2) problems.push('arms: at least two arms are needed');
	arms.forEach((arm, i) => {
		const field = `arms[${i}] (${arm.name || 'unnamed'})`;
		if (!Number.isInteger(arm.visitors) || arm.visitors < 0)
			problems.push(`${field}.visitors: must be a whole number ≥ 0`);
		if (!Number.isInteger(arm.conversions) || arm.conversions < 0)
			problems.push(`${field}.conversions: must be a whole number ≥ 0`);
		else if (arm.visitors >= 0 && arm.conversions > arm.visitors)
			problems.push(`${field}.conversions: cannot exceed visitors (${arm.visitors})`);
	});
	return problems;
}

/** Analyse counts (call countsProblems first). */
export function analyse(
	arms: readonly ArmCounts[],
	prior: Beta,
	rule: StoppingRule = DEFAULT_RULE
): AbVerdict {
	const posts = arms.map((arm) => posterior(prior, arm.conversions, arm.visitors));
	const best = probBest(posts);
	const results = arms.map((arm, i): ArmResult => ({
		name: arm.name,
		posterior: posts[i],
		mean: betaMean(posts[i]),
		interval: credibleInterval(posts[i]),
		probBest: best[i],
		expectedLoss: lossAgainstAll(posts, i)
	}));
	const leader = best.indexOf(Math.max(...best));
	const lead = results[leader];
	const pct = (p: number) => `${(100 * p).toFixed(1)} %`;
	let stop = false;
	let reason: string;
	if (lead.probBest > rule.probability) {
		stop = true;
		reason = `${lead.name} is best with probability ${pct(lead.probBest)}, above ${pct(rule.probability)}.`;
	} else if (rule.lossTolerance > 0 && lead.expectedLoss < rule.lossTolerance) {
		stop = true;
		reason = `Choosing ${lead.name} risks an expected ${pct(lead.expectedLoss)} of conversion rate, below the tolerance ${pct(rule.lossTolerance)}.`;
	} else {
		reason = `Keep testing: ${lead.name} leads but is best with probability ${pct(lead.probBest)}, below ${pct(rule.probability)}.`;
	}
	return { arms: results, leader, stop, reason };
}

/**
 * Expected loss of choosing arm i: exact with two arms; with more, the largest pairwise loss (a
 * lower bound of E[max of the others − this, 0], and the rival that matters).
 */
function lossAgainstAll(posts: readonly Beta[], i: number): number {
	let worst = 0;
	posts.forEach((other, j) => {
		if (j !== i) worst = Math.max(worst, expectedLoss(posts[i], other));
	});
	return worst;
}
