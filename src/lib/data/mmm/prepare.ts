/**
 * Everything the fit needs before it searches: options with their defaults, checks of the
 * dataset with messages an analyst can act on, the baseline columns, the channels that can be
 * fitted and the lift tests turned into periods.
 */
import type { Dataset } from '../dataset';
import { baselineColumns, PERIOD_DAYS, type BaselineColumn } from './design';
import type { LiftTest, MmmOptions } from './types';

/** Options after defaults. */
export type ResolvedOptions = Required<Omit<MmmOptions, 'lifts'>>;

/** A lift test placed on the dataset's periods. */
export interface PlacedLift {
	test: LiftTest;
	/** Channel index. */
	channel: number;
	/** First and last period index covered, inclusive. */
	from: number;
	to: number;
	/** Standard error of the lift, KPI units (95 % interval width / 3.92). */
	sigma: number;
}

/** The prepared problem. */
export interface Prepared {
	options: ResolvedOptions;
	T: number;
	daysPerPeriod: number;
	y: Float64Array;
	baseline: BaselineColumn[];
	/** Baseline columns left out because they never vary. */
	dropped: string[];
	/** Indices of the dataset's channels fitted (channels with spend). */
	fitted: number[];
	/** Spend per fitted channel [C][T]. */
	spend: Float64Array[];
	/** Average spend per period per fitted channel (the unit of half-saturation). */
	scales: number[];
	lifts: PlacedLift[];
	warnings: string[];
}

/** Defaults of the options for a dataset of T periods at a granularity. */
export function resolveOptions(
	options: MmmOptions,
	T: number,
	daysPerPeriod: number
): ResolvedOptions {
	const years = (T * daysPerPeriod) / 365.25;
	const holdout = options.holdout ?? Math.max(4, Math.round(T * 0.08));
	return {
		seed: options.seed ?? 1,
		draws: options.draws ?? 100,
		holdout,
		yearlyOrder: options.yearlyOrder ?? (years >= 1.5 ? 2 : years >= 0.9 ? 1 : 0),
		trend: options.trend ?? true,
		maxDelayStages: options.maxDelayStages ?? 1,
		effort: options.effort ?? 'full'
	};
}

function fail(message: string): never {
	throw new RangeError(message);
}

function checkInteger(name: string, value: number, min: number, max: number): void {
	if (!Number.isInteger(value) || value < min || value > max) {
		fail(`Option ${name} must be a whole number from ${min} to ${max}; got ${value}.`);
	}
}

/** Period index of an ISO date: the last period starting on or before it (−1 if before all). */
function periodOf(dates: readonly string[], date: string): number {
	let index = -1;
	for (let t = 0; t < dates.length; t++) if (dates[t] <= date) index = t;
	return index;
}

/** Check the dataset and options and build the problem; throws a RangeError saying what is wrong. */
export function prepare(dataset: Dataset, options: MmmOptions): Prepared {
	const T = dataset.dates.length;
	const daysPerPeriod = PERIOD_DAYS[dataset.granularity];
	const resolved = resolveOptions(options, T, daysPerPeriod);
	checkInteger('seed', resolved.seed, 0, 0xffffffff);
	checkInteger('draws', resolved.draws, 10, 2000);
	checkInteger('yearlyOrder', resolved.yearlyOrder, 0, 6);
	checkInteger('maxDelayStages', resolved.maxDelayStages, 0, 3);
	const C0 = dataset.channels.length;
	if (C0 === 0) fail('The dataset has no paid channel: map at least one spend column.');
	const warnings: string[] = [];
	const fitted: number[] = [];
	dataset.channels.forEach((channel, c) => {
		let total = 0;
		for (let t = 0; t < T; t++) {
			const value = channel.spend[t];
			if (!Number.isFinite(value) || value < 0) {
				fail(
					`Spend of ${channel.name} on ${dataset.dates[t]} is ${value}: spend must be a number ≥ 0.`
				);
			}
			total += value;
		}
		if (total > 0) fitted.push(c);
		else
			warnings.push(`${channel.name} has no spend in the data, so its effect cannot be estimated.`);
	});
	if (fitted.length === 0) fail('No channel has any spend: there is nothing to attribute.');
	const y = Float64Array.from(dataset.kpi.values);
	for (let t = 0; t < T; t++) {
		if (!Number.isFinite(y[t])) fail(`The KPI on ${dataset.dates[t]} is not a number.`);
	}
	const { columns, dropped } = baselineColumns(dataset, {
		yearlyOrder: resolved.yearlyOrder,
		weeklyOrder: dataset.granularity === 'day' ? 3 : 0,
		trend: resolved.trend
	});
	for (const label of dropped) warnings.push(`${label} never changes, so it was left out.`);
	// Parameters: baseline columns plus, per channel, a coefficient and three shape parameters.
	const parameters = columns.length + 4 * fitted.length;
	const minimum = parameters + 10;
	if (T < minimum) {
		fail(
			`${T} periods are too few for ${fitted.length} channels and ${columns.length} baseline terms: ` +
				`the model needs at least ${minimum}. Use more history, daily data, or fewer channels.`
		);
	}
	checkInteger('holdout', resolved.holdout, 0, Math.floor(T / 4));
	const spend = fitted.map((c) => Float64Array.from(dataset.channels[c].spend));
	const scales = spend.map((series) => series.reduce((a, b) => a + b, 0) / T);
	const lifts = (options.lifts ?? []).map((test, i): PlacedLift => {
		const where = `Lift test ${i + 1}`;
		const channel = fitted.findIndex((c) => dataset.channels[c].id === test.channelId);
		if (channel < 0) {
			const known = dataset.channels.some((ch) => ch.id === test.channelId);
			fail(
				known
					? `${where}: ${test.channelId} has no spend in the data, so it cannot be calibrated.`
					: `${where}: no channel has the id "${test.channelId}".`
			);
		}
		const from = Math.max(0, periodOf(dataset.dates, test.start));
		const to = periodOf(dataset.dates, test.end);
		if (!(test.start <= test.end) || to < 0 || from >= T) {
			fail(`${where}: the period ${test.start} to ${test.end} is not inside the data.`);
		}
		if (
			![test.lift, test.low, test.high].every(Number.isFinite) ||
			!(test.low <= test.lift && test.lift <= test.high)
		) {
			fail(`${where}: the lift must lie inside its interval (low ≤ lift ≤ high).`);
		}
		// A 95 % interval spans ±1.96 standard errors; a zero-width one is taken as 1 % of the lift.
		const sigma = Math.max((test.high - test.low) / 3.92, Math.abs(test.lift) * 0.01, 1e-9);
		return { test, channel, from, to, sigma };
	});
	return {
		options: resolved,
		T,
		daysPerPeriod,
		y,
		baseline: columns,
		dropped,
		fitted,
		spend,
		scales,
		lifts,
		warnings
	};
}
