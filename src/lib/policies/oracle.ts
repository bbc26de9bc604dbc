/**
 * The oracle: allocates with ground truth, as well as the simulator allows, and serves as the
 * upper bound for regret. It is the one policy allowed to read the market itself.
 *
 * Each day it samples every channel's true steady-state response curve (sim/response.ts, which
 * includes carry-over and halo at today's demand, fatigue and creative mix), splits the budget
 * by equalising the true marginal return on the objective (allocate.ts), and rotates creatives
 * to their steady-state optimum under fatigue (water-filling, below).
 */
import { trueResponse, trueSegmentResponse, type ResponsePoint } from '../sim/response';
import type { Market } from '../sim/market';
import { splitBudget } from './allocate';
import {
	emptyDecision,
	type Decision,
	type Objective,
	type Policy,
	type PolicyView
} from './policy';
import * as pm from '../sim/portable-math';

export interface OracleConfig {
	kind: 'oracle';
	/** Budget grid points per curve (resolution of the split). */
	gridPoints?: number;
	/** Days between full re-plans; events and regime shifts always trigger one (default 7). */
	replanEvery?: number;
	/**
	 * Also target audience segments within channels (segmentTilt). Off by default: the oracle then
	 * acts in the same space as BAU and the learning allocators (channel and creative budgets with
	 * the platform's default delivery), which makes it their upper bound.
	 */
	targeting?: boolean;
}

/** The objective's value of a response point (LTV-profit nets out spend). */
export function objectiveValue(point: ResponsePoint, objective: Objective): number {
	switch (objective) {
		case 'clicks':
			return point.clicks;
		case 'conversions':
			return point.conversions;
		case 'revenue':
			return point.revenue;
		case 'ltv-profit':
			return point.ltvProfit;
	}
}

/**
 * Steady-state optimal creative shares under fatigue. A creative with quality q, fatigue rate r
 * and daily recovery ρ shown to a share x of the channel's f impressions per user per day
 * settles at exposure x·f/ρ and delivers q·x / (1 + α x) with α = r·f/ρ; equal marginal returns
 * q / (1 + α x)² = λ give x = (√(q/λ) − 1)/α, with λ such that the shares sum to 1.
 */
export function rotateCreatives(
	quality: ArrayLike<number>,
	alpha: ArrayLike<number>,
	out: Float64Array
): Float64Array {
	const n = quality.length;
	let maxQ = 0;
	for (let k = 0; k < n; k++) maxQ = Math.max(maxQ, quality[k]);
	if (maxQ <= 0) return out.fill(0);
	// Water-filling in closed form (it was a bisection on λ, a tenth of the oracle's time): the
	// funded creatives are those with q > λ, the best ones first. For a funded set the shares sum
	// to 1 when √λ = Σ √q/a ÷ (1 + Σ 1/a); adding the next best creative while its q exceeds the
	// current λ raises λ but keeps it below that q (a mediant), so the loop ends at the fixed point.
	out.fill(0); // 1 marks a creative taken into the funded set
	let sumRoot = 0;
	let sumInverse = 0;
	let lambda = 0;
	for (let m = 0; m < n; m++) {
		let next = -1;
		for (let k = 0; k < n; k++)
			if (out[k] === 0 && (next < 0 || quality[k] > quality[next])) next = k;
		const q = quality[next];
		if (!(q > lambda)) break;
		out[next] = 1;
		const a = Math.max(alpha[next], 1e-9);
		sumRoot += Math.sqrt(q) / a;
		sumInverse += 1 / a;
		const root = sumRoot / (1 + sumInverse);
		lambda = root * root;
	}
	// The bisection's lower bracket, kept: with λ that small every share is in the millions.
	lambda = Math.max(lambda, 1e-12);
	let total = 0;
	for (let k = 0; k < n; k++) {
		const a = Math.max(alpha[k], 1e-9);
		out[k] = quality[k] > lambda ? (Math.sqrt(quality[k] / lambda) - 1) / a : 0;
		total += out[k];
	}
	for (let k = 0; k < n; k++) out[k] = total > 0 ? out[k] / total : 0;
	return out;
}

/**
 * Daily budget that buys a channel × segment's whole inventory today (more buys nothing): the
 * top of its response grid.
 */
function inventoryValue(market: Market, c: number, s: number): number {
	const p = market.params;
	const st = market.state;
	const day = Math.min(market.day, p.days - 1);
	const haloRatio =
		p.baselinePerDay[s] > 0 ? (st.haloFlow[s] * p.stepsPerDay) / p.baselinePerDay[s] : 0;
	const volume = 1 + p.haloReceptivity[c] * haloRatio;
	let value = 0;
	for (let j = 0; j < p.stepsPerDay; j++) {
		const cpm =
			p.medianCpm[c] * p.meanCpmFactor[c] * p.cpmIndex[s] * p.slotCpm[j] * p.cpmSeason[day];
		value += (p.opportunities[c * p.S + s] * volume * p.slotInventory[j] * cpm) / 1000;
	}
	return value;
}

