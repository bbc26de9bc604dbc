/**
 * Ground-truth response curves: what a channel's daily budget truly returns, at the market's
 * current state (today's expected demand, creative mix and fatigue, halo volume).
 *
 * The curve is the steady state of sustaining that budget every day: adstock at its fixed point,
 * halo included. One function feeds every view (charts, the oracle, regret), so they agree.
 */
import { runAuction, type AuctionResult } from './auction';
import { fatigueMultiplier } from './fatigue';
import { HILL_TABLE_SIZE, hillFromTable } from './hill';
import type { Market } from './market';

/** Expected daily outcome of sustaining a budget on one channel. */
export interface ResponsePoint {
	/** Budget offered per day, currency units. */
	budget: number;
	/** Spend actually paid per day (can be below the budget when inventory runs out). */
	spend: number;
	impressions: number;
	clicks: number;
	/** Incremental conversions per day (direct + halo). */
	conversions: number;
	/** Incremental first-order revenue per day. */
	revenue: number;
	/** Incremental lifetime revenue per day. */
	ltvRevenue: number;
	/** Incremental lifetime gross margin per day. */
	ltvMargin: number;
	/** ltvMargin − spend: incremental LTV-profit per day. */
	ltvProfit: number;
}

/** A response curve: one series per outcome, sampled at `budget`. */
export interface ResponseCurve {
	channel: number;
	budget: Float64Array;
	spend: Float64Array;
	clicks: Float64Array;
	conversions: Float64Array;
	revenue: Float64Array;
	ltvMargin: Float64Array;
	ltvProfit: Float64Array;
	/** d(ltvProfit)/d(budget): what the next dollar returns, net of itself. */
	marginalLtvProfit: Float64Array;
}

const scratch: AuctionResult = { impressions: 0, spend: 0 };

function resetPoint(point: ResponsePoint, budget: number): ResponsePoint {
	point.budget = budget;
	point.spend = 0;
	point.impressions = 0;
	point.clicks = 0;
	point.conversions = 0;
	point.revenue = 0;
	point.ltvRevenue = 0;
	point.ltvMargin = 0;
	point.ltvProfit = 0;
	return point;
}

/**
 * What a response evaluation needs from the market's current state, per channel × segment:
 * audience (with halo volume), the creative mix's effectiveness and click index under current
 * fatigue, and per slot the auction's inventory and mean CPM. Computed once per market step
 * (curves evaluate many budgets at the same state).
 */
interface ResponseSnapshot {
	params: Market['params'];
	step: number;
	day: number;
	audience: Float64Array;
	qualityMix: Float64Array;
	clickMix: Float64Array;
	/** [cs·SP + slot] */
	averageCpm: Float64Array;
	opportunities: Float64Array;
}

const snapshots = new WeakMap<Market, ResponseSnapshot>();

function snapshotOf(market: Market): ResponseSnapshot {
	const p = market.params;
	const st = market.state;
	const cached = snapshots.get(market);
	if (cached && cached.step === st.step && cached.params === p) return cached;
	const { C, K, S, stepsPerDay: SP } = p;
	const day = Math.min(market.day, p.days - 1);
	const snap: ResponseSnapshot = {
		params: p,
		step: st.step,
		day,
		audience: new Float64Array(C * S),
		qualityMix: new Float64Array(C * S),
		clickMix: new Float64Array(C * S),
		averageCpm: new Float64Array(C * S * SP),
		opportunities: new Float64Array(C * S * SP)
	};
	for (let c = 0; c < C; c++) {
		// Creative mix: the last step's shares among live creatives (equal shares if none spent yet).
		let shareSum = 0;
		let live = 0;
		for (let k = 0; k < K; k++) {
			if (!st.active[c * K + k]) continue;
			shareSum += st.creativeShare[c * K + k];
			live++;
		}
		for (let s = 0; s < S; s++) {
			const cs = c * S + s;
			const haloRatio = p.baselinePerDay[s] > 0 ? (st.haloFlow[s] * SP) / p.baselinePerDay[s] : 0;
			const volume = 1 + p.haloReceptivity[c] * haloRatio;
			snap.audience[cs] = p.audience[cs] * volume;
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				if (!st.active[ck]) continue;
				const share = shareSum > 0 ? st.creativeShare[ck] / shareSum : 1 / live;
				const fatigue = fatigueMultiplier(st.exposure[ck * S + s], p.fatigueRate[ck]);
				snap.qualityMix[cs] += share * st.quality[ck] * fatigue;
				snap.clickMix[cs] += share * st.ctrIndex[ck] * fatigue;
			}
			for (let j = 0; j < SP; j++) {
				snap.averageCpm[cs * SP + j] =
					p.medianCpm[c] * p.meanCpmFactor[c] * p.cpmIndex[s] * p.slotCpm[j] * p.cpmSeason[day];
				snap.opportunities[cs * SP + j] = p.opportunities[cs] * volume * p.slotInventory[j];
			}
		}
	}
	snapshots.set(market, snap);
	return snap;
}

