/**
 * The MMM's public data: options, the fit (plain data: arrays of numbers, so it crosses to a
 * worker, goes into IndexedDB and into JSON as is), the optimal split and the budget scenarios.
 *
 * Units: "per period" means per row of the dataset (a week for weekly data, a day for daily
 * data). Spend is in currency units. The KPI is in its own unit (revenue in currency, or
 * conversions); ROAS is KPI per currency unit — revenue per currency unit when the KPI is
 * revenue (gross ROAS, not net ROI = ROAS − 1).
 */
import type { Scenario } from '../../sim/scenario';
import type { Granularity, KpiKind } from '../dataset';

/** A point estimate with its interval (bootstrap percentiles at `MmmFit.intervalLevel`). */
export interface Interval {
	/** Estimate of the full-data fit. */
	mean: number;
	/** Lower end of the interval. */
	low: number;
	/** Upper end of the interval. */
	high: number;
}

/**
 * A lift test (geo holdout, conversion lift…) to calibrate one channel: over the periods from
 * `start` to `end` (inclusive), the channel's spend caused `lift` extra KPI, with a 95 % interval
 * [`low`, `high`]. The fit is pulled towards it: the channel's modelled contribution over those
 * periods (what a go-dark test measures) should match `lift` within its uncertainty.
 */
export interface LiftTest {
	/** Channel id as in the dataset. */
	channelId: string;
	/** First period of the test, ISO date (a date of the dataset or inside one of its periods). */
	start: string;
	/** Last period of the test, ISO date, inclusive. */
	end: string;
	/** Incremental KPI measured over the test, KPI units. */
	lift: number;
	/** Lower end of the 95 % interval of `lift`, KPI units. */
	low: number;
	/** Upper end of the 95 % interval of `lift`, KPI units. */
	high: number;
}

/** How to fit; every field has a default. */
export interface MmmOptions {
	/** Seed of the search and the bootstrap: same seed and data, same numbers. Default 1. */
	seed?: number;
	/** Bootstrap draws for the intervals (block bootstrap over time). Default 100; ≥ 10. */
	draws?: number;
	/**
	 * Last periods held out for the temporal validation (R², NRMSE, MAPE out of sample).
	 * Default: 8 % of the periods (8 of 104 weeks), at least 4; 0 = none; at most a quarter.
	 */
	holdout?: number;
	/** Fourier pairs of the yearly season. Default 2 with ≥ 1.5 years of data, 1 with less. */
	yearlyOrder?: number;
	/** Whether the baseline has a linear trend. Default true. */
	trend?: boolean;
	/** Largest number of delay stages of the carry-over (0 = geometric only). Default 1. */
	maxDelayStages?: number;
	/** Lift tests to calibrate against. Default none. */
	lifts?: LiftTest[];
	/** Search effort: 'fast' for previews and tests, 'full' for the report. Default 'full'. */
	effort?: 'fast' | 'full';
}

/** Progress and cancellation of a fit. */
export interface MmmHooks {
	/** Called now and then with work done / total work (arbitrary units, done ≤ total). */
	onProgress?(done: number, total: number): void;
	/**
	 * An AbortSignal (typed by what the fit reads, so the engine compiles without the DOM
	 * library): once aborted, `fitMmm` rejects with an Error named 'AbortError'.
	 */
	signal?: { readonly aborted: boolean };
}

/** Fit quality: in sample and on the held-out last periods. */
export interface FitScores {
	/** Coefficient of determination, 1 − SSE / SST. */
	r2: number;
	/** Normalised RMSE: RMSE / (max KPI − min KPI), as Robyn reports it. */
	nrmse: number;
	/** Mean absolute percentage error, 0–1 (periods with KPI 0 are skipped). */
	mape: number;
}

/** Diagnostics of a fit, shown plainly. */
export interface MmmDiagnostics extends FitScores {
	/**
	 * Scores on the last `periods` periods, predicted by a refit without them (coefficients refit;
	 * curve shapes and the season index kept from the full fit, so slightly optimistic).
	 */
	holdout: FitScores & { periods: number };
	/** Durbin–Watson statistic of the residuals (≈ 2 = no autocorrelation left). */
	durbinWatson: number;
	/** Whether the hyper-parameter search stopped on its tolerance rather than its budget. */
	converged: boolean;
	/** Candidate fits evaluated. */
	evaluations: number;
	/** Wall-clock seconds of the whole fit. */
	seconds: number;
	/** Bootstrap draws behind the intervals. */
	draws: number;
	/** Plain-words warnings (parameters on a search bound, poor holdout, dropped columns…). */
	warnings: string[];
}

