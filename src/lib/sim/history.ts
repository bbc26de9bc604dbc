/**
 * The pilot's past: a scenario runs `history.days` days of business as usual before day 0 of
 * the pilot. The market is built on an extended scenario whose day 0 is the first day of history;
 * dated fields (start date, events, regime shifts, the yearly peak) move with it.
 */
import type { Scenario } from './scenario';
import { createStream, normal } from './random';
import * as pm from './portable-math';

const DAY_MS = 86_400_000;

/** Days per historical media flight (weekly plans). */
export const FLIGHT_DAYS = 7;

/** The scenario the market runs: history days first, then `pilotDays` of pilot. */
export function extendForHistory(scenario: Scenario, pilotDays = scenario.days): Scenario {
	const h = scenario.history.days;
	const start = new Date(Date.parse(`${scenario.startDate}T00:00:00Z`) - h * DAY_MS)
		.toISOString()
		.slice(0, 10);
	return {
		...scenario,
		startDate: start,
		days: h + pilotDays,
		seasonality: {
			...scenario.seasonality,
			yearlyPeakDay: (scenario.seasonality.yearlyPeakDay + h) % 365
		},
		events: scenario.events.map((e) => ({ ...e, startDay: e.startDay + h, endDay: e.endDay + h })),
		regimeShifts: scenario.regimeShifts.map((r) => ({ ...r, day: r.day + h }))
	};
}

/**
 * Historical budget per day and channel, as a fraction of the daily budget [days·C]. Each
 * channel's historical share is scaled by a lognormal factor (log-sd = flighting) that changes
 * with its weekly flight — channels' plans are staggered, changing on different weekdays — and
 * the total by a gentler factor (log-sd = flighting / 2, within 0.6–1.4) changing every four
 * weeks: budgets moved between channels and over time, as in real media plans. Deterministic
 * from the seed (stream 5), the same for every policy.
 */
export function historicalShares(
	scenario: Scenario,
	historicalShare: ArrayLike<number>,
	seed: number
): Float64Array {
	const { days, flighting } = scenario.history;
	const C = historicalShare.length;
	const rng = createStream(seed, 5);
	const out = new Float64Array(days * C);
	const factor = new Float64Array(C);
	let level = 1;
	for (let d = 0; d < days; d++) {
		for (let c = 0; c < C; c++) {
			if ((d + c) % FLIGHT_DAYS === 0 || d === 0) factor[c] = pm.exp(flighting * normal(rng));
		}
		if (d % (4 * FLIGHT_DAYS) === 0)
			level = Math.min(1.4, Math.max(0.6, pm.exp(0.5 * flighting * normal(rng))));
		let total = 0;
		for (let c = 0; c < C; c++) total += historicalShare[c] * factor[c];
		for (let c = 0; c < C; c++)
			out[d * C + c] = total > 0 ? (level * historicalShare[c] * factor[c]) / total : 0;
	}
	return out;
}
