/**
 * fitMmm: the in-browser marketing-mix model. Prepare (checks, defaults, design), estimate
 * (shape search, joint refinement, holdout, block bootstrap), report (plain-data MmmFit).
 */
import type { Dataset } from '../dataset';
import { estimate, plannedWork } from './estimate';
import { createPace, now } from './pace';
import { prepare } from './prepare';
import { buildReport } from './report';
import type { MmmFit, MmmHooks, MmmOptions } from './types';

/**
 * Fit a marketing-mix model to a dataset: per channel carry-over (adstock, geometric or delayed)
 * and Hill saturation, a baseline with trend, yearly (and for daily data weekly) seasonality,
 * controls, events and organic activity; intervals from a moving-block bootstrap over time;
 * optional lift-test calibration. Deterministic for a seed. Rejects with an AbortError when
 * `hooks.signal` aborts, and with a RangeError saying what to change when the data cannot be
 * fitted (too few periods, negative spend, unknown lift-test channel…).
 */
export async function fitMmm(
	dataset: Dataset,
	options: MmmOptions = {},
	hooks: MmmHooks = {}
): Promise<MmmFit> {
	const started = now();
	const prep = prepare(dataset, options);
	const pace = createPace(hooks, plannedWork(prep));
	pace.check();
	const est = await estimate(prep, pace);
	pace.finish();
	return buildReport(dataset, prep, est, { seconds: (now() - started) / 1000 });
}
