/**
 * What the editor previews while parameters change: each channel's true response curve and
 * each segment's cohort value curve, computed by the engine's own functions (so the preview is
 * the ground truth the lab will simulate, not an approximation of it). Pure. The work is split
 * per channel (`responseContext`, then `channelPreview` for each) so the page can compute it in
 * short slices and never hold the main thread for long.
 */
import { budgetGrid, CURVE_REACH } from '../app/response-curves';
import {
	cumulativeMargin,
	discountPerStep,
	expectedLifetimeValue,
	retentionClasses,
	type CohortParams
} from '../sim/cohort';
import { Market } from '../sim/market';
import { marginalLtvProfit, trueResponse, trueResponseCurve } from '../sim/response';
import type { Scenario } from '../sim/scenario';

/** Grid points per response curve. */
export const RESPONSE_POINTS = 41;
/** Grid points per cohort curve. */
export const COHORT_POINTS = 73;

/** One channel's true response, from zero to CURVE_REACH × its historical budget. */
export interface ChannelPreview {
	/** Channel index in the scenario. */
	channel: number;
	id: string;
	name: string;
	stage: Scenario['channels'][number]['stage'];
	/** Budget offered per day at each grid point, currency units. */
	budget: Float64Array;
	/** Spend paid per day at each grid point (below the budget when inventory runs out). */
	spend: Float64Array;
	/** True incremental LTV-profit per day at each grid point, currency units. */
	ltvProfit: Float64Array;
	/** LTV-profit added by the next unit of budget, net of itself, at each grid point. */
	marginalLtvProfit: Float64Array;
	/** The channel's budget per day under the historical split, currency units. */
	historicalBudget: number;
	/** Spend, LTV-profit and marginal LTV-profit per day at the historical budget. */
	historical: { spend: number; ltvProfit: number; marginalLtvProfit: number };
}

/** One segment's expected value per acquired customer as the cohort ages. */
export interface SegmentPreview {
	segment: number;
	id: string;
	name: string;
	/** Age since acquisition at each grid point, days (0 … LTV horizon). */
	age: Float64Array;
	/** Expected cumulative gross margin per customer by that age, undiscounted, currency units. */
	cumulativeMargin: Float64Array;
	/** Gross margin of the first order, currency units. */
	firstOrderMargin: number;
	/** Expected orders per customer over the horizon, first included, undiscounted. */
	orders: number;
	/** Expected lifetime gross margin as the engine values it (horizon, discounted). */
	ltvMargin: number;
	/** Expected lifetime revenue as the engine values it (horizon, discounted). */
	ltvRevenue: number;
	/** Mean monthly churn, α / (α + β). */
	meanMonthlyChurn: number;
}

/** The market at the start of the pilot: day 0's demand, fresh creatives, no halo yet. */
function previewMarket(scenario: Scenario): Market {
	// One day is enough for curves at day 0 and keeps the trace and demand arrays tiny.
	return new Market(scenario, scenario.seed, 1);
}

/** What every channel's curve is computed from: the day-0 market and the historical budgets. */
export interface ResponseContext {
	scenario: Scenario;
	market: Market;
	/** Each channel's budget per day under the historical split, currency units. */
	budgets: number[];
	/** Grid scale for a channel without a historical budget: the mean funded budget. */
	fallback: number;
	points: number;
}

/** Build the market the curves are read from (the costly part shared by all channels). */
export function responseContext(scenario: Scenario, points = RESPONSE_POINTS): ResponseContext {
	const market = previewMarket(scenario);
	const shares = market.params.historicalShare;
	const budgets = scenario.channels.map((_, c) => scenario.dailyBudget * shares[c]);
	const funded = budgets.filter((b) => b > 0);
	const fallback = funded.length ? funded.reduce((a, b) => a + b, 0) / funded.length : 1;
	return { scenario, market, budgets, fallback, points };
}

/** Channel `c`'s true response curve (steady state of sustaining each budget daily). */
export function channelPreview(context: ResponseContext, c: number): ChannelPreview {
	const { scenario, market, budgets, fallback, points } = context;
	const channel = scenario.channels[c];
	const historicalBudget = budgets[c];
	const scale = historicalBudget > 0 ? historicalBudget : fallback;
	const curve = trueResponseCurve(market, c, budgetGrid(CURVE_REACH * scale, points));
	const point = trueResponse(market, c, historicalBudget);
	return {
		channel: c,
		id: channel.id,
		name: channel.name,
		stage: channel.stage,
		budget: curve.budget,
		spend: curve.spend,
		ltvProfit: curve.ltvProfit,
		marginalLtvProfit: curve.marginalLtvProfit,
		historicalBudget,
		historical: {
			spend: point.spend,
			ltvProfit: point.ltvProfit,
			marginalLtvProfit: marginalLtvProfit(market, c, historicalBudget)
		}
	};
}

/** True response curves of every channel, in one go. */
export function responsePreview(scenario: Scenario, points = RESPONSE_POINTS): ChannelPreview[] {
	const context = responseContext(scenario, points);
	return scenario.channels.map((_, c) => channelPreview(context, c));
}

/** The cohort parameters of segment `s`. */
export function cohortParams(segment: Scenario['segments'][number]): CohortParams {
	return {
		retentionAlpha: segment.retention.alpha,
		retentionBeta: segment.retention.beta,
		repeatOrdersPerMonth: segment.repeatOrdersPerMonth,
		orderValue: segment.orderValue,
		margin: segment.margin
	};
}

/** Cumulative expected margin per customer by age, for every segment, up to the LTV horizon. */
export function ltvPreview(scenario: Scenario, points = COHORT_POINTS): SegmentPreview[] {
	const SP = scenario.slotsPerDay;
	const horizon = scenario.ltv.horizonDays;
	const n = Math.min(points, horizon + 1);
	const age = new Float64Array(n);
	for (let i = 0; i < n; i++) age[i] = Math.round((horizon * i) / (n - 1));
	const discount = discountPerStep(scenario.ltv.annualDiscountRate, SP);
	return scenario.segments.map((segment, s) => {
		const params = cohortParams(segment);
		const classes = retentionClasses(params, SP);
		const curve = age.map((days) => cumulativeMargin(params, classes, days, SP));
		const discounted = expectedLifetimeValue(params, classes, horizon * SP, discount);
		const undiscounted = expectedLifetimeValue(params, classes, horizon * SP, 1);
		const { alpha, beta } = segment.retention;
		return {
			segment: s,
			id: segment.id,
			name: segment.name,
			age,
			cumulativeMargin: curve,
			firstOrderMargin: segment.orderValue * segment.margin,
			orders: undiscounted.orders,
			ltvMargin: discounted.margin,
			ltvRevenue: discounted.revenue,
			meanMonthlyChurn: alpha / (alpha + beta)
		};
	});
}
