/**
 * Before and after a drift refit, in business terms: the same pilot (same market draws) run by
 * ts-curve twice — once refitting when its drift check fires (`refitOnDrift`), once not — and
 * the true LTV-profit per day of each over the weeks before the first refit and the weeks after.
 * Before it the two runs are the same run; after it, the difference is what refitting did.
 */
import { runMetrics } from '../experiment/metrics';
import { marketAfterHistory, runPolicy } from '../experiment/runner';
import { reasonMask, type DecisionLog } from '../experiment/decision-log';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { createTsCurve } from '../policies/ts-curve';
import type { Scenario } from '../sim/scenario';

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
	// The history is the same for both runs: simulate it once, each run gets a copy.
	const start = marketAfterHistory(scenario, seed, days);
	const run = (refitOnDrift: boolean) =>
		runPolicy(
			scenario,
			createTsCurve({ kind: 'ts-curve', seed, refitOnDrift }),
			{ seed, days, objective: 'ltv-profit', guardrails: DEFAULT_GUARDRAILS },
			{},
			start
		);
	const refit = run(true);
	const fixed = run(false);
	// True LTV-profit per pilot day, as the pilot's metrics count it.
	const daily = [refit, fixed].map((r) => runMetrics(r, scenario.dailyBudget).dailyLtvProfit);
	const sum = (series: number[], from: number, to: number) =>
		series.slice(from, to).reduce((a, b) => a + b, 0);
	const window = (from: number, to: number): RefitWindow => ({
		from,
		to,
		withRefit: sum(daily[0], from, to) / (to - from),
		without: sum(daily[1], from, to) / (to - from)
	});
	const day = firstDriftDay(refit.log);
	const total = { withRefit: sum(daily[0], 0, days), without: sum(daily[1], 0, days) };
	if (day === null || day >= days) return { day: null, before: null, after: null, total };
	return {
		day,
		before: day > 0 ? window(Math.max(0, day - REFIT_WINDOW), day) : null,
		after: window(day, Math.min(days, day + REFIT_WINDOW)),
		total
	};
}
