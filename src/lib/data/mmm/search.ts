/**
 * The hyper-parameter search: coordinate sweeps over channels with quasi-random (Halton)
 * candidates plus local moves, then a pattern search that halves its step (local refinement).
 *
 * Why coordinates: with C channels the space has 3·C dimensions, where joint random search
 * (Robyn's Nevergrad budget) needs thousands of full fits. Changing one channel at a time lets
 * the evaluator update one Gram row, and the other channels' best shapes are kept while each
 * channel explores its own three dimensions globally. Deterministic given the rng.
 */
import type { Rng } from '../../sim/random';
import type { Evaluator } from './evaluator';
import {
	clampUnit,
	halton,
	priorChi2,
	shapeOf,
	type ShapeBounds,
	type ShapePrior,
	type UnitShape
} from './space';

/** How much searching to do. */
export interface SearchPlan {
	/** Coordinate sweeps over all channels at most (each channel gets global candidates). */
	sweeps: number;
	/** Quasi-random candidates per channel per sweep (0 = local moves only). */
	globalPerChannel: number;
	/** First and last step of the pattern search, in unit-cube coordinates. */
	refineStart: number;
	refineEnd: number;
}

/** The search's context: bounds, each channel's spend scale, the rng and a progress hook. */
export interface SearchContext {
	bounds: ShapeBounds;
	/** Average spend per period per channel (the unit of half-saturation). */
	scales: number[];
	rng: Rng;
	/** Called after each evaluation; may return a promise to await (yield, cancel check). */
	tick: () => Promise<void> | undefined;
	/** Prior on the shapes and its weight (σ², the residual variance); weight 0 = none. */
	prior?: { shape: ShapePrior; weight: number };
}

/** What the search found. */
export interface SearchResult {
	points: UnitShape[];
	score: number;
	evaluations: number;
	/** Sweeps run; `converged` when the last sweep improved the score by < 0.01 %. */
	sweeps: number;
	converged: boolean;
}

/** Planned evaluations of a search with `C` channels (for progress and time estimates). */
export function plannedEvaluations(plan: SearchPlan, C: number, maxDelayStages: number): number {
	const local = 6 + (maxDelayStages > 0 ? 2 : 0);
	let levels = 0;
	for (let step = plan.refineStart; step >= plan.refineEnd * 0.999; step /= 2) levels++;
	return C * (plan.sweeps * (plan.globalPerChannel + local) + levels * local * 1.5);
}

/** Search from `start` (one unit-cube point per channel); the evaluator ends at the best shapes. */
export async function searchShapes(
	ev: Evaluator,
	start: UnitShape[],
	plan: SearchPlan,
	ctx: SearchContext
): Promise<SearchResult> {
	const C = start.length;
	const { bounds, scales, rng } = ctx;
	const maxStages = bounds.maxDelayStages;
	const points = start.map((point) => ({
		u: [...point.u] as UnitShape['u'],
		delayStages: point.delayStages
	}));
	for (let c = 0; c < C; c++) ev.setChannel(c, shapeOf(points[c], bounds, scales[c]));
	const prior = ctx.prior;
	const penalty = (): number => (prior ? prior.weight * priorChi2(points, prior.shape) : 0);
	let best = ev.score() + penalty();
	let evaluations = 1;
	const dims = maxStages > 0 ? 4 : 3;
	const shift = Array.from({ length: dims }, () => rng.next());

	/** Try candidate points for channel c; keep the best (the evaluator ends on it). */
	async function tryAll(c: number, candidates: UnitShape[]): Promise<boolean> {
		let improved = false;
		const incumbent = points[c];
		let winner = incumbent;
		for (const candidate of candidates) {
			ev.setChannel(c, shapeOf(candidate, bounds, scales[c]));
			points[c] = candidate;
			const score = ev.score() + penalty();
			evaluations++;
			if (score < best) {
				best = score;
				winner = candidate;
				improved = true;
			}
			const pause = ctx.tick();
			if (pause) await pause;
		}
		points[c] = winner;
		ev.setChannel(c, shapeOf(winner, bounds, scales[c]));
		return improved;
	}

	const moves = (point: UnitShape, step: number): UnitShape[] => {
		const out: UnitShape[] = [];
		for (let d = 0; d < 3; d++) {
			for (const sign of [1, -1]) {
				const u = [...point.u] as UnitShape['u'];
				u[d] = clampUnit(u[d] + sign * step);
				if (u[d] !== point.u[d]) out.push({ u, delayStages: point.delayStages });
			}
		}
		for (const sign of [1, -1]) {
			const stages = point.delayStages + sign;
			if (stages >= 0 && stages <= maxStages) out.push({ u: [...point.u], delayStages: stages });
		}
		return out;
	};

	let sweeps = 0;
	let converged = false;
	for (let sweep = 0; sweep < plan.sweeps; sweep++) {
		const before = best;
		const order = Array.from({ length: C }, (_, c) => c);
		for (let i = C - 1; i > 0; i--) {
			const j = Math.floor(rng.next() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		const step = 0.25 / (sweep + 1);
		for (const c of order) {
			const candidates: UnitShape[] = [];
			for (let i = 0; i < plan.globalPerChannel; i++) {
				const h = halton((sweep * C + c) * plan.globalPerChannel + i, dims, shift);
				candidates.push({
					u: [h[0], h[1], h[2]],
					delayStages: dims > 3 ? Math.min(maxStages, Math.floor(h[3] * (maxStages + 1))) : 0
				});
			}
			candidates.push(...moves(points[c], step));
			await tryAll(c, candidates);
		}
		sweeps++;
		if (before - best <= 1e-4 * Math.abs(before)) {
			converged = true;
			break;
		}
	}

	// Pattern search: try ± step on every axis of every channel, halving the step when stuck.
	for (let step = plan.refineStart; step >= plan.refineEnd * 0.999; step /= 2) {
		for (let pass = 0; pass < 2; pass++) {
			let improved = false;
			for (let c = 0; c < C; c++) {
				if (await tryAll(c, moves(points[c], step))) improved = true;
			}
			if (!improved) break;
		}
	}
	return { points, score: best, evaluations, sweeps, converged };
}