/** One channel's fitted response curve: steady-state KPI per period of a spend per period. */
export interface CurveParams {
	/** KPI per period at full saturation, KPI units. */
	maxResponse: number;
	/** Sustained spend per period giving half the maximum, currency per period. */
	halfSaturation: number;
	/** Hill exponent (≤ 1 concave, > 1 S-shaped). */
	slope: number;
	/** Carry-over kept from one day to the next, 0–1 (per day whatever the granularity). */
	decay: number;
	/** 0 = geometric carry-over; ≥ 1 = delayed peak (Erlang stages). */
	delayStages: number;
}

/** A series of the decomposition, KPI units per period [T]. */
export interface Contribution {
	id: string;
	name: string;
	/** What it is: a channel, or a part of the baseline. */
	kind: 'channel' | 'intercept' | 'trend' | 'season' | 'control' | 'event' | 'organic';
	values: number[];
}

/** What the fit says about one channel. */
export interface MmmChannel {
	id: string;
	name: string;
	/** Share of the total spend over the data, 0–1. */
	spendShare: number;
	/** Total spend over the data, currency units. */
	totalSpend: number;
	/** Spend per period [T], currency units. */
	spend: number[];
	/** The current operating point: average spend per period over the data, currency units. */
	currentSpend: number;
	/**
	 * Incremental KPI over the data / spend: KPI per currency unit. The interval holds the
	 * bootstrap's percentiles and the profile-likelihood range (every ROAS the data cannot
	 * reject at the interval level, the curves re-fitted around it).
	 */
	roas: Interval;
	/**
	 * Whether the data pin the ROAS to ±15 %: false when forcing it 15 % lower or higher, every
	 * curve re-fitted, fits about as well (a warning then says so). Absent for channels without
	 * spend.
	 */
	roasIdentified?: boolean;
	/** Extra KPI per extra currency unit at `currentSpend` (steady state), KPI per currency. */
	mroas: Interval;
	/** Incremental KPI over the data, KPI units. */
	contribution: Interval;
	/** Share of the KPI due to the channel over the data, 0–1. */
	contributionShare: number;
	/** Curve of the full-data fit. */
	curve: CurveParams;
	/** Curve of every bootstrap draw (for intervals on anything derived from curves). */
	curveDraws: CurveParams[];
	/** Response curve for charts: spend per period from 0 to 2.5 × the largest spend, KPI per period. */
	responseCurve: { spend: number[]; kpi: Interval[] };
	/** Carry-over: share of a period's spend whose effect lands `lag` periods later (sums to ≈ 1). */
	adstockWeights: number[];
	/** Mean delay of the effect, days. */
	meanLagDays: number;
	/** Shape parameters that ended on a search bound (worth a look). */
	atBound: string[];
}

/** A lift test as the fit used it. */
export interface LiftUsed extends LiftTest {
	/** The channel's modelled contribution over the test periods, KPI units, with interval. */
	implied: Interval;
	/** Periods of the dataset the test covers (indices, inclusive). */
	periods: [number, number];
}

/** A fitted marketing-mix model (plain data). */
export interface MmmFit {
	version: 1;
	/** What was fitted. */
	dataset: {
		name: string;
		granularity: Granularity;
		periods: number;
		kpiName: string;
		kpiKind: KpiKind;
	};
	/** Days per period (7 for weekly data). */
	periodDays: number;
	/** Currency per KPI unit (1 for revenue; average revenue per conversion when known; else null). */
	valuePerKpi: number | null;
	/** Options after defaults. */
	options: Required<Omit<MmmOptions, 'lifts'>>;
	/** Level of every interval (0.9 = 5th to 95th percentile of the bootstrap). */
	intervalLevel: number;
	diagnostics: MmmDiagnostics;
	/** Period start dates [T]. */
	dates: string[];
	/** Observed KPI [T]. */
	kpi: number[];
	/** Fitted KPI [T]. */
	fitted: number[];
	/** Observed − fitted [T]. */
	residuals: number[];
	decomposition: {
		/** Everything not due to paid media, per period [T]. */
		baseline: number[];
		/** Parts of the baseline (level, trend, season, controls, events, organic). */
		baselineParts: Contribution[];
		/** Each channel's contribution per period, in channel order. */
		channels: Contribution[];
	};
	channels: MmmChannel[];
	lifts: LiftUsed[];
	/**
	 * The demand index's model, to extend it past the data (forecast.ts): the log-scale
	 * coefficient of each baseline column by id (design.ts; the intercept's is left out). Absent
	 * in fits saved before forecasts existed.
	 */
	demandModel?: { terms: { id: string; coef: number }[] };
}

