/**
 * The lab's response-curve view of a pilot: each channel's true response curve on the pilot's
 * first day (the first seed's market after its history, which every policy starts from), and
 * where each policy ran on it — its mean daily spend on the channel over the pilot and seeds,
 * valued on the curve, with the marginal return of the next unit of spend there.
 *
 * Same ground truth as the first page and the oracle (`trueResponse`, sim/response.ts).
 */
import { pilotSeeds, type PilotConfig, type PilotResult } from '../experiment/pilot';
import { marketAfterHistory } from '../experiment/runner';
import type { Market } from '../sim/market';
import { marginalLtvProfit, trueResponse, trueResponseCurve } from '../sim/response';
import type { Scenario } from '../sim/scenario';
import { budgetGrid, CURVE_POINTS, CURVE_REACH, type OperatingPoint } from './response-curves';
import { splitBudget } from './run-summary';

/** One channel's true curve on the pilot's first day: parallel arrays over a budget grid. */
export interface PilotCurve {
	/** Channel index. */
	channel: number;
	/** Budget per day at each grid point, currency units. */
	budget: Float64Array;
	/** Spend paid per day at each grid point (≤ budget), currency units. */
	spend: Float64Array;
	/** True incremental LTV-profit per day at each grid point, currency units. */
	ltvProfit: Float64Array;
	/** LTV-profit added by the next unit of budget at each grid point (currency per currency). */
	marginalLtvProfit: Float64Array;
}

/** Curves of every channel and every policy's operating point on them. */
export interface PilotCurves {
	/** Seed whose market the curves describe (the pilot's first). */
	seed: number;
	curves: PilotCurve[];
	/** Per policy id, per channel: where the policy ran (mean daily spend over days and seeds). */
	points: Record<string, OperatingPoint[]>;
}

/** The market the curves are read from: the first seed's, on the pilot's first morning. */
export function curvesMarket(scenario: Scenario, config: PilotConfig): Market {
	return marketAfterHistory(scenario, pilotSeeds(config)[0], config.days ?? scenario.days);
}

/** A policy's operating point on channel `c`: `budget` per day valued on the true curve. */
export function operatingPoint(market: Market, c: number, budget: number): OperatingPoint {
	const point = trueResponse(market, c, budget);
	return {
		budget,
		spend: point.spend,
		revenue: point.revenue,
		ltvMargin: point.ltvMargin,
		ltvProfit: point.ltvProfit,
		marginalLtvProfit: marginalLtvProfit(market, c, budget)
	};
}

/** Mean daily spend per channel over the pilot from a policy's `meanDailySpend` [day·C + c]. */
export function meanChannelSpend(meanDailySpend: readonly number[], C: number): number[] {
	const days = Math.floor(meanDailySpend.length / C);
	const out = new Array<number>(C).fill(0);
	for (let d = 0; d < days; d++) for (let c = 0; c < C; c++) out[c] += meanDailySpend[d * C + c];
	return out.map((x) => (days > 0 ? x / days : 0));
}

/**
 * The curves and every policy's operating points for a (possibly partial) pilot result, on
 * `market` (from `curvesMarket`, market seed `seed`). Each
 * grid reaches CURVE_REACH × the channel's historical budget, or past the furthest operating
 * point when a policy spent more.
 */
export function pilotCurves(
	market: Market,
	seed: number,
	scenario: Scenario,
	result: PilotResult,
	points = CURVE_POINTS
): PilotCurves {
	const C = scenario.channels.length;
	const spend = Object.fromEntries(
		result.policies.map((p) => [p.id, meanChannelSpend(p.meanDailySpend, C)])
	);
	const historical = splitBudget(scenario);
	const fallback = scenario.dailyBudget / Math.max(1, C);
	const curves = historical.map((budget, c): PilotCurve => {
		const furthest = Math.max(0, ...Object.values(spend).map((s) => s[c]));
		const reach = Math.max(CURVE_REACH * (budget > 0 ? budget : fallback), furthest * 1.15);
		const curve = trueResponseCurve(market, c, budgetGrid(reach, points));
		return {
			channel: c,
			budget: curve.budget,
			spend: curve.spend,
			ltvProfit: curve.ltvProfit,
			marginalLtvProfit: curve.marginalLtvProfit
		};
	});
	const operating = Object.fromEntries(
		Object.entries(spend).map(([id, perChannel]) => [
			id,
			perChannel.map((budget, c) => operatingPoint(market, c, budget))
		])
	);
	return { seed, curves, points: operating };
}

/** The buffers of the curves, to transfer across a worker boundary. */
export function curveTransferables(curves: PilotCurves): ArrayBuffer[] {
	return curves.curves.flatMap((c) => [
		c.budget.buffer as ArrayBuffer,
		c.spend.buffer as ArrayBuffer,
		c.ltvProfit.buffer as ArrayBuffer,
		c.marginalLtvProfit.buffer as ArrayBuffer
	]);
}
