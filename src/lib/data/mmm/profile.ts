/**
 * Profile likelihood of each channel's ROAS: how much worse the model fits when the channel's
 * ROAS is forced away from its estimate, every curve shape and coefficient re-fitted around it.
 *
 * Why: ROAS ≈ marginal ROAS / elasticity of the curve at the average spend. The data pin the
 * marginal ROAS well (spend moves, the KPI follows), but the bend of the curve below the spend
 * ever seen — how much the channel still sells at the floor, which the baseline can absorb —
 * often only weakly. On markets simulated by Marginal a 15 % different ROAS often fits within
 * noise of the best fit, and the block bootstrap, whose replicates are generated from the fitted
 * curves and re-fitted near them, does not see that flat valley: its intervals missed the truth
 * by 20–50 %. The profile walks the valley: the interval holds every ROAS whose penalised misfit
 * is within the χ²₁ quantile of the best, and a channel is "identified" only when a ROAS 15 %
 * lower and 15 % higher are both rejected.
 *
 * The constraint is a pseudo-observation on the channel's total contribution (the evaluator's
 * lift-test machinery, with a tiny standard error), so the coefficients stay an exact linear
 * solve and Levenberg–Marquardt moves every channel's shape (refine.ts).
 */
import type { BaselineColumn } from './design';
import { createEvaluator, type LiftRow } from './evaluator';
import { refineEvaluations, refineShapes, type RefinePlan } from './refine';
import { priorChi2, type ShapeBounds, type ShapePrior, type UnitShape } from './space';
import type { MediaShape } from './transform';

/** What the profile says about one channel's ROAS. */
export interface RoasProfile {
	/** Lowest and highest ROAS the data cannot reject at the interval level (KPI per currency). */
	low: number;
	high: number;
	/** Rise of the penalised misfit, in units of σ², with ROAS forced 15 % lower / higher. */
	riseLow: number;
	riseHigh: number;
	/** True when both a 15 % lower and a 15 % higher ROAS are rejected at the interval level. */
	identified: boolean;
}

/** The step of the identification check: the ±15 % of the recovery must-show. */
export const PROFILE_STEP = 0.15;

/** χ²₁ quantile at 90 % (the report's interval level): a rise above it rejects the ROAS. */
const CHI2_LEVEL = 2.706;

/** Probes per side at most (the first at ±PROFILE_STEP, then farther out). */
const PROBES = 4;

/** Relative standard error of the constraint: tight enough that its own misfit is negligible. */
const TIGHT = 1e-4;

/** The data and the fit to profile. */
export interface ProfileInput {
	y: Float64Array;
	/** The demand index as the model's base column. */
	baseline: BaselineColumn;
	demand: Float64Array;
	/** Spend per channel [C][T], currency units per period. */
	spend: Float64Array[];
	daysPerPeriod: number;
	ridge: number;
	/** The analyst's lift tests (kept in every refit). */
	lifts: LiftRow[];
	/** The fit's unit-cube shapes and media shapes. */
	points: UnitShape[];
	shapes: MediaShape[];
}

/** How to refit. */
export interface ProfileContext {
	bounds: ShapeBounds;
	scales: number[];
	/** The prior and σ² (its weight: the residual variance of the fit). */
	prior: { shape: ShapePrior; weight: number };
	plan: RefinePlan;
	tick: () => Promise<void> | undefined;
}

/** Evaluations the profile may use at most: one reference refit and ≤ 2 · PROBES per channel. */
export function profileEvaluations(plan: RefinePlan, C: number): number {
	return (1 + 2 * PROBES * C) * refineEvaluations(plan, C);
}

