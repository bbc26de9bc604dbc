/**
 * The optimal split of a budget on the fitted response curves: each currency unit goes where
 * it returns the most, which ends with every channel not on a bound at the same marginal
 * return. Greedy allocation in small steps (exact for concave curves, and sensible for S-shaped
 * ones, which only pay once past their threshold), then pairwise transfers that equalise the
 * marginal returns. Expected changes carry intervals from the bootstrap curves.
 */
import { marginalResponseAt, responseAt, type ChannelCurve } from './transform';
import { explainSplit } from './explain';
import { interval } from './report';
import type { BudgetScenario, MmmFit, SplitChannel, SplitOptions, SplitResult } from './types';

const STEPS = 2000;

/** Objective of one channel at spend x: KPI, or KPI value − spend. */
function gainOf(curve: ChannelCurve, x: number, value: number | null): number {
	const kpi = responseAt(curve, x);
	return value === null ? kpi : value * kpi - x;
}

/** Check a bound map's entries: known channel ids, finite, ≥ 0. */
function bound(
	fit: MmmFit,
	map: Record<string, number> | undefined,
	name: 'min' | 'max',
	fallback: (c: number) => number
): number[] {
	for (const [id, value] of Object.entries(map ?? {})) {
		if (!fit.channels.some((ch) => ch.id === id)) {
			throw new RangeError(`${name}: no channel has the id "${id}".`);
		}
		if (!Number.isFinite(value) || value < 0) {
			throw new RangeError(`${name}.${id} must be a spend ≥ 0; got ${value}.`);
		}
	}
	return fit.channels.map((ch, c) => map?.[ch.id] ?? fallback(c));
}

/** Spend per channel of the best split, with the bounds it used and the value per KPI unit. */
export interface Allocation {
	/** Spend per period per channel, in the fit's channel order. */
	x: number[];
	lo: number[];
	hi: number[];
	/** Currency per KPI unit for objective 'profit'; null for 'kpi'. */
	value: number | null;
}

/**
 * The spend per channel that maximises the objective for `options.total` on the fitted curves
 * (the allocation of `optimalSplit`, without its intervals and explanation). Throws a RangeError
 * for impossible bounds.
 */
export function allocate(fit: MmmFit, options: SplitOptions): Allocation {
	const { total, objective } = options;
	if (!Number.isFinite(total) || total < 0) {
		throw new RangeError(`The budget must be a number ≥ 0 per period; got ${total}.`);
	}
	const value = objective === 'profit' ? (options.valuePerKpi ?? fit.valuePerKpi) : null;
	if (objective === 'profit' && !(value !== null && value > 0)) {
		throw new RangeError(
			'Profit needs the value of one KPI unit (currency per conversion): give valuePerKpi.'
		);
	}
	const chans = fit.channels;
	const C = chans.length;
	const lo = bound(fit, options.min, 'min', () => 0);
	const hi = bound(fit, options.max, 'max', (c) =>
		chans[c].currentSpend > 0
			? 3 * chans[c].currentSpend
			: chans[c].curve.maxResponse > 0
				? total
				: 0
	);
	chans.forEach((ch, c) => {
		if (lo[c] > hi[c]) {
			throw new RangeError(`${ch.name}: the minimum ${lo[c]} is above the maximum ${hi[c]}.`);
		}
	});
	const minSum = lo.reduce((a, b) => a + b, 0);
	if (minSum > total * (1 + 1e-9)) {
		throw new RangeError(
			`The channel minimums add up to ${minSum.toFixed(0)} per period, more than the budget ${total.toFixed(0)}.`
		);
	}
	const curves = chans.map((ch) => ch.curve);
	const x = [...lo];
	// Greedy: each step to the channel whose next step gains the most (if it gains at all).
	let left = total - minSum;
	const step = Math.max(total / STEPS, 1e-9);
	while (left > 1e-9 * Math.max(1, total)) {
		let best = -1;
		let bestGain = objective === 'profit' ? 0 : -Infinity;
		const delta = Math.min(step, left);
		for (let c = 0; c < C; c++) {
			const room = Math.min(delta, hi[c] - x[c]);
			if (room <= 0) continue;
			const gain = (gainOf(curves[c], x[c] + room, value) - gainOf(curves[c], x[c], value)) / room;
			if (gain > bestGain) {
				bestGain = gain;
				best = c;
			}
		}
		if (best < 0) break;
		const room = Math.min(delta, hi[best] - x[best]);
		x[best] += room;
		left -= room;
	}
	// Polish: move small amounts from the lowest to the highest marginal return.
	const marginal = (c: number) => {
		const m = marginalResponseAt(curves[c], x[c]);
		return value === null ? m : value * m - 1;
	};
	for (let iter = 0, move = step; iter < 400 && move > step * 1e-3; iter++) {
		let up = -1;
		let down = -1;
		for (let c = 0; c < C; c++) {
			if (x[c] + move <= hi[c] && (up < 0 || marginal(c) > marginal(up))) up = c;
			if (x[c] - move >= lo[c] && (down < 0 || marginal(c) < marginal(down))) down = c;
		}
		const before =
			up >= 0 && down >= 0
				? gainOf(curves[up], x[up], value) + gainOf(curves[down], x[down], value)
				: 0;
		const after =
			up >= 0 && down >= 0 && up !== down
				? gainOf(curves[up], x[up] + move, value) + gainOf(curves[down], x[down] - move, value)
				: -Infinity;
		if (after > before) {
			x[up] += move;
			x[down] -= move;
		} else move /= 2;
	}
	return { x, lo, hi, value };
}

