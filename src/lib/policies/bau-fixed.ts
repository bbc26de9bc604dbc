/**
 * BAU (a): the fixed historical split. Every channel keeps its historical share of the daily
 * budget, spread evenly over its live creatives — what most teams do between planning cycles.
 */
import { splitOverCreatives } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';

export interface BauFixedConfig {
	kind: 'bau-fixed';
	/** Budget share per channel, by channel id (normalised); missing channels get 0. */
	shares: Record<string, number>;
}

export function createBauFixed(config: BauFixedConfig): Policy<null> {
	return {
		id: 'bau-fixed',
		name: 'BAU: fixed historical split',
		cadence: 'day',
		observe() {},
		decide(view: PolicyView): Decision {
			const { C, channelIds } = view.layout;
			const decision = emptyDecision(view.layout);
			const budget = new Float64Array(C);
			let total = 0;
			for (let c = 0; c < C; c++) total += config.shares[channelIds[c]] ?? 0;
			for (let c = 0; c < C; c++) {
				budget[c] =
					total > 0 ? (view.dailyBudget * (config.shares[channelIds[c]] ?? 0)) / total : 0;
				decision.reasons[c].push('rule');
			}
			splitOverCreatives(view, budget, decision.spend);
			return decision;
		},
		getState: () => null,
		setState() {}
	};
}
