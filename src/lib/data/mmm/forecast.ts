/**
 * The KPI of the periods after the data under a planned spend per channel: the fitted model
 * run forward. The demand index is extended from its own terms (trend and season continue;
 * events are those the plan names, none by default; controls and organic activity stay at
 * their average); each channel's carry-over runs on from its real spend into the plan, so the
 * first periods still feel the last weeks' ads. Intervals: the bootstrap's curves (what the
 * data cannot pin) widened by the residual noise of one period — a 90 % prediction interval.
 *
 * Uses the same media transform as the fit (transform.ts), so over the data's own periods it
 * gives back the fit's decomposition exactly (tested).
 */
import * as pm from '../../sim/portable-math';
import type { Dataset } from '../dataset';
import { addDays } from '../import/date';
import { baselineColumns, dayOffsets, PERIOD_DAYS } from './design';
import { interval } from './report';
import { mediaFeature } from './transform';
import type { CurveParams, Interval, MmmFit } from './types';

/** What is planned for the periods after the data. */
export interface ForecastPlan {
	/** Periods to forecast (weeks or days, as the data), 1–520. */
	periods: number;
	/**
	 * Spend per period by channel id: one number for every period, or one per period
	 * (channels left out spend nothing), currency units.
	 */
	spend: Record<string, number | ArrayLike<number>>;
	/** Known events in the forecast periods: 0/1 per period by event name (default: none). */
	events?: Record<string, ArrayLike<number>>;
}

/** The forecast. */
export interface Forecast {
	/** Start dates of the forecast periods [P]. */
	dates: string[];
	/** KPI per period: mean and 90 % prediction interval [P]. */
	kpi: Interval[];
	/** The part not due to paid media, per period [P]. */
	baseline: number[];
	/** Expected KPI due to each channel per period, by channel id [P]. */
	channels: Record<string, number[]>;
	/** KPI over all forecast periods: mean and 90 % interval (curves' uncertainty and noise). */
	total: Interval;
}

/** z of a two-sided 90 % interval. */
const Z90 = 1.6448536269514722;
/** The demand index's clamp in log terms (demand.ts). */
const LOG_CLAMP = 1.5;

/** Mean of a series (0 when empty). */
const meanOf = (values: ArrayLike<number>): number => {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	return values.length > 0 ? sum / values.length : 0;
};

/**
 * The demand index over the data and the forecast periods [T + P], on the fit's scale (mean 1
 * over the data). Throws when the fit has no demand model (saved before forecasts existed).
 */
function extendedDemand(
	dataset: Dataset,
	fit: MmmFit,
	future: readonly string[],
	events: ForecastPlan['events']
): Float64Array {
	if (!fit.demandModel) throw new RangeError('This fit predates forecasts: fit the model again.');
	const T = dataset.dates.length;
	const P = future.length;
	const dates = [...dataset.dates, ...future];
	const extend = (values: ArrayLike<number>, future: (p: number) => number) =>
		Float64Array.from({ length: T + P }, (_, t) => (t < T ? values[t] : future(t - T)));
	const heldAtMean = (s: { name: string; values: Float64Array }) => {
		const mean = meanOf(s.values);
		return { name: s.name, values: extend(s.values, () => mean) };
	};
	const extended: Dataset = {
		...dataset,
		dates,
		controls: dataset.controls.map(heldAtMean),
		organic: dataset.organic.map(heldAtMean),
		events: dataset.events.map((s) => ({
			name: s.name,
			values: extend(s.values, (p) => Number(events?.[s.name]?.[p] ?? 0))
		}))
	};
	const { columns } = baselineColumns(extended, {
		yearlyOrder: fit.options.yearlyOrder,
		weeklyOrder: dataset.granularity === 'day' ? 3 : 0,
		trend: fit.options.trend,
		// The fit's trend is centred on the data's middle day, not on that of data plus forecast.
		trendCentreDay: dayOffsets(dataset.dates)[T - 1] / 2
	});
	const byId = new Map(columns.map((c) => [c.id, c.values]));
	const index = new Float64Array(T + P);
	for (let t = 0; t < T + P; t++) {
		let sum = 0;
		for (const term of fit.demandModel.terms) sum += term.coef * (byId.get(term.id)?.[t] ?? 0);
		index[t] = pm.exp(Math.max(-LOG_CLAMP, Math.min(LOG_CLAMP, sum)));
	}
	const norm = meanOf(index.subarray(0, T));
	for (let t = 0; t < T + P; t++) index[t] /= norm;
	return index;
}