/**
 * The split of `options.total` (budget per period, currency) that maximises the objective on
 * the fitted steady-state curves, within per-channel bounds (defaults: 0 to 3 × today's spend).
 * With objective 'profit' spending stops where an extra currency unit returns less than it
 * costs, so the budget may not be fully spent. Throws a RangeError for impossible bounds.
 */
export function optimalSplit(fit: MmmFit, options: SplitOptions): SplitResult {
	const { total, objective } = options;
	const { x, lo, hi, value } = allocate(fit, options);
	const chans = fit.channels;
	const curves = chans.map((ch) => ch.curve);
	const spent = x.reduce((a, b) => a + b, 0);
	const tol = Math.max(1e-6, total * 1e-6);
	const channels: SplitChannel[] = chans.map((ch, c) => ({
		id: ch.id,
		name: ch.name,
		current: ch.currentSpend,
		recommended: x[c],
		min: lo[c],
		max: hi[c],
		binding: x[c] <= lo[c] + tol ? 'min' : x[c] >= hi[c] - tol ? 'max' : null,
		kpiCurrent: responseAt(curves[c], ch.currentSpend),
		kpiRecommended: responseAt(curves[c], x[c]),
		mroasCurrent: marginalResponseAt(curves[c], ch.currentSpend),
		mroasRecommended: marginalResponseAt(curves[c], x[c])
	}));
	const free = channels.filter((ch) => ch.binding === null && ch.recommended > 0);
	const marginalReturn = free.length
		? free.reduce(
				(a, ch) => a + (value === null ? ch.mroasRecommended : value * ch.mroasRecommended - 1),
				0
			) / free.length
		: NaN;
	// Intervals: the same two splits evaluated on every bootstrap draw's curves.
	const D = Math.min(...chans.map((ch) => ch.curveDraws.length));
	const sumAt = (draw: number, spendOf: (c: number) => number) =>
		chans.reduce(
			(a, ch, c) => a + responseAt(draw < 0 ? ch.curve : ch.curveDraws[draw], spendOf(c)),
			0
		);
	const current = (c: number) => chans[c].currentSpend;
	const recommended = (c: number) => x[c];
	const draws = Array.from({ length: Number.isFinite(D) ? D : 0 }, (_, d) => d);
	const kpiCurrent = interval(
		sumAt(-1, current),
		draws.map((d) => sumAt(d, current))
	);
	const kpiRecommended = interval(
		sumAt(-1, recommended),
		draws.map((d) => sumAt(d, recommended))
	);
	const kpiChange = interval(
		kpiRecommended.mean - kpiCurrent.mean,
		draws.map((d) => sumAt(d, recommended) - sumAt(d, current))
	);
	const currentTotal = chans.reduce((a, ch) => a + ch.currentSpend, 0);
	const v = options.valuePerKpi ?? fit.valuePerKpi;
	const profitChange =
		v === null
			? null
			: {
					mean: v * kpiChange.mean - (spent - currentTotal),
					low: v * kpiChange.low - (spent - currentTotal),
					high: v * kpiChange.high - (spent - currentTotal)
				};
	const result: SplitResult = {
		objective,
		total,
		currentTotal,
		channels,
		kpiCurrent,
		kpiRecommended,
		kpiChange,
		profitChange,
		fullySpent: spent >= total - tol,
		marginalReturn,
		explanation: []
	};
	result.explanation = explainSplit(fit, result);
	return result;
}

/** Optimal splits at −20 %, the same and +20 % of `total` (budget per period, currency). */
export function budgetScenarios(
	fit: MmmFit,
	total: number,
	options: Omit<SplitOptions, 'total'> = { objective: 'kpi' }
): BudgetScenario[] {
	return [0.8, 1, 1.2].map((factor) => ({
		factor,
		label: factor === 1 ? 'Same budget' : factor < 1 ? '−20 %' : '+20 %',
		split: optimalSplit(fit, { ...options, total: total * factor })
	}));
}