/** Budget options of an optimal split. */
export interface SplitOptions {
	/** Total budget per period to allocate, currency units. */
	total: number;
	/** Smallest spend per period per channel id, currency units (default 0). */
	min?: Record<string, number>;
	/** Largest spend per period per channel id, currency units (default 3 × the current spend). */
	max?: Record<string, number>;
	/** 'kpi' maximises the KPI; 'profit' maximises KPI value × valuePerKpi − spend. */
	objective: 'kpi' | 'profit';
	/** Currency per KPI unit for 'profit' (default: the fit's valuePerKpi). */
	valuePerKpi?: number;
}

/** One channel in a split. */
export interface SplitChannel {
	id: string;
	name: string;
	/** Spend per period now, currency units. */
	current: number;
	/** Spend per period recommended, currency units. */
	recommended: number;
	/** Bounds used, currency per period. */
	min: number;
	max: number;
	/** Which bound binds at the recommendation, if any. */
	binding: 'min' | 'max' | null;
	/** Steady-state KPI per period at the current and the recommended spend. */
	kpiCurrent: number;
	kpiRecommended: number;
	/** Marginal ROAS at the current and the recommended spend, KPI per currency unit. */
	mroasCurrent: number;
	mroasRecommended: number;
}

/** An allocation of a total budget that maximises the objective on the fitted curves. */
export interface SplitResult {
	objective: 'kpi' | 'profit';
	/** Budget per period allocated, currency units. */
	total: number;
	/** Spend per period now (sum of current spends), currency units. */
	currentTotal: number;
	channels: SplitChannel[];
	/** Media-driven KPI per period, steady state, at the current split. */
	kpiCurrent: Interval;
	/** Media-driven KPI per period, steady state, at the recommended split. */
	kpiRecommended: Interval;
	/** Recommended − current, KPI per period (interval over the bootstrap draws). */
	kpiChange: Interval;
	/** Profit change per period, currency units (null when valuePerKpi is unknown). */
	profitChange: Interval | null;
	/** Whether the whole budget is allocated (false when every channel is at its max). */
	fullySpent: boolean;
	/** The marginal return every channel not on a bound is brought to, objective units per currency. */
	marginalReturn: number;
	/** Plain-words explanation: who gains, who loses and why. */
	explanation: string[];
}

/**
 * A target for the budget instead of a total: 'kpi' — media-driven KPI per period of at least
 * `value`; 'efficiency' — KPI per unit of spend of at least `value` (ROAS for revenue; for
 * conversions, 1 / the cost per conversion); 'marginal' — the next unit of spend returns at least
 * `value` KPI (marginal ROAS).
 */
export interface BudgetTarget {
	kind: 'kpi' | 'efficiency' | 'marginal';
	value: number;
}

/** The budget that meets a target, and what its optimal split achieves. */
export interface TargetResult {
	target: BudgetTarget;
	/**
	 * 'met': `budget` meets it (the least budget for a KPI volume, the most for an efficiency
	 * floor); 'ceiling': it still holds with every channel at its maximum, so the limits, not the
	 * target, stop the budget; 'unreachable': no budget within the limits meets it.
	 */
	status: 'met' | 'ceiling' | 'unreachable';
	/** Budget per period, currency units; null when unreachable. */
	budget: number | null;
	/** The budget the figures below are for: `budget`, or when unreachable the closest one gets. */
	at: number;
	/** Media-driven KPI per period, KPI per unit of spend and the next unit's return at `at`. */
	kpi: number;
	efficiency: number;
	marginal: number;
	/** The most the channel limits let the split spend per period. */
	ceiling: number;
}

/** A split at a budget relative to the current one. */
export interface BudgetScenario {
	/** Budget relative to `total`: 0.8, 1 or 1.2. */
	factor: number;
	/** '−20 %', 'Same budget', '+20 %'. */
	label: string;
	split: SplitResult;
}

/** A Marginal scenario built from a fit, and what it had to assume. */
export interface TwinResult {
	/** Valid scenario v1 (parseScenario accepts it). */
	scenario: Scenario;
	/** Field paths of the scenario set by default because the data cannot tell them. */
	assumed: string[];
}