/**
 * Add a channel's KPI under `curve` over the forecast periods (maxResponse · demand · saturated
 * carry-over, run over data and plan) to `into` [P]. `out` [T + P] and `scratch` [(T + P) ·
 * daysPerPeriod] are reused work space: a forecast calls this once per channel and draw.
 */
function addMedia(
	into: Float64Array,
	spend: Float64Array,
	curve: CurveParams,
	daysPerPeriod: number,
	demand: Float64Array,
	work: { out: Float64Array; scratch: Float64Array }
): void {
	const T = spend.length - into.length;
	mediaFeature(spend, curve, daysPerPeriod, work.out, work.scratch);
	for (let p = 0; p < into.length; p++)
		into[p] += curve.maxResponse * demand[T + p] * work.out[T + p];
}

/** Start dates of the `periods` periods after the data. */
function futureDates(dataset: Dataset, periods: number): string[] {
	const last = dataset.dates[dataset.dates.length - 1];
	const step = PERIOD_DAYS[dataset.granularity];
	return Array.from({ length: periods }, (_, p) => addDays(last, (p + 1) * step));
}

/** Forecast the KPI of `plan.periods` periods after the data of `dataset`, fitted by `fit`. */
export function forecastKpi(dataset: Dataset, fit: MmmFit, plan: ForecastPlan): Forecast {
	const T = dataset.dates.length;
	const P = plan.periods;
	if (!Number.isInteger(P) || P < 1 || P > 520)
		throw new RangeError(`Periods to forecast: a whole number from 1 to 520; got ${P}.`);
	if (T !== fit.dates.length) throw new RangeError('The fit is of another dataset.');
	const planned = (id: string, p: number): number => {
		const value = plan.spend[id] ?? 0;
		return typeof value === 'number' ? value : value[p];
	};
	for (const id of Object.keys(plan.spend)) {
		for (let p = 0; p < P; p++) {
			const value = planned(id, p);
			if (!(value >= 0) || !Number.isFinite(value))
				throw new RangeError(
					`Planned spend of ${id}, period ${p + 1}: a number ≥ 0; got ${value}.`
				);
		}
	}
	const dates = futureDates(dataset, P);
	const demand = extendedDemand(dataset, fit, dates, plan.events);
	const base = meanOf(fit.decomposition.baseline);
	const baseline = Array.from({ length: P }, (_, p) => base * demand[T + p]);
	const draws = Math.min(...fit.channels.map((c) => c.curveDraws.length));
	const meanMedia = new Float64Array(P);
	const drawMedia = Array.from({ length: draws }, () => new Float64Array(P));
	const channels: Record<string, number[]> = {};
	const work = {
		out: new Float64Array(T + P),
		scratch: new Float64Array((T + P) * fit.periodDays)
	};
	fit.channels.forEach((ch, c) => {
		const spend = Float64Array.from({ length: T + P }, (_, t) =>
			t < T ? dataset.channels[c].spend[t] : planned(ch.id, t - T)
		);
		const own = new Float64Array(P);
		addMedia(own, spend, ch.curve, fit.periodDays, demand, work);
		channels[ch.id] = Array.from(own);
		for (let p = 0; p < P; p++) meanMedia[p] += own[p];
		for (let i = 0; i < draws; i++)
			addMedia(drawMedia[i], spend, ch.curveDraws[i], fit.periodDays, demand, work);
	});
	// One period's noise: the residuals' spread (their mean is ~0 by construction).
	const sd = Math.sqrt(meanOf(fit.residuals.map((r) => r * r)));
	const widen = (estimate: Interval, noise: number): Interval => {
		const below = Math.sqrt((estimate.mean - estimate.low) ** 2 + (Z90 * noise) ** 2);
		const above = Math.sqrt((estimate.high - estimate.mean) ** 2 + (Z90 * noise) ** 2);
		return { mean: estimate.mean, low: estimate.mean - below, high: estimate.mean + above };
	};
	const kpi = baseline.map((b, p) =>
		widen(
			interval(
				b + meanMedia[p],
				drawMedia.map((m) => b + m[p])
			),
			sd
		)
	);
	const sumBase = baseline.reduce((a, b) => a + b, 0);
	const total = widen(
		interval(
			sumBase + meanMedia.reduce((a, b) => a + b, 0),
			drawMedia.map((m) => sumBase + m.reduce((a, b) => a + b, 0))
		),
		sd * Math.sqrt(P)
	);
	return { dates, kpi, baseline, channels, total };
}

/** The demand index over the data (for checks): it must equal the fit's own. */
export function demandOverData(dataset: Dataset, fit: MmmFit): Float64Array {
	return extendedDemand(dataset, fit, [], undefined);
}