/** Profile every channel's ROAS around the fit (an in-sample evaluator of its own). */
export async function profileRoas(
	input: ProfileInput,
	ctx: ProfileContext
): Promise<{ profiles: RoasProfile[]; evaluations: number }> {
	const { spend } = input;
	const { prior, plan } = ctx;
	const C = spend.length;
	const totalSpend = spend.map((series) => series.reduce((a, b) => a + b, 0));
	// One constraint per channel on its contribution over the whole data (inactive: σ = ∞).
	const rows: LiftRow[] = spend.map((_, channel) => ({
		channel,
		lift: 0,
		sigma: Infinity,
		implied: (feature: Float64Array) => feature.reduce((a, b) => a + b, 0)
	}));
	const ev = createEvaluator(
		{
			y: input.y,
			baseline: [input.baseline],
			spend,
			daysPerPeriod: input.daysPerPeriod,
			folds: 1,
			ridge: input.ridge,
			lifts: [...input.lifts, ...rows]
		},
		input.shapes
	);
	ev.setDemand(input.demand);
	const residualCount = input.y.length + input.lifts.length + C;
	const refineCtx = { bounds: ctx.bounds, scales: ctx.scales, tick: ctx.tick, prior };
	let evaluations = 0;
	const deactivate = () => {
		for (const row of rows) row.sigma = Infinity;
		ev.setLiftWeight(prior.weight);
	};
	deactivate();
	// The unconstrained in-sample optimum near the fit: the reference every rise is taken from.
	const reference = await refineShapes(ev, input.points, plan, refineCtx, residualCount);
	evaluations += reference.evaluations;
	const start = reference.points;
	const best = ev.score() / prior.weight + priorChi2(start, prior.shape);
	const fit = ev.solveFull();
	const roasHat = fit.features.map(
		(h, c) => (fit.coef[ev.B + c] * h.reduce((a, b) => a + b, 0)) / totalSpend[c]
	);

	// Steps beyond the first are absolute, in units of at least a share of the media's overall
	// ROAS: a channel fitted near zero can still have a range that reaches far above it.
	const overall =
		roasHat.reduce((a, r, c) => a + r * totalSpend[c], 0) /
		Math.max(
			1e-12,
			totalSpend.reduce((a, b) => a + b, 0)
		);
	/**
	 * Rise of the misfit with channel c's ROAS forced to `roas`, re-fitted from `from`; also the
	 * shapes it ends on (the next, farther probe starts there: a continuation along the valley).
	 */
	const rise = async (c: number, roas: number, from: UnitShape[]) => {
		rows[c].lift = roas * totalSpend[c];
		// Relative to the contribution at the overall ROAS too, so a target of 0 stays finite.
		const scale = Math.max(Math.abs(rows[c].lift), overall * totalSpend[c]);
		rows[c].sigma = Math.max(TIGHT * scale, 1e-9);
		ev.setLiftWeight(prior.weight);
		const result = await refineShapes(ev, from, plan, refineCtx, residualCount);
		evaluations += result.evaluations;
		const value = ev.score() / prior.weight + priorChi2(result.points, prior.shape) - best;
		deactivate();
		return { rise: Math.max(0, value), points: result.points };
	};

	const profiles: RoasProfile[] = [];
	for (let c = 0; c < C; c++) {
		const r = roasHat[c];
		const unit = Math.max(r, overall);
		const sides: { bound: number; rise: number }[] = [];
		for (const sign of [-1, 1]) {
			// ROAS ≥ 0 below; above, at most 3 × the larger of the channel's and the overall ROAS.
			const cap = sign < 0 ? 0.95 * r : 3 * unit;
			let step = PROFILE_STEP * r;
			let probe = await rise(c, r + sign * step, start);
			const firstRise = probe.rise;
			let inner = { step: 0, rise: 0 };
			// Walk out until the fit is rejected (or the cap), then interpolate the crossing.
			for (let i = 1; probe.rise < CHI2_LEVEL && step < cap && i < PROBES; i++) {
				inner = { step, rise: probe.rise };
				// Where a quadratic through the optimum would cross, with a margin, at least 1.5×.
				const grow = Math.max(1.5, 1.2 * Math.sqrt(CHI2_LEVEL / Math.max(probe.rise, 0.05)));
				step = Math.min(cap, Math.max(step * grow, PROFILE_STEP * unit));
				const next = await rise(c, r + sign * step, probe.points);
				probe = { rise: Math.max(probe.rise, next.rise), points: next.points };
			}
			let reach = step;
			if (probe.rise >= CHI2_LEVEL) {
				reach =
					inner.step === 0
						? step * Math.sqrt(CHI2_LEVEL / probe.rise)
						: inner.step +
							((step - inner.step) * (CHI2_LEVEL - inner.rise)) / (probe.rise - inner.rise);
			}
			sides.push({ bound: r + sign * reach, rise: firstRise });
		}
		profiles.push({
			low: Math.max(0, Math.min(sides[0].bound, r)),
			high: Math.max(sides[1].bound, r),
			riseLow: sides[0].rise,
			riseHigh: sides[1].rise,
			identified: sides[0].rise >= CHI2_LEVEL && sides[1].rise >= CHI2_LEVEL
		});
	}
	return { profiles, evaluations };
}