/** The oracle's latest plan: budget per unit (channel, or channel × segment) and its marginal return. */
interface Plan {
	day: number;
	budget: Float64Array;
	marginal: Float64Array;
}

export function createOracle(config: OracleConfig = { kind: 'oracle' }): Policy<null> {
	let market: Market | null = null;
	const points = config.gridPoints ?? 32;
	const targeting = config.targeting ?? false;
	const replanEvery = config.replanEvery ?? 7;
	const point = {} as ResponsePoint;
	let plan: Plan | null = null;

	/** Whether the market's calendar changes on `day`: an event starts or ends, a regime shift. */
	const calendarChanges = (m: Market, day: number) =>
		m.scenario.events.some((e) => e.startDay === day || e.endDay + 1 === day) ||
		m.scenario.regimeShifts.some((r) => r.day === day);

	/** Sample every unit's true curve and split the budget by equal marginal returns. */
	function makePlan(m: Market, view: PolicyView): Plan {
		const { C, S } = view.layout;
		// One curve per channel × segment when targeting, else one per channel (default delivery).
		const units = targeting ? C * S : C;
		const grids: Float64Array[] = [];
		const values: Float64Array[] = [];
		for (let u = 0; u < units; u++) {
			const c = targeting ? Math.floor(u / S) : u;
			let top = 0;
			if (targeting) top = inventoryValue(m, c, u % S);
			else for (let s = 0; s < S; s++) top += inventoryValue(m, c, s);
			top = Math.min(view.dailyBudget, 1.02 * top);
			const grid = Float64Array.from({ length: points + 1 }, (_, j) => (top * j) / points);
			grids.push(grid);
			values.push(
				grid.map((b) =>
					objectiveValue(
						targeting ? trueSegmentResponse(m, c, u % S, b, point) : trueResponse(m, c, b, point),
						view.objective
					)
				)
			);
		}
		const split = splitBudget(
			{ grids, values },
			{ budget: view.dailyBudget, stopAtZero: view.objective === 'ltv-profit' }
		);
		return { day: view.day, budget: split.budget, marginal: split.marginal };
	}

	return {
		id: targeting ? 'oracle-targeting' : 'oracle',
		name: targeting ? 'Oracle with audience targeting' : 'Oracle (ground truth)',
		cadence: 'day',
		usesGroundTruth: true,
		attachMarket(m: Market) {
			market = m;
			plan = null;
		},
		observe() {},
		decide(view: PolicyView): Decision {
			if (!market) throw new Error('The oracle needs the market (runner.attachMarket).');
			const m = market;
			const { C, K, S } = view.layout;
			const p = m.params;
			const decision = emptyDecision(view.layout);
			// Re-plan weekly and whenever the calendar changes: otherwise the optimum moves slowly
			// (on dtc-default weekly re-plans cost under 0.05 % of LTV-profit, for a seventh of the work).
			// Creatives are rotated every day.
			if (
				!plan ||
				view.day - plan.day >= replanEvery ||
				view.day < plan.day ||
				calendarChanges(m, view.day)
			) {
				plan = makePlan(m, view);
			}
			const split = plan;
			if (targeting) decision.segmentTilt = new Float64Array(C * S);
			const quality = new Float64Array(K);
			const alpha = new Float64Array(K);
			const shares = new Float64Array(K);
			for (let c = 0; c < C; c++) {
				let budget = 0;
				let impressions = 0;
				let audience = 0;
				let marginal = 0;
				if (targeting) {
					for (let s = 0; s < S; s++) {
						const b = split.budget[c * S + s];
						budget += b;
						impressions += trueSegmentResponse(m, c, s, b, point).impressions;
						marginal = Math.max(marginal, split.marginal[c * S + s]);
						// The market spreads a channel's budget over segments in proportion to
						// opportunities × tilt, so tilt = budget / opportunities targets each segment.
						decision.segmentTilt![c * S + s] =
							p.opportunities[c * S + s] > 0 ? b / p.opportunities[c * S + s] : 0;
					}
					if (budget <= 0) decision.segmentTilt!.fill(1, c * S, (c + 1) * S);
				} else {
					budget = split.budget[c];
					impressions = trueResponse(m, c, budget, point).impressions;
					marginal = split.marginal[c];
				}
				for (let s = 0; s < S; s++) audience += p.audience[c * S + s];
				const perUser = audience > 0 ? impressions / audience : 0;
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					const recovery = 1 - pm.pow(p.fatigueKeep[ck], p.stepsPerDay);
					quality[k] = view.creativeActive[ck] === 1 ? m.state.quality[ck] : 0;
					alpha[k] = (p.fatigueRate[ck] * perUser) / Math.max(recovery, 1e-6);
				}
				rotateCreatives(quality, alpha, shares);
				for (let k = 0; k < K; k++) decision.spend[c * K + k] = budget * shares[k];
				decision.marginalReturn[c] = marginal;
				decision.uncertainty[c] = 0;
				decision.reasons[c].push('exploit');
			}
			return decision;
		},
		getState: () => null,
		setState() {}
	};
}
