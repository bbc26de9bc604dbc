/**
 * The LTV model's data for a scenario: a seed's business-as-usual history (the two years before
 * a pilot) turned into cohort logs (cohort-log.ts), with the layout the features need.
 */
import { marketAfterHistory } from '../experiment/runner';
import { extendForHistory } from '../sim/history';
import type { Scenario } from '../sim/scenario';
import { cohortLog, type CohortLogOptions, type CohortRecord } from './cohort-log';
import type { LtvLayout } from './ltv-features';

/** Cohort records and their feature layout. */
export interface LtvData {
	records: CohortRecord[];
	layout: LtvLayout;
	/** Acquisition periods covered (records' `period` runs 0 … periods − 1). */
	periods: number;
}

/** The feature layout of a scenario's cohorts. */
export function ltvLayout(scenario: Scenario): LtvLayout {
	return {
		S: scenario.segments.length,
		C: scenario.channels.length,
		K: Math.max(...scenario.channels.map((c) => c.creatives.length)),
		segmentNames: scenario.segments.map((s) => s.name),
		channelNames: scenario.channels.map((c) => c.name)
	};
}

/**
 * Cohorts acquired over `scenario`'s history on market seed `seed` (customers' draws from the
 * same seed), followed for a year each.
 */
export function ltvData(
	scenario: Scenario,
	seed: number,
	options: Partial<CohortLogOptions> = {}
): LtvData {
	const market = marketAfterHistory(scenario, seed);
	const extended = extendForHistory(scenario);
	const records = cohortLog(extended, market.trace, {
		seed,
		to: scenario.history.days,
		...options
	});
	const periods = records.reduce((m, r) => Math.max(m, r.period + 1), 0);
	return { records, layout: ltvLayout(scenario), periods };
}
