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

/** Spend per period today, summed over the channels, currency units. */
export function spendToday(fit: MmmFit): number {
	return fit.channels.reduce((a, ch) => a + ch.currentSpend, 0);
}

/** Channels left part-way up an S-curve's chord whose on/off choices are tried (2^n splits). */
const MAX_PARTIAL = 4;
/** Levels of an S-curve's rising stretch tried with the other channels re-split. */
const LEVELS = 8;

/**
 * Greedy allocation of `total` in steps: each step to the channel whose next step gains the most
 * (if it gains at all), from `x` (changed and returned) up to `hi`.
 */
function greedy(
	gain: (c: number, x: number) => number,
	x: number[],
	hi: number[],
	total: number,
	objective: SplitOptions['objective'],
	step: number
): number[] {
	let left = total - x.reduce((a, b) => a + b, 0);
	// Each channel's gain where it stands: only the channel that takes a step changes.
	const now = x.map((xc, c) => gain(c, xc));
	while (left > 1e-9 * Math.max(1, total)) {
		let best = -1;
		let bestGain = objective === 'profit' ? 0 : -Infinity;
		const delta = Math.min(step, left);
		for (let c = 0; c < x.length; c++) {
			const room = Math.min(delta, hi[c] - x[c]);
			if (room <= 0) continue;
			const g = (gain(c, x[c] + room) - now[c]) / room;
			if (g > bestGain) {
				bestGain = g;
				best = c;
			}
		}
		if (best < 0) break;
		const room = Math.min(delta, hi[best] - x[best]);
		x[best] += room;
		now[best] = gain(best, x[best]);
		left -= room;
	}
	return x;
}

/** Polish `x` (changed and returned): move small amounts from the lowest to the highest marginal return. */
function polish(
	x: number[],
	gain: (c: number, x: number) => number,
	lo: number[],
	hi: number[],
	value: number | null,
	curves: ChannelCurve[],
	step: number
): number[] {
	const marginal = (c: number) => {
		const m = marginalResponseAt(curves[c], x[c]);
		return value === null ? m : value * m - 1;
	};
	// The move doubles after each gain and halves after each miss, so a split far from the best
	// (greedy starved a curve that starts flat) walks there in a few hundred moves.
	const most = Math.max(...hi.map((h, c) => h - lo[c]), step);
	for (let iter = 0, move = step; iter < 400 && move > step * 1e-3; iter++) {
		let up = -1;
		let down = -1;
		for (let c = 0; c < x.length; c++) {
			if (x[c] + move <= hi[c] && (up < 0 || marginal(c) > marginal(up))) up = c;
			if (x[c] - move >= lo[c] && (down < 0 || marginal(c) < marginal(down))) down = c;
		}
		const before = up >= 0 && down >= 0 ? gain(up, x[up]) + gain(down, x[down]) : 0;
		const after =
			up >= 0 && down >= 0 && up !== down
				? gain(up, x[up] + move) + gain(down, x[down] - move)
				: -Infinity;
		if (after > before) {
			x[up] += move;
			x[down] -= move;
			move = Math.min(2 * move, most);
		} else move /= 2;
	}
	return x;
}

/**
 * Where the chord from (lo, g(lo)) touches the curve g on [lo, hi]: the spend of the steepest
 * chord. `lo` when g is concave from lo (no chord), up to `hi` when the steepest chord ends there.
 */
