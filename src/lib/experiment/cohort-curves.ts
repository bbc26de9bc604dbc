/**
 * LTV cohorts of a run, for the lab's cohort chart: the customers the ads truly added, grouped
 * by calendar month of acquisition, and each group's expected cumulative revenue (first order
 * plus repeat orders, undiscounted) by months since acquisition.
 *
 * Revenue by age comes from the same retention classes the market simulates (sim/cohort.ts), so
 * the curves and the market's LTV agree; a month's customers are all aged from that month.
 */
import { DAYS_PER_PERIOD, expectedRepeatOrders } from '../sim/cohort';
import type { Scenario } from '../sim/scenario';
import type { PolicyRun } from './runner';

/** Months since acquisition the curves reach (0 = the acquisition month's first orders). */
export const COHORT_AGE_MONTHS = 24;

/** One acquisition month. */
export interface CohortMonth {
	/** Calendar month, YYYY-MM. */
	month: string;
	/** First pilot day in the month and pilot days of the month in the run. */
	firstDay: number;
	days: number;
	/** Incremental customers acquired in the month (expected, ground truth). */
	customers: number;
}

/** Cumulative revenue curves of every acquisition month of a run. */
export interface CohortCurves {
	months: CohortMonth[];
	/** Ages plotted: 0 … ageMonths months (of 30 days) after acquisition. */
	ageMonths: number;
	/** Expected cumulative revenue per month cohort by age, currency units, [m·(ageMonths + 1) + a]. */
	revenue: Float64Array;
}

const DAY_MS = 86_400_000;

/** YYYY-MM of pilot day `day` of a pilot starting on `startDate` (YYYY-MM-DD). */
export function monthOf(startDate: string, day: number): string {
	return new Date(Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 7);
}

/**
 * Expected cumulative revenue of one customer of each segment at each age (0 … ageMonths months
 * after acquisition), [s·(ageMonths + 1) + a], currency units.
 */
export function revenueByAge(run: PolicyRun, scenario: Scenario, ageMonths: number): Float64Array {
	const p = run.market.params;
	const S = scenario.segments.length;
	const out = new Float64Array(S * (ageMonths + 1));
	for (let s = 0; s < S; s++) {
		const seg = scenario.segments[s];
		for (let a = 0; a <= ageMonths; a++) {
			const steps = a * DAYS_PER_PERIOD * p.stepsPerDay;
			const orders = 1 + expectedRepeatOrders(p.retention[s], steps, 1);
			out[s * (ageMonths + 1) + a] = orders * seg.orderValue;
		}
	}
	return out;
}

/** The run's acquisition-month cohorts and their cumulative revenue curves. */
export function cohortCurves(
	run: PolicyRun,
	scenario: Scenario,
	ageMonths = COHORT_AGE_MONTHS
): CohortCurves {
	const { trace, historyDays: H, days } = run;
	const { C, S } = trace;
	const inc = trace.truth.incConversions;
	const months: CohortMonth[] = [];
	const customers: number[] = [];
	for (let d = 0; d < days; d++) {
		const month = monthOf(scenario.startDate, d);
		if (months.at(-1)?.month !== month) {
			months.push({ month, firstDay: d, days: 0, customers: 0 });
			for (let s = 0; s < S; s++) customers.push(0);
		}
		const m = months.length - 1;
		months[m].days++;
		for (let c = 0; c < C; c++) {
			for (let s = 0; s < S; s++) customers[m * S + s] += inc[(H + d) * C * S + c * S + s];
		}
	}
	const perCustomer = revenueByAge(run, scenario, ageMonths);
	const width = ageMonths + 1;
	const revenue = new Float64Array(months.length * width);
	months.forEach((month, m) => {
		for (let s = 0; s < S; s++) {
			const n = customers[m * S + s];
			month.customers += n;
			for (let a = 0; a < width; a++) revenue[m * width + a] += n * perCustomer[s * width + a];
		}
	});
	return { months, ageMonths, revenue };
}
