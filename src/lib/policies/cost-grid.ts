/**
 * ts-curve's budget grid: each channel's candidate daily budgets, what recent delivery says
 * they buy (cost curves per channel × segment, refreshed weekly), and each day the value of
 * every grid point under the posterior draws and means, for `splitBudget` (allocate.ts).
 *
 * Impressions per grid point depend only on the cost curves and the segments' shares of spend,
 * so they are tabulated with the curves; a day only turns them into saturation (which moves
 * with the audience estimates and half-saturations) and weighs them by value × amplitude.
 */
import { costCurveFromLogs, type CostCurve, type DeliveryLog } from './delivery';
import { conversionValue } from './observe';
import type { PolicyView } from './policy';
import { saturationRun, type ResponseModel } from './response-model';
import * as pm from '../sim/portable-math';

/** Budget grid points per channel curve (quadratic spacing: fine at small budgets). */
export const GRID = 48;
/** Days of recent delivery used for cost curves and segment shares. */
export const COST_WINDOW = 56;

/**
 * Per channel × segment: cost curve and share of the channel's spend reaching the segment, and
 * the impressions the curve gives at each point of the budget grid (derived, refreshed with them).
 */
export interface CostGrid {
	cost: (CostCurve | null)[];
	share: Float64Array;
	/** Daily budget the grid was made for. */
	budget: number;
	/** Channel budgets tried: budget · (i / GRID)² [GRID + 1]. */
	grid: Float64Array;
	/** Impressions of unit u at grid point i: [u·(GRID + 1) + i] (0 without a cost curve). */
	impressions: Float64Array;
}

/** Cost curves and segment shares from the last COST_WINDOW days of `log` (read through view.day). */
export function costGrid(view: PolicyView, log: DeliveryLog): CostGrid {
	const { C, S } = view.layout;
	const from = Math.max(0, view.day - COST_WINDOW);
	const cost: (CostCurve | null)[] = [];
	const share = new Float64Array(C * S);
	for (let c = 0; c < C; c++) {
		let channelTotal = 0;
		for (let s = 0; s < S; s++) {
			const u = c * S + s;
			let unitTotal = 0;
			for (let d = from; d < view.day; d++) unitTotal += log.spend[u][d];
			cost.push(costCurveFromLogs(log.logSpend[u], log.logImpressions[u], from, view.day));
			share[u] = unitTotal;
			channelTotal += unitTotal;
		}
		for (let s = 0; s < S; s++)
			share[c * S + s] = channelTotal > 0 ? share[c * S + s] / channelTotal : 1 / S;
	}
	const budget = view.dailyBudget;
	const grid = Float64Array.from({ length: GRID + 1 }, (_, i) => budget * (i / GRID) ** 2);
	// impressionsFor(curve, grid[i] · share) = scale · exp(β · (log grid[i] + log share)).
	const logGrid = new Float64Array(GRID + 1);
	for (let i = 1; i <= GRID; i++) logGrid[i] = pm.log(grid[i]);
	const impressions = new Float64Array(C * S * (GRID + 1));
	for (let u = 0; u < C * S; u++) {
		const curve = cost[u];
		if (!curve || !(share[u] > 0)) continue;
		const logShare = pm.log(share[u]);
		for (let i = 1; i <= GRID; i++)
			impressions[u * (GRID + 1) + i] =
				curve.scale * pm.exp(curve.elasticity * (logGrid[i] + logShare));
	}
	return { cost, share, budget, grid, impressions };
}

/** A day's channel values on the grid, with the buffers they are computed in (reused daily). */
export interface GridValues {
	/** Per channel, value at each grid point under the drawn amplitudes / the posterior means. */
	drawn: Float64Array[];
	expected: Float64Array[];
	/** One channel's saturation per segment at each grid point [s·(GRID + 1) + i]. */
	response: Float64Array;
	/** demand · value of a customer · amplitude, per channel × segment, drawn / mean [C·S]. */
	drawWeight: Float64Array;
	meanWeight: Float64Array;
}

/**
 * Each channel's value at every grid point, under the drawn amplitudes and under the means
 * (theta[s][1 + c]): demand × Σ over segments of a customer's value × amplitude × saturation,
 * less the budget itself for the profit objective. Fills `reuse` when it fits; returns it.
 */
export function gridValues(
	view: PolicyView,
	m: ResponseModel,
	dl: CostGrid,
	draws: ArrayLike<number>[],
	means: ArrayLike<number>[],
	demand: number,
	reuse: GridValues | null
): GridValues {
	const { C, S } = view.layout;
	const stride = GRID + 1;
	const out =
		reuse && reuse.drawn.length === C && reuse.drawWeight.length === C * S
			? reuse
			: {
					drawn: Array.from({ length: C }, () => new Float64Array(stride)),
					expected: Array.from({ length: C }, () => new Float64Array(stride)),
					response: new Float64Array(S * stride),
					drawWeight: new Float64Array(C * S),
					meanWeight: new Float64Array(C * S)
				};
	const { drawn, expected, response, drawWeight, meanWeight } = out;
	const profit = view.objective === 'ltv-profit';
	for (let s = 0; s < S; s++) {
		const value = demand * (view.objective === 'clicks' ? 1 : conversionValue(view, s));
		for (let c = 0; c < C; c++) {
			drawWeight[c * S + s] = value * Math.max(0, draws[s][1 + c]);
			meanWeight[c * S + s] = value * Math.max(0, means[s][1 + c]);
		}
	}
	for (let c = 0; c < C; c++) {
		const a = drawn[c];
		const e = expected[c];
		for (let s = 0; s < S; s++) {
			const u = c * S + s;
			const audience = m.audience[u];
			if (dl.cost[u] !== null && audience > 0)
				saturationRun(
					dl.impressions,
					u * stride,
					stride,
					audience,
					m.halfSaturation[c],
					response,
					s * stride
				);
			else response.fill(0, s * stride, (s + 1) * stride);
		}
		for (let i = 0; i < stride; i++) {
			let valueDrawn = 0;
			let valueMean = 0;
			for (let s = 0; s < S; s++) {
				const r = response[s * stride + i];
				valueDrawn += drawWeight[c * S + s] * r;
				valueMean += meanWeight[c * S + s] * r;
			}
			a[i] = valueDrawn - (profit ? dl.grid[i] : 0);
			e[i] = valueMean - (profit ? dl.grid[i] : 0);
		}
	}
	return out;
}
