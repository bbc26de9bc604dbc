/**
 * Lesson "explore vs exploit": ε-greedy, UCB1 and Beta–Bernoulli Thompson sampling choose
 * among a few ads with fixed conversion rates, one visitor at a time; cumulative regret
 * (conversions lost against always showing the best ad) averaged over replications.
 */
import { createBetaThompson, createEpsilonGreedy, createUcb1 } from '../../policies/bandits';
import { createStream, type Rng } from '../../sim/random';
import type { ControlValues, LessonOutcome } from '../lesson';
import { int, pct } from './text';

export const ARM_SETS: Record<string, number[]> = {
	close: [0.04, 0.05, 0.055],
	far: [0.02, 0.05, 0.08],
	many: [0.03, 0.035, 0.04, 0.045, 0.05, 0.055]
};

const REPLICATIONS = 200;
const POINTS = 100;

export function banditRace(values: ControlValues): LessonOutcome {
	const rates = ARM_SETS[String(values.arms)] ?? ARM_SETS.close;
	const horizon = Number(values.visitors);
	const epsilon = Number(values.epsilon);
	const best = Math.max(...rates);
	const every = Math.max(1, Math.floor(horizon / POINTS));
	const xs: number[] = [];
	for (let t = every; t <= horizon; t += every) xs.push(t);
	/** Each algorithm as select + learn-one-outcome. */
	interface Learner {
		select(rng: Rng): number;
		learn(arm: number, converted: boolean): void;
	}
	const makers: Record<string, () => Learner> = {
		'epsilon-greedy': () => {
			const b = createEpsilonGreedy({ kind: 'epsilon-greedy', epsilon }, rates.length);
			return { select: (rng) => b.select(rng), learn: (arm, y) => b.update(arm, y ? 1 : 0) };
		},
		ucb1: () => {
			const b = createUcb1({ kind: 'ucb1' }, rates.length);
			return { select: (rng) => b.select(rng), learn: (arm, y) => b.update(arm, y ? 1 : 0) };
		},
		thompson: () => {
			const b = createBetaThompson({ kind: 'beta-thompson' }, rates.length);
			return {
				select: (rng) => b.select(rng),
				learn: (arm, y) => b.update(arm, y ? 1 : 0, y ? 0 : 1)
			};
		}
	};
	const curves: Record<string, number[]> = {};
	const bestShare: Record<string, number> = {};
	for (const [id, make] of Object.entries(makers)) {
		const curve = new Float64Array(xs.length);
		let bestPulls = 0;
		for (let rep = 0; rep < REPLICATIONS; rep++) {
			// The same visitors (outcome draws) for every algorithm: common random numbers.
			const outcomes = createStream(1000 + rep, 0);
			const choices = createStream(1000 + rep, 1);
			const bandit = make();
			let regret = 0;
			for (let t = 1, point = 0; t <= horizon; t++) {
				const arm = bandit.select(choices);
				const u = outcomes.next();
				bandit.learn(arm, u < rates[arm]);
				regret += best - rates[arm];
				if (rates[arm] === best) bestPulls++;
				if (t % every === 0 && point < xs.length) curve[point++] += regret / REPLICATIONS;
			}
		}
		curves[id] = Array.from(curve);
		bestShare[id] = bestPulls / (REPLICATIONS * horizon);
	}
	const final = Object.fromEntries(Object.entries(curves).map(([id, c]) => [id, c[c.length - 1]]));
	const answer = Object.entries(final).sort((a, b) => a[1] - b[1])[0][0];
	const names: Record<string, string> = {
		'epsilon-greedy': `ε-greedy (ε = ${epsilon})`,
		ucb1: 'UCB1',
		thompson: 'Thompson sampling'
	};
	return {
		answer,
		reveal: [
			`Over ${int(horizon)} visitors, ${names[answer]} lost the fewest conversions: ${final[answer].toFixed(1)} on average, against ${Object.entries(
				final
			)
				.filter(([id]) => id !== answer)
				.map(([id, r]) => `${r.toFixed(1)} for ${names[id]}`)
				.join(' and ')}.`,
			`Share of visitors shown the best ad: ${Object.entries(bestShare)
				.map(([id, s]) => `${names[id]} ${pct(s, 0)}`)
				.join(
					', '
				)}. ε-greedy keeps exploring a fixed ${pct(epsilon, 0)} of the time forever; UCB1 and Thompson sampling explore less as they become sure.`
		],
		chart: {
			xs,
			series: Object.entries(curves).map(([id, values]) => ({ id, label: names[id], values })),
			xTitle: 'Visitors',
			yTitle: 'Conversions lost (cumulative regret)',
			xFormat: 'int',
			yFormat: 'decimal',
			caption: `Average over ${REPLICATIONS} runs with the same visitors for every algorithm. Ads convert at ${rates.map((r) => pct(r)).join(', ')}.`
		}
	};
}