/**
 * Add the steady-state daily outcome of `budget` per day aimed at segment `s` of channel `c`
 * into `point` (the segment-targeted building block of every response curve).
 */
function addSegmentResponse(
	market: Market,
	c: number,
	s: number,
	budget: number,
	point: ResponsePoint
): void {
	const snap = snapshotOf(market);
	const p = snap.params;
	const SP = p.stepsPerDay;
	const cs = c * p.S + s;
	let impressions = 0;
	for (let j = 0; j < SP; j++) {
		runAuction(
			budget / SP,
			snap.opportunities[cs * SP + j],
			snap.averageCpm[cs * SP + j],
			p.spread[c],
			1,
			scratch
		);
		impressions += scratch.impressions;
		point.spend += scratch.spend;
	}
	const audience = snap.audience[cs];
	const effective = impressions * snap.qualityMix[cs] * (1 - p.existingShare[c]);
	const frequency = audience > 0 ? effective / audience : 0;
	// The same tabulated Hill curve as the market's hot loop (market.ts), so truth and market agree.
	const response = hillFromTable(
		frequency,
		p.halfSaturation[c],
		p.slope[c],
		p.hillTables,
		c * (HILL_TABLE_SIZE + 1)
	);
	const conversions =
		audience *
		p.maxConversionRate[c] *
		p.propensity[s] *
		p.demand[snap.day] *
		response *
		(1 + p.haloStrength[c]);
	point.impressions += impressions;
	point.clicks += impressions * p.ctr[c] * snap.clickMix[cs] * p.propensity[s];
	point.conversions += conversions;
	point.revenue += conversions * p.orderValue[s];
	point.ltvRevenue += conversions * p.ltvRevenue[s];
	point.ltvMargin += conversions * p.ltvMargin[s];
	point.ltvProfit = point.ltvMargin - point.spend;
}

/**
 * Expected steady-state daily outcome of `budget` per day on channel `c` with the platform's
 * default delivery over segments (in proportion to their impression opportunities).
 */
export function trueResponse(
	market: Market,
	c: number,
	budget: number,
	out?: ResponsePoint
): ResponsePoint {
	const p = market.params;
	const S = p.S;
	const point = resetPoint(out ?? ({} as ResponsePoint), budget);
	let oppSum = 0;
	for (let s = 0; s < S; s++) oppSum += p.opportunities[c * S + s];
	for (let s = 0; s < S; s++) {
		const share = oppSum > 0 ? p.opportunities[c * S + s] / oppSum : 0;
		addSegmentResponse(market, c, s, budget * share, point);
	}
	return point;
}

/** Expected steady-state daily outcome of `budget` per day on channel `c` aimed at segment `s` only. */
export function trueSegmentResponse(
	market: Market,
	c: number,
	s: number,
	budget: number,
	out?: ResponsePoint
): ResponsePoint {
	const point = resetPoint(out ?? ({} as ResponsePoint), budget);
	addSegmentResponse(market, c, s, budget, point);
	return point;
}

/** The marginal LTV-profit of the next dollar at `budget` (central difference). */
export function marginalLtvProfit(market: Market, c: number, budget: number): number {
	const h = Math.max(1e-3, budget * 1e-4);
	const lo = Math.max(0, budget - h);
	const a = trueResponse(market, c, lo).ltvProfit;
	const b = trueResponse(market, c, budget + h).ltvProfit;
	return (b - a) / (budget + h - lo);
}

/** The channel's true response curve sampled at the given daily budgets. */
export function trueResponseCurve(
	market: Market,
	c: number,
	budgets: ArrayLike<number>
): ResponseCurve {
	const n = budgets.length;
	const curve: ResponseCurve = {
		channel: c,
		budget: Float64Array.from(budgets),
		spend: new Float64Array(n),
		clicks: new Float64Array(n),
		conversions: new Float64Array(n),
		revenue: new Float64Array(n),
		ltvMargin: new Float64Array(n),
		ltvProfit: new Float64Array(n),
		marginalLtvProfit: new Float64Array(n)
	};
	const point = {} as ResponsePoint;
	for (let i = 0; i < n; i++) {
		trueResponse(market, c, budgets[i], point);
		curve.spend[i] = point.spend;
		curve.clicks[i] = point.clicks;
		curve.conversions[i] = point.conversions;
		curve.revenue[i] = point.revenue;
		curve.ltvMargin[i] = point.ltvMargin;
		curve.ltvProfit[i] = point.ltvProfit;
		curve.marginalLtvProfit[i] = marginalLtvProfit(market, c, budgets[i]);
	}
	return curve;
}
