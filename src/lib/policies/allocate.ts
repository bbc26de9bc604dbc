/**
 * Splitting a budget over channels given each channel's response curve: the "next marginal
 * dollar" logic shared by the oracle (true curves) and model-based policies (estimated curves).
 *
 * Curves are sampled on a budget grid; each channel's samples are replaced by their upper
 * concave envelope (so S-shaped curves are handled: a channel is funded past its convex start
 * when the whole stretch pays), and budget goes, chunk by chunk, to the channel whose next chunk
 * returns the most — which equalises marginal returns at the optimum.
 */

/** Objective value of each curve at budgets `grids[c][j]`: values[c][j]; each grid starts at 0 and increases. */
export interface CurveSet {
	grids: Float64Array[];
	values: Float64Array[];
}

export interface SplitOptions {
	/** Total budget to split, currency units. */
	budget: number;
	/** Profit objectives stop when the next chunk returns ≤ 0; volume objectives spend it all. */
	stopAtZero: boolean;
	/** Per-curve lower and upper bounds on the budget (defaults 0 and the grid's top). */
	min?: ArrayLike<number>;
	max?: ArrayLike<number>;
}

export interface Split {
	/** Budget per channel. */
	budget: Float64Array;
	/** Marginal return of the next dollar per channel at the split (slope of its envelope). */
	marginal: Float64Array;
}

/** Indices of the upper concave envelope of points (x[i], y[i]), x increasing. */
export function concaveEnvelope(x: ArrayLike<number>, y: ArrayLike<number>): number[] {
	const hull: number[] = [];
	for (let i = 0; i < x.length; i++) {
		while (hull.length >= 2) {
			const a = hull[hull.length - 2];
			const b = hull[hull.length - 1];
			// Drop b when it lies on or below the chord from a to i.
			const cross = (x[b] - x[a]) * (y[i] - y[a]) - (y[b] - y[a]) * (x[i] - x[a]);
			if (cross >= 0) hull.pop();
			else break;
		}
		hull.push(i);
	}
	return hull;
}

/** Value of a piecewise-linear envelope (its first n points) at budget b. */
function envelopeAt(hx: Float64Array, hy: Float64Array, n: number, b: number): number {
	if (b <= hx[0]) return hy[0];
	for (let i = 1; i < n; i++) {
		if (b <= hx[i])
			return hy[i - 1] + ((hy[i] - hy[i - 1]) * (b - hx[i - 1])) / (hx[i] - hx[i - 1]);
	}
	return hy[n - 1];
}

/** Upper concave envelope of one curve as typed arrays: its points' budgets and values, and their count. */
interface Hull {
	x: Float64Array;
	y: Float64Array;
	n: number;
	/** Segment the channel's budget is in. */
	at: number;
	top: number;
}

/** Hull buffers reused by every call (splitBudget runs to completion: nothing else holds them). */
const scratchHulls: Hull[] = [];

/** The envelope of one curve in scratch hull `slot`. */
function hullOf(slot: number, grid: Float64Array, values: Float64Array): Hull {
	let hull = scratchHulls[slot];
	if (!hull || hull.x.length < grid.length) {
		hull = {
			x: new Float64Array(grid.length),
			y: new Float64Array(grid.length),
			n: 0,
			at: 0,
			top: 0
		};
		scratchHulls[slot] = hull;
	}
	const { x, y } = hull;
	// The same construction as `concaveEnvelope`, with the kept points stored directly.
	let n = 0;
	for (let i = 0; i < grid.length; i++) {
		const xi = grid[i];
		const yi = values[i];
		while (n >= 2) {
			const ax = x[n - 2];
			const ay = y[n - 2];
			if ((x[n - 1] - ax) * (yi - ay) - (y[n - 1] - ay) * (xi - ax) >= 0) n--;
			else break;
		}
		x[n] = xi;
		y[n] = yi;
		n++;
	}
	hull.n = n;
	hull.at = 0;
	hull.top = grid[grid.length - 1];
	return hull;
}

/**
 * Split `options.budget` over the channels of `curves` to maximise the summed objective.
 * Greedy over the envelopes' segments in order of slope: optimal for the concave envelopes.
 */
export function splitBudget(curves: CurveSet, options: SplitOptions): Split {
	const C = curves.values.length;
	const budget = new Float64Array(C);
	const marginal = new Float64Array(C);
	const hulls: Hull[] = [];
	for (let c = 0; c < C; c++) hulls.push(hullOf(c, curves.grids[c], curves.values[c]));
	const lo = new Float64Array(C);
	const hi = new Float64Array(C);
	for (let c = 0; c < C; c++) {
		lo[c] = Math.max(0, options.min?.[c] ?? 0);
		hi[c] = Math.min(hulls[c].top, options.max?.[c] ?? hulls[c].top);
	}
	let left = options.budget;
	// Minimums first.
	for (let c = 0; c < C; c++) {
		budget[c] = Math.min(lo[c], hi[c]);
		left -= budget[c];
	}
	if (left < 0) {
		// The minimums alone exceed the budget: scale them down proportionally.
		const total = options.budget - left;
		for (let c = 0; c < C; c++) budget[c] *= options.budget / total;
		left = 0;
	}
	const slopeAt = (c: number): number => {
		const h = hulls[c];
		while (h.at < h.n - 1 && h.x[h.at + 1] <= budget[c] + 1e-9) h.at++;
		if (h.at >= h.n - 1 || budget[c] >= hi[c] - 1e-9) return -Infinity;
		return (h.y[h.at + 1] - h.y[h.at]) / (h.x[h.at + 1] - h.x[h.at]);
	};
	// Each channel's next slope changes only when its own budget moves.
	const slope = new Float64Array(C);
	for (let c = 0; c < C; c++) slope[c] = slopeAt(c);
	while (left > 1e-6) {
		let best = -1;
		let bestSlope = -Infinity;
		for (let c = 0; c < C; c++) {
			if (slope[c] > bestSlope) {
				bestSlope = slope[c];
				best = c;
			}
		}
		if (best < 0 || (options.stopAtZero && bestSlope <= 0)) break;
		const h = hulls[best];
		const room = Math.min(h.x[h.at + 1], hi[best]) - budget[best];
		const step = Math.min(room, left);
		budget[best] += step;
		left -= step;
		slope[best] = slopeAt(best);
	}
	for (let c = 0; c < C; c++) {
		const h = hulls[c];
		const b = budget[c];
		const d = Math.max(1e-6, h.top * 1e-4);
		const upper = Math.min(h.top, b + d);
		const lower = Math.max(0, b - d);
		marginal[c] =
			upper > lower
				? (envelopeAt(h.x, h.y, h.n, upper) - envelopeAt(h.x, h.y, h.n, lower)) / (upper - lower)
				: 0;
	}
	return { budget, marginal };
}
