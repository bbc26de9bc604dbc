/**
 * Each channel's true response curve, sampled on a budget grid for charts, with the channel's
 * operating point: where the run actually spent, and what that spend truly returned.
 *
 * The curves come from `trueResponseCurve` (sim/response.ts) at the market's current state, so
 * charts, the oracle and regret all read the same ground truth.
 */
import type { Market } from '../sim/market';
import { trueResponse, trueResponseCurve, marginalLtvProfit } from '../sim/response';

/** Grid points per curve (0 included). */
export const CURVE_POINTS = 61;
/** The grid reaches this multiple of the channel's daily budget. */
export const CURVE_REACH = 3;

/** Where a channel runs: its average daily spend over the run, valued on the true curve. */
export interface OperatingPoint {
	/** Average budget offered per day over the run, currency units. */
	budget: number;
	/** Spend paid per day when sustaining that budget (= budget unless inventory runs out). */
	spend: number;
	/** True incremental first-order revenue per day at that budget, currency units. */
	revenue: number;
	/** True incremental lifetime gross margin per day, currency units. */
	ltvMargin: number;
	/** True incremental LTV-profit per day (ltvMargin − spend), currency units. */
	ltvProfit: number;
	/** d(ltvProfit)/d(budget): LTV-profit added by the next unit of budget, net of itself. */
	marginalLtvProfit: number;
}

/** One channel's curve: parallel arrays over the budget grid. */
export interface ChannelCurve {
	/** Channel index. */
	channel: number;
	/** Budget offered per day at each grid point, 0 … CURVE_REACH × daily budget, currency units. */
	budget: Float64Array;
	/** Spend paid per day at each grid point (≤ budget), currency units. */
	spend: Float64Array;
	/** True incremental LTV-profit per day at each grid point, currency units. */
	ltvProfit: Float64Array;
	/** Marginal LTV-profit per unit of budget at each grid point (currency per currency). */
	marginalLtvProfit: Float64Array;
	/** The run's operating point. */
	operating: OperatingPoint;
}

/** An evenly spaced grid from 0 to `max`, `points` values. */
export function budgetGrid(max: number, points = CURVE_POINTS): Float64Array {
	const grid = new Float64Array(points);
	for (let i = 0; i < points; i++) grid[i] = (max * i) / (points - 1);
	return grid;
}

/**
 * True response curves of every channel at the market's current state.
 * @param dailyBudgets per channel, the budget per day the grid is scaled to (currency units);
 *   a channel without budget gets a grid scaled to the average channel budget
 * @param averageSpend per channel, the average spend per day over the run (the operating point)
 */
export function responseCurves(
	market: Market,
	dailyBudgets: ArrayLike<number>,
	averageSpend: ArrayLike<number>,
	points = CURVE_POINTS
): ChannelCurve[] {
	const C = market.params.C;
	let budgetSum = 0;
	for (let c = 0; c < C; c++) budgetSum += dailyBudgets[c];
	const fallback = budgetSum > 0 ? budgetSum / C : 1;
	const curves: ChannelCurve[] = [];
	for (let c = 0; c < C; c++) {
		const scale = dailyBudgets[c] > 0 ? dailyBudgets[c] : fallback;
		const curve = trueResponseCurve(market, c, budgetGrid(CURVE_REACH * scale, points));
		const budget = averageSpend[c];
		const point = trueResponse(market, c, budget);
		curves.push({
			channel: c,
			budget: curve.budget,
			spend: curve.spend,
			ltvProfit: curve.ltvProfit,
			marginalLtvProfit: curve.marginalLtvProfit,
			operating: {
				budget,
				spend: point.spend,
				revenue: point.revenue,
				ltvMargin: point.ltvMargin,
				ltvProfit: point.ltvProfit,
				marginalLtvProfit: marginalLtvProfit(market, c, budget)
			}
		});
	}
	return curves;
}

/**
 * Linear interpolation of `ys` at `x` on increasing `xs` (clamped to the ends). Used to read a
 * curve between grid points, e.g. to check an operating point lies on it.
 */
export function interpolate(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
	const n = xs.length;
	if (n === 0) return NaN;
	if (x <= xs[0]) return ys[0];
	if (x >= xs[n - 1]) return ys[n - 1];
	let lo = 0;
	let hi = n - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (xs[mid] <= x) lo = mid;
		else hi = mid;
	}
	const span = xs[hi] - xs[lo];
	const t = span > 0 ? (x - xs[lo]) / span : 0;
	return ys[lo] + t * (ys[hi] - ys[lo]);
}
