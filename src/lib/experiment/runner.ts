/**
 * Run one policy on one seed of a scenario: each day the policy observes, at its cadence it
 * decides, the guardrails clip the decision, pacing spreads it over the day's slots and the
 * market steps. The loop never branches on which policy it runs.
 */
import { createGuardrails } from '../guardrails/guardrails';
import type { GuardrailConfig } from '../guardrails/types';
import type { Objective, Policy } from '../policies/policy';
import { decidesOn } from '../policies/policy';
import { createAction, Market, type MarketSnapshot } from '../sim/market';
import { extendForHistory, historicalShares } from '../sim/history';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace';
import {
	appendDecision,
	createDecisionLog,
	trimDecisionLog,
	type DecisionLog
} from './decision-log';
import { createView } from './view';

export interface RunConfig {
	seed: number;
	/** Days to run (defaults to the scenario's horizon). */
	days?: number;
	objective: Objective;
	guardrails: GuardrailConfig;
	/** Daily budget (defaults to the scenario's). */
	dailyBudget?: number;
}

export interface RunHooks {
	/** After each day; return false to stop (cancellation). */
	onDay?(daysDone: number, days: number): boolean | void;
}

/** One policy × one seed: the market's record and the policy's decisions. */
export interface PolicyRun {
	policyId: string;
	policyName: string;
	seed: number;
	objective: Objective;
	/** Days of business-as-usual history before the pilot (the trace's first days). */
	historyDays: number;
	/** Pilot days completed (the trace holds historyDays + days). */
	days: number;
	trace: Trace;
	log: DecisionLog;
	/** The market at the end (for ground-truth response curves); not serialized. */
	market: Market;
}

/** Per-channel totals of a C·K spend into `out` [C] (a scratch row: the log copies it). */
function channelTotals(
	spend: ArrayLike<number>,
	C: number,
	K: number,
	out: Float64Array
): Float64Array {
	out.fill(0);
	for (let c = 0; c < C; c++) for (let k = 0; k < K; k++) out[c] += spend[c * K + k];
	return out;
}

/**
 * The market at the start of the pilot: `scenario.history.days` of business as usual at the
 * historical split, flighted (sim/history.ts). It depends only on the seed, not on any policy,
 * so a pilot simulates it once per seed and clones it for each policy.
 */
export function marketAfterHistory(
	scenario: Scenario,
	seed: number,
	pilotDays = scenario.days,
	dailyBudget = scenario.dailyBudget
): Market {
	const market = new Market(extendForHistory(scenario, pilotDays), seed);
	const p = market.params;
	const { C, K, stepsPerDay } = p;
	const action = createAction(p);
	const shares = historicalShares(scenario, p.historicalShare, seed);
	for (let day = 0; day < scenario.history.days; day++) {
		for (let c = 0; c < C; c++) {
			let live = 0;
			for (let k = 0; k < K; k++) live += market.state.active[c * K + k];
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				action.spend[ck] = market.state.active[ck]
					? (dailyBudget * shares[day * C + c]) / live / stepsPerDay
					: 0;
			}
		}
		for (let slot = 0; slot < stepsPerDay; slot++) market.step(action);
	}
	return market;
}

/**
 * A seed's market after history, reused by its runs one after another: each run restores the
 * snapshot (clearing the previous run's pilot days) and runs on the market itself. The caller
 * must be done with a run's trace (e.g. computed its metrics) before starting the next.
 */
export interface SharedStart {
	market: Market;
	snapshot: MarketSnapshot;
}

/** Prepare a seed's history for reuse by several runs (see `SharedStart`). */
export function sharedStart(
	scenario: Scenario,
	seed: number,
	pilotDays = scenario.days
): SharedStart {
	const market = marketAfterHistory(scenario, seed, pilotDays);
	return { market, snapshot: market.snapshot() };
}

/**
 * Run `policy` over the pilot. `start` is the market after history: a Market (from
 * `marketAfterHistory` with the same scenario, seed and days) is cloned, never changed; a
 * SharedStart is restored and reused. Without it the history is simulated here.
 */
export function runPolicy(
	scenario: Scenario,
	policy: Policy,
	config: RunConfig,
	hooks: RunHooks = {},
	start?: Market | SharedStart
): PolicyRun {
	const days = config.days ?? scenario.days;
	const budget = config.dailyBudget ?? scenario.dailyBudget;
	const historyDays = scenario.history.days;
	let market: Market;
	if (!start) market = marketAfterHistory(scenario, config.seed, days, budget);
	else if (start instanceof Market) market = start.clone();
	else {
		start.market.restore(start.snapshot);
		market = start.market;
	}
	const p = market.params;
	const { C, K, stepsPerDay } = p;
	const view = createView(market, config.objective, budget);
	const guard = createGuardrails(config.guardrails, view.layout, budget);
	const action = createAction(p);
	// Room for a decision a day: growing from the default doubles and copies it three times a run.
	const log = createDecisionLog(C, Math.max(64, days));
	// Scratch rows of per-channel totals for the log (appendDecision copies them).
	const rows = [new Float64Array(C), new Float64Array(C), new Float64Array(C)];
	let daily: Float64Array = new Float64Array(C * K);
	policy.attachMarket?.(market);

	let pilotDay = 0;
	for (; pilotDay < days; pilotDay++) {
		const day = historyDays + pilotDay;
		view.day = day;
		view.slot = 0;
		policy.observe(view);
		for (let slot = 0; slot < stepsPerDay; slot++) {
			view.slot = slot;
			if (decidesOn(policy.cadence, pilotDay, slot)) {
				const decision = policy.decide(view);
				const enforced = guard.enforce(decision, view, daily);
				appendDecision(log, {
					day: pilotDay,
					previousSpend: channelTotals(daily, C, K, rows[0]),
					askedSpend: channelTotals(decision.spend, C, K, rows[1]),
					newSpend: channelTotals(enforced.spend, C, K, rows[2]),
					marginalReturn: decision.marginalReturn,
					uncertainty: decision.uncertainty,
					reasons: decision.reasons,
					clips: enforced.clips
				});
				daily = enforced.spend;
				action.bidCap.set(enforced.bidCap);
				action.frequencyCap.set(enforced.frequencyCap);
				action.excludeUnsafe.set(enforced.excludeUnsafe);
				action.suppressExisting.set(enforced.suppressExisting);
				action.creativeOps.set(enforced.creativeOps);
				action.segmentTilt.set(enforced.segmentTilt);
			}
			// Pacing, the 30-day window, weekly frequency caps and protection halts act every step.
			const between = guard.control(daily, view, action);
			if (between.length) log.clips.push(...between);
			market.step(action);
			action.creativeOps.fill(0);
		}
		view.day = day + 1;
		view.slot = 0;
		guard.endDay(view);
		if (hooks.onDay?.(pilotDay + 1, days) === false) {
			pilotDay++;
			break;
		}
	}
	return {
		policyId: policy.id,
		policyName: policy.name,
		seed: config.seed,
		objective: config.objective,
		historyDays,
		days: pilotDay,
		trace: market.trace,
		log: trimDecisionLog(log),
		market
	};
}
