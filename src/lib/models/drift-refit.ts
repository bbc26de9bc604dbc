/**
 * Before and after a drift refit, in business terms: the same pilot (same market draws) run by
 * ts-curve twice — once refitting when its drift check fires (`refitOnDrift`), once not — and
 * the true LTV-profit per day of each over the weeks before the first refit and the weeks after.
 * Before it the two runs are the same run; after it, the difference is what refitting did.
 */
import { runPolicy } from '../experiment/runner';
import { reasonMask, type DecisionLog } from '../experiment/decision-log';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { createTsCurve } from '../policies/ts-curve';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace';

/** Days compared on each side of the refit. */
export const REFIT_WINDOW = 28;

/** LTV-profit per day of both runs over a window. */
export interface RefitWindow {
	/** Pilot days [from, to). */
	from: number;
	to: number;
	/** True LTV-profit per day, currency units, of ts-curve with and without refitting. */
	withRefit: number;
	without: number;
}

/** What refitting on drift did, or why there is nothing to compare. */
export interface RefitComparison {
	/** Pilot day of the first decision after a drift refit, or null when the check never fired. */
	day: number | null;
	/** The windows before and after that day (null when it never fired). */
	before: RefitWindow | null;
	after: RefitWindow | null;
	/** LTV-profit of each run over the whole pilot, currency units. */
	total: { withRefit: number; without: number };
}

/** True LTV-profit of pilot days [from, to) of a trace (history days `H` before the pilot). */
function ltvProfit(trace: Trace, H: number, from: number, to: number): number {
	const { C, K, S } = trace;
	let sum = 0;
	for (let d = H + from; d < H + to; d++) {
		for (let cs = 0; cs < C * S; cs++) sum += trace.truth.incLtvMargin[d * C * S + cs];
		for (let i = 0; i < C * K * S; i++) sum -= trace.observables.spend[d * C * K * S + i];
	}
	return sum;
}

/** First decision day tagged 'drift' in a log, or null. */
function firstDriftDay(log: DecisionLog): number | null {
	const mask = reasonMask(['drift']);
	for (let i = 0; i < log.length; i++) {
		for (let c = 0; c < log.C; c++) if (log.reasons[i * log.C + c] & mask) return log.day[i];
	}
	return null;
}

/** Run the comparison on `scenario` (with its horizon `days`) for market seed `seed`. */
export function compareRefit(scenario: Scenario, seed: number, days: number): RefitComparison {
	const run = (refitOnDrift: boolean) =>
		runPolicy(scenario, createTsCurve({ kind: 'ts-curve', seed, refitOnDrift }), {
			seed,
			days,
			objective: 'ltv-profit',
			guardrails: DEFAULT_GUARDRAILS
		});
	const refit = run(true);
	const fixed = run(false);
	const H = refit.historyDays;
	const window = (from: number, to: number): RefitWindow => ({
		from,
		to,
		withRefit: ltvProfit(refit.trace, H, from, to) / (to - from),
		without: ltvProfit(fixed.trace, H, from, to) / (to - from)
	});
	const day = firstDriftDay(refit.log);
	const total = {
		withRefit: ltvProfit(refit.trace, H, 0, days),
		without: ltvProfit(fixed.trace, H, 0, days)
	};
	if (day === null || day >= days) return { day: null, before: null, after: null, total };
	return {
		day,
		before: day > 0 ? window(Math.max(0, day - REFIT_WINDOW), day) : null,
		after: window(day, Math.min(days, day + REFIT_WINDOW)),
		total
	};
}
