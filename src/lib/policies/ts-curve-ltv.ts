/**
 * Thompson sampling on response curves, valuing new customers by early LTV predictions
 * ("ts-curve-ltv"): the same learner as ts-curve, except that the lifetime margin it plans with
 * per segment is re-predicted every day from the newest customers' first four weeks of orders
 * (early-ltv.ts, with a trained LTV model's weights) instead of the plan made before the pilot.
 *
 * When customers' value changes — a segment starts ordering less — ts-curve keeps funding the
 * channels that reach it at the old value until a year of revenue says otherwise; this policy
 * moves within weeks. Where nothing changed, the two should spend alike.
 */
import * as v from 'valibot';
import { EarlyLtv, type EarlyLtvState } from './early-ltv';
import { ltvWeightsFromJson, type LtvWeightsJson } from './ltv-network';
import type { Policy, PolicyView } from './policy';
import { createTsCurve, type TsCurveConfig, type TsCurveState } from './ts-curve';

/** A segment's value moving by more than this share since the last decision is logged ('value'). */
const VALUE_MOVE = 0.05;

/** Saved state: the learner's and the LTV estimator's. */
export interface TsCurveLtvState {
	curve: TsCurveState;
	ltv: EarlyLtvState;
}

/** Build the policy from the LTV model's weights and ts-curve's settings. */
export function createTsCurveLtv(
	weights: LtvWeightsJson,
	config: Omit<TsCurveConfig, 'kind'> = {}
): Policy<TsCurveLtvState> {
	const curve = createTsCurve({ ...config, kind: 'ts-curve' });
	const ltv = new EarlyLtv(ltvWeightsFromJson(weights));
	// The view ts-curve sees: the market's, with the predicted LTV in place of the plan.
	// The value ratios at the last decision (to tag decisions where they moved).
	let lastRatio: number[] | null = null;
	const valued = (view: PolicyView): PolicyView => {
		const ltvMargin = ltv.valuesFor(view.economics.ltvMargin);
		return ltvMargin ? { ...view, economics: { ...view.economics, ltvMargin } } : view;
	};
	return {
		id: 'ts-curve-ltv',
		name: 'Thompson sampling on response curves, early LTV',
		cadence: curve.cadence,
		observe(view) {
			ltv.update(view);
			curve.observe(valued(view));
		},
		decide(view) {
			const decision = curve.decide(valued(view));
			// Say so when the value the policy plans with moved since its last decision.
			const ratio = ltv.ratio ? Array.from(ltv.ratio) : null;
			const moved =
				ratio !== null &&
				ratio.some((r, s) => Math.abs(r / (lastRatio?.[s] ?? 1) - 1) > VALUE_MOVE);
			if (moved) for (const reasons of decision.reasons) reasons.push('value');
			if (ratio) lastRatio = ratio;
			return decision;
		},
		getState: () => ({ curve: curve.getState(), ltv: ltv.getState() }),
		setState(state) {
			curve.setState(state.curve);
			ltv.setState(state.ltv);
		}
	};
}

/**
 * Schema of the `ltvModel` setting: the LTV model's weights (as `LtvModel.weightsJson()` gives
 * them), checked in full so a bad spec is refused with the field named before any run.
 */
export const ltvModelSchema = v.pipe(
	v.looseObject(
		{ segmentNames: v.array(v.string()), columns: v.number(), layers: v.array(v.unknown()) },
		'must be a trained LTV model (train one on the Models page)'
	),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		try {
			ltvWeightsFromJson(dataset.value as unknown as LtvWeightsJson);
		} catch (error) {
			addIssue({ message: error instanceof Error ? error.message : String(error) });
		}
	})
);

/** A policy spec for ts-curve-ltv: the LTV model's weights inline, plus ts-curve's settings. */
export interface TsCurveLtvSpec {
	kind: 'ts-curve-ltv';
	ltvModel: LtvWeightsJson;
	[setting: string]: unknown;
}
