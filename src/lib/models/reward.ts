/**
 * The RL allocator's reward: the objective's true value over a decision period, from the
 * simulator's ground truth. Training may read ground truth — the market is simulated, and the
 * reward is what the pilot will score — while the policy itself only ever sees observables.
 *
 * Per objective, summed over the period's days, channels and segments:
 *   - 'ltv-profit': incremental lifetime margin − spend (the pilot's LTV-profit),
 *   - 'revenue': incremental first-order revenue,
 *   - 'conversions': incremental conversions,
 *   - 'clicks': clicks.
 * Money is divided by the budget of the period (daily budget × days) so rewards are comparable
 * across scenarios: 0.1 means the period earned a tenth of what it could spend. Conversions and
 * clicks are divided by the same budget, per 1,000 units of currency.
 */
import type { Objective } from '../policies/policy';
import type { Trace } from '../sim/trace';

/** The objective's true value over days [from, to) of the trace (trace day indices). */
export function periodValue(trace: Trace, objective: Objective, from: number, to: number): number {
	const { C, K, S } = trace;
	const o = trace.observables;
	const t = trace.truth;
	let value = 0;
	for (let d = from; d < to; d++) {
		switch (objective) {
			case 'ltv-profit': {
				for (let i = d * C * S; i < (d + 1) * C * S; i++) value += t.incLtvMargin[i];
				for (let i = d * C * K * S; i < (d + 1) * C * K * S; i++) value -= o.spend[i];
				break;
			}
			case 'revenue':
				for (let i = d * C * S; i < (d + 1) * C * S; i++) value += t.incRevenue[i];
				break;
			case 'conversions':
				for (let i = d * C * S; i < (d + 1) * C * S; i++) value += t.incConversions[i];
				break;
			case 'clicks':
				for (let i = d * C * K; i < (d + 1) * C * K; i++) value += o.clicks[i];
				break;
		}
	}
	return value;
}

/** The reward of days [from, to): the period's value per unit of its budget (see module doc). */
export function periodReward(
	trace: Trace,
	objective: Objective,
	from: number,
	to: number,
	dailyBudget: number
): number {
	const budget = dailyBudget * (to - from);
	if (!(budget > 0)) return 0;
	const value = periodValue(trace, objective, from, to);
	return objective === 'ltv-profit' || objective === 'revenue'
		? value / budget
		: (value * 1000) / budget;
}
