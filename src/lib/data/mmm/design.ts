/**
 * The baseline part of the MMM design matrix: intercept, linear trend, Fourier seasonality
 * (yearly for weekly and daily data, weekly for daily data, as in Prophet and Robyn), controls,
 * events and organic activity as linear regressors. Media columns are appended by the fit.
 *
 * Columns are kept raw here (the KPI contribution of a column is coefficient × value); the fit
 * standardises them for the ridge penalty.
 */
import * as pm from '../../sim/portable-math';
import type { Dataset } from '../dataset';

/** What a baseline column stands for, for the decomposition. */
export type ColumnKind =
	'intercept' | 'demand' | 'trend' | 'season' | 'control' | 'event' | 'organic';

/** One baseline regressor. */
export interface BaselineColumn {
	/** Stable id: `trend`, `season-yearly-sin1`, `control:price`… */
	id: string;
	/** Display name. */
	label: string;
	kind: ColumnKind;
	/** Values per period [T]. */
	values: Float64Array;
	/** Whether the coefficient must be ≥ 0 (organic activity cannot hurt the KPI). */
	nonNegative: boolean;
}

/** Days in a period of each granularity. */
export const PERIOD_DAYS = { day: 1, week: 7 } as const;

/** Days in a year, for Fourier terms and trends (tropical year). */
export const YEAR_DAYS = 365.25;

/** How the baseline is built. */
export interface BaselineSpec {
	/** Fourier pairs of the yearly cycle (0 = none). */
	yearlyOrder: number;
	/** Fourier pairs of the day-of-week cycle, daily data only (0 = none). */
	weeklyOrder: number;
	/** Whether to include a linear trend. */
	trend: boolean;
	/**
	 * Day (offset from the first date) the trend is centred on; default the data's middle day.
	 * A forecast extends the dates and keeps the fit's centre.
	 */
	trendCentreDay?: number;
}

/** Day offset of each period from the first date (from the ISO dates, so gaps stay honest). */
export function dayOffsets(dates: readonly string[]): Float64Array {
	const t0 = Date.parse(`${dates[0]}T00:00:00Z`);
	return Float64Array.from(dates, (date) => (Date.parse(`${date}T00:00:00Z`) - t0) / 86_400_000);
}

/**
 * Build the baseline columns. Columns that do not vary (an event that never happens, a constant
 * control) are dropped and reported in `dropped`, since they cannot be told from the intercept.
 */
export function baselineColumns(
	dataset: Dataset,
	spec: BaselineSpec
): { columns: BaselineColumn[]; dropped: string[] } {
	const T = dataset.dates.length;
	const days = dayOffsets(dataset.dates);
	const columns: BaselineColumn[] = [
		{
			id: 'intercept',
			label: 'Base level',
			kind: 'intercept',
			values: new Float64Array(T).fill(1),
			nonNegative: false
		}
	];
	if (spec.trend) {
		// Years from the middle of the data: keeps the intercept the average level.
		const mid = spec.trendCentreDay ?? days[T - 1] / 2;
		columns.push({
			id: 'trend',
			label: 'Trend',
			kind: 'trend',
			values: Float64Array.from(days, (d) => (d - mid) / YEAR_DAYS),
			nonNegative: false
		});
	}
	const fourier = (name: string, period: number, order: number, offset: number) => {
		for (let k = 1; k <= order; k++) {
			for (const [fn, f] of [
				['sin', pm.sin],
				['cos', pm.cos]
			] as const) {
				columns.push({
					id: `season-${name}-${fn}${k}`,
					label: `${name === 'yearly' ? 'Yearly' : 'Weekly'} season (${fn} ${k})`,
					kind: 'season',
					values: Float64Array.from(days, (d) => f((2 * Math.PI * k * (d + offset)) / period)),
					nonNegative: false
				});
			}
		}
	};
	// Yearly terms from the start of the calendar year, so the phase reads as a day of the year.
	const start = new Date(`${dataset.dates[0]}T00:00:00Z`);
	const dayOfYear = (start.getTime() - Date.UTC(start.getUTCFullYear(), 0, 1)) / 86_400_000;
	fourier('yearly', YEAR_DAYS, spec.yearlyOrder, dayOfYear);
	if (dataset.granularity === 'day') fourier('weekly', 7, spec.weeklyOrder, 0);
	for (const series of dataset.controls) {
		columns.push({
			id: `control:${series.name}`,
			label: series.name,
			kind: 'control',
			values: series.values,
			nonNegative: false
		});
	}
	for (const series of dataset.events) {
		columns.push({
			id: `event:${series.name}`,
			label: series.name,
			kind: 'event',
			values: series.values,
			nonNegative: false
		});
	}
	for (const series of dataset.organic) {
		columns.push({
			id: `organic:${series.name}`,
			label: series.name,
			kind: 'organic',
			values: series.values,
			nonNegative: true
		});
	}
	const dropped: string[] = [];
	const kept = columns.filter((column) => {
		if (column.kind === 'intercept' || spread(column.values) > 0) return true;
		dropped.push(column.label);
		return false;
	});
	return { columns: kept, dropped };
}

/** Standard deviation (population) of a series; 0 for a constant one. */
export function spread(values: ArrayLike<number>): number {
	const n = values.length;
	let mean = 0;
	for (let i = 0; i < n; i++) mean += values[i] / n;
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
	return Math.sqrt(ss / n);
}