function touchPoint(g: (x: number) => number, lo: number, hi: number): number {
	if (!(hi > lo)) return lo;
	const g0 = g(lo);
	const slope = (x: number) => (g(x) - g0) / (x - lo);
	const N = 128;
	const at = (i: number) => lo + ((hi - lo) * i) / N;
	let best = 1;
	for (let i = 2; i <= N; i++) if (slope(at(i)) > slope(at(best))) best = i;
	// Concave from lo: the chord is steepest at the start, where it is the curve itself (a
	// touch point inside the first grid cell still shows as a chord rising from lo).
	if (best === 1 && slope(at(1)) <= slope(lo + (at(1) - lo) / 64)) return lo;
	// Refine between the neighbours (the chord's slope is unimodal there).
	let a = at(best - 1);
	let b = at(Math.min(N, best + 1));
	for (let i = 0; i < 60; i++) {
		const m1 = a + (b - a) / 3;
		const m2 = b - (b - a) / 3;
		if (slope(m1) < slope(m2)) a = m1;
		else b = m2;
	}
	return (a + b) / 2;
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
export function allocate(
	fit: MmmFit,
	options: SplitOptions,
	/** Also try levels of each S-curve's rising stretch (thorough; the budget search skips it). */
	scanLevels = true
): Allocation {
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
	const gain = (c: number, x: number) => gainOf(curves[c], x, value);
	const step = Math.max(total / STEPS, 1e-9);
	/** Greedy on `by` (the curves or their hulls) from `start` up to `caps`, polished on the curves. */
	const resplit = (by: typeof gain, start: number[], caps: number[]) =>
		polish(greedy(by, start, caps, total, objective, step), gain, lo, hi, value, curves, step);
	const plain = resplit(gain, [...lo], hi);
	// S-shaped curves (Hill slope > 1) pay only past a threshold, which step-by-step greedy never
	// climbs: a first small step there returns almost nothing. Their concave hulls (the chord from
	// the lowest spend to where it touches the curve, then the curve) are what a budget can buy;
	// the greedy on hulls is exact for the hull problem, and each channel it leaves on a chord is
	// then either switched off or taken to the touch point, whichever splits better.
	const touch = chans.map((_, c) => touchPoint((x) => gain(c, x), lo[c], hi[c]));
	// Concave curves only: the plain greedy is exact.
	if (!touch.some((t, c) => t > lo[c])) return { x: plain, lo, hi, value };
	const chord = touch.map((t, c) => (t > lo[c] ? (gain(c, t) - gain(c, lo[c])) / (t - lo[c]) : 0));
	const hull = (c: number, x: number) =>
		x < touch[c] ? gain(c, lo[c]) + (x - lo[c]) * chord[c] : gain(c, x);
	const onHull = greedy(hull, [...lo], hi, total, objective, step);
	const partial = onHull
		.map((x, c) => (x > lo[c] + step / 2 && x < touch[c] - step / 2 ? c : -1))
		.filter((c) => c >= 0)
		.slice(0, MAX_PARTIAL);
	const objectiveOf = (x: number[]) => x.reduce((a, xc, c) => a + gain(c, xc), 0);
	let best = plain;
	let bestValue = objectiveOf(plain);
	/** Hold some channels at given spends, split the rest on the hulls, polish; keep it if better. */
	const tryHolding = (held: Map<number, number>) => {
		const start = [...lo];
		const fixed = [...hi];
		for (const [c, spend] of held) {
			start[c] = spend;
			fixed[c] = spend;
		}
		if (start.reduce((a, b) => a + b, 0) > total * (1 + 1e-9)) return;
		const x = resplit(hull, start, fixed);
		const v = objectiveOf(x);
		// Ties keep the plain greedy's split.
		if (v > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) {
			best = x;
			bestValue = v;
		}
	};
	for (let mask = 0; mask < 1 << partial.length; mask++) {
		tryHolding(new Map(partial.map((c, i) => [c, mask & (1 << i) ? touch[c] : lo[c]])));
	}
	// An S-curve can also pay part-way up, below its touch point, when the other channels are
	// steep and the budget short: try levels of each one's rising stretch with the rest re-split.
	for (let c = 0; scanLevels && c < chans.length; c++) {
		if (!(touch[c] > lo[c])) continue;
		const top = Math.min(touch[c], lo[c] + (total - minSum));
		for (let k = 1; k <= LEVELS; k++) {
			tryHolding(new Map([[c, lo[c] + ((top - lo[c]) * k) / (LEVELS + 1)]]));
		}
	}
	return { x: best, lo, hi, value };
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
	const currentTotal = spendToday(fit);
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
