/**
 * The budget for a target, not a total: the least budget that reaches a KPI volume, or the most
 * budget that keeps an efficiency floor — the average return (ROAS, or cost per conversion) or
 * the return of the next unit of spend (marginal ROAS). Each candidate budget is split the best
 * way on the fitted curves (`allocate`, objective KPI), so the answer is the budget whose
 * optimal split meets the target: Robyn's "target efficiency" scenario and PyMC-Marketing's
 * non-budget constraints, in one search.
 *
 * With saturating curves the optimal split's KPI rises with the budget while its average and
 * marginal returns fall, so each target has one crossing. S-shaped curves can make the average
 * rise first; a grid over the budgets the limits allow finds the last budget that still meets
 * an efficiency floor, and bisection pins the crossing.
 */
import { allocate, spendToday } from './split';
import { marginalResponseAt, responseAt } from './transform';
import type { BudgetTarget, MmmFit, SplitOptions, TargetResult } from './types';

/** Budgets tried across the range before bisection, and bisection steps (2⁻³⁰ of a grid cell). */
const GRID = 40;
const BISECTIONS = 30;

/** What the optimal split of one budget achieves. */
interface Point {
	budget: number;
	kpi: number;
	/** KPI per unit of spend. */
	efficiency: number;
	/** KPI the next unit of spend adds (at the limits: what the last unit added). */
	marginal: number;
}

/**
 * The budget per period whose optimal split meets `target`, within the channel bounds of
 * `options` (default maximum: 3 × today's spend; a channel with no spend today may take up to
 * 3 × today's total). Throws a RangeError for a target that is not a positive number or for
 * impossible bounds.
 */
export function budgetForTarget(
	fit: MmmFit,
	target: BudgetTarget,
	options: Pick<SplitOptions, 'min' | 'max'> = {}
): TargetResult {
	if (!(Number.isFinite(target.value) && target.value > 0)) {
		throw new RangeError(`The target must be a number above 0; got ${target.value}.`);
	}
	const today = spendToday(fit);
	// Explicit maximums for every channel, so every budget tried is split within the same limits.
	const max = Object.fromEntries(
		fit.channels.map((ch) => [
			ch.id,
			options.max?.[ch.id] ??
				(ch.currentSpend > 0 ? 3 * ch.currentSpend : ch.curve.maxResponse > 0 ? 3 * today : 0)
		])
	);
	const floor = fit.channels.reduce((a, ch) => a + (options.min?.[ch.id] ?? 0), 0);
	const ceiling = Object.values(max).reduce((a, b) => a + b, 0);
	if (!(ceiling > 0)) throw new RangeError('No channel may spend anything within the limits.');
	if (floor > ceiling)
		throw new RangeError('The channel minimums add up to more than their maximums.');
	const bounds = { min: options.min, max };

	const at = (budget: number): Point => {
		// Without the level scan: ten times faster, and the budget it finds is then split in full.
		const { x, hi } = allocate(fit, { total: budget, objective: 'kpi', ...bounds }, false);
		let kpi = 0;
		// The next unit goes where it returns most; with no room left anywhere (every channel at
		// its maximum, or held), the last unit returned at least the smallest marginal return
		// among the channels that spend.
		let next = -Infinity;
		let last = Infinity;
		fit.channels.forEach((ch, c) => {
			kpi += responseAt(ch.curve, x[c]);
			const m = marginalResponseAt(ch.curve, x[c]);
			if (x[c] < hi[c] * (1 - 1e-9)) next = Math.max(next, m);
			if (x[c] > 0) last = Math.min(last, m);
		});
		const marginal = Number.isFinite(next) ? next : Number.isFinite(last) ? last : 0;
		return { budget, kpi, efficiency: budget > 0 ? kpi / budget : 0, marginal };
	};
	const result = (status: TargetResult['status'], point: Point): TargetResult => ({
		target,
		status,
		budget: status === 'unreachable' ? null : point.budget,
		at: point.budget,
		kpi: point.kpi,
		efficiency: point.efficiency,
		marginal: point.marginal,
		ceiling
	});
	/** Bisect between a budget that meets the target (`good`) and one that does not. */
	const bisect = (good: Point, bad: Point, meets: (p: Point) => boolean): Point => {
		for (let i = 0; i < BISECTIONS; i++) {
			const mid = at((good.budget + bad.budget) / 2);
			if (meets(mid)) good = mid;
			else bad = mid;
		}
		return good;
	};

	// Budgets from the minimums' total (the least any split can spend) to the limits' total.
	const start = Math.max(floor, ceiling / GRID / 1000);
	const grid = Array.from({ length: GRID + 1 }, (_, i) =>
		at(start + ((ceiling - start) * i) / GRID)
	);
	const top = grid[GRID];

	if (target.kind === 'kpi') {
		// Volume: the least budget reaching the KPI (the KPI rises with the budget).
		const meets = (p: Point) => p.kpi >= target.value;
		if (!meets(top)) return result('unreachable', top);
		const first = grid.findIndex(meets);
		if (first === 0) return result('met', grid[0]);
		return result('met', bisect(grid[first], grid[first - 1], meets));
	}
	// Efficiency floors: the most budget that still meets it (average or marginal return).
	const meets =
		target.kind === 'efficiency'
			? (p: Point) => p.efficiency >= target.value
			: (p: Point) => p.marginal >= target.value;
	if (meets(top)) return result('ceiling', top);
	let last = -1;
	for (let i = GRID; i >= 0; i--) {
		if (meets(grid[i])) {
			last = i;
			break;
		}
	}
	if (last < 0) {
		// Nothing meets it: report the best the curves allow.
		const key = target.kind === 'efficiency' ? 'efficiency' : 'marginal';
		const best = grid.reduce((a, b) => (b[key] > a[key] ? b : a));
		return result('unreachable', best);
	}
	return result('met', bisect(grid[last], grid[last + 1], meets));
}
