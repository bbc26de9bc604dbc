/**
 * Run a scenario under a fixed budget split (the historical shares), the simplest allocation.
 * Policies and pilots (src/lib/policies, src/lib/experiment) drive the market the same way.
 */
import { createAction, Market } from './market';
import type { Scenario } from './scenario';

export interface FixedSplitOptions {
	/** Seed (defaults to the scenario's). */
	seed?: number;
	/** Days to run (defaults to the scenario's horizon). */
	days?: number;
	/** Daily budget (defaults to the scenario's). */
	dailyBudget?: number;
	/** Budget shares per channel (defaults to the historical split); normalised. */
	shares?: ArrayLike<number>;
	/** Called after each day with (daysDone, totalDays); return false to stop early. */
	onDay?: (daysDone: number, totalDays: number) => boolean | void;
}

/** Simulate the horizon with each channel's budget split evenly over its live creatives. */
export function runFixedSplit(scenario: Scenario, options: FixedSplitOptions = {}): Market {
	const market = new Market(scenario, options.seed ?? scenario.seed, options.days ?? scenario.days);
	const p = market.params;
	const action = createAction(p);
	const shares = options.shares ?? p.historicalShare;
	let shareSum = 0;
	for (let c = 0; c < p.C; c++) shareSum += shares[c];
	const perStep = (options.dailyBudget ?? scenario.dailyBudget) / p.stepsPerDay;
	while (!market.done) {
		for (let c = 0; c < p.C; c++) {
			let live = 0;
			for (let k = 0; k < p.K; k++) live += market.state.active[c * p.K + k];
			for (let k = 0; k < p.K; k++) {
				const ck = c * p.K + k;
				action.spend[ck] = market.state.active[ck] ? (perStep * shares[c]) / shareSum / live : 0;
			}
		}
		market.step(action);
		if (market.state.step % p.stepsPerDay === 0 && options.onDay) {
			if (options.onDay(market.trace.daysDone, p.days) === false) break;
		}
	}
	return market;
}
