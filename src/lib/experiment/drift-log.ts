/**
 * Drift alerts for a run's decision log: weekly KS checks of the last 28 pilot days against the
 * pilot's own first weeks. The reference is taken inside the pilot because the history's
 * flighted budgets move CPMs by themselves (see models/drift-watch.ts): against the history, a
 * stationary market would alarm. An alert is logged at onset only — features that drift
 * now but did not at the previous check — so a lasting shift (or a season's slow change) is one
 * alert, not one a week.
 *
 * Beside the KS tests, a simple alert on performance decay (drift.ts `performanceDecay`): new
 * customers' first-order revenue per ad dollar over the last 28 days more than PERFORMANCE_DECAY
 * below the reference window's mean, with a one-sided Welch test agreeing (also at onset only).
 * It says that returns fell, not why — a season can do it as well as drift.
 */
import type { DriftLogAlert } from './decision-log';
import {
	DEFAULT_DRIFT_MONITOR,
	driftCheck,
	driftFeatures,
	performanceDecay,
	type DriftMonitorConfig
} from './drift';
import type { Trace } from '../sim/trace';

/** Pilot days of the reference window (the pilot's first eight weeks). */
export const LOG_REFERENCE_DAYS = 56;
/** A fall in revenue per ad dollar (share of the reference's) that raises a performance alert. */
export const PERFORMANCE_DECAY = 0.2;

/** First-order revenue per ad dollar on each trace day of [from, to) (NaN on days without spend). */
export function dailyRevenuePerDollar(trace: Trace, from: number, to: number): Float64Array {
	const { C, K, S } = trace;
	const o = trace.observables;
	const out = new Float64Array(Math.max(0, to - from));
	for (let d = from; d < to; d++) {
		let revenue = 0;
		let spend = 0;
		for (let s = 0; s < S; s++) revenue += o.firstOrderRevenue[d * S + s];
		for (let i = 0; i < C * K * S; i++) spend += o.spend[d * C * K * S + i];
		out[d - from] = spend > 0 ? revenue / spend : NaN;
	}
	return out;
}

/**
 * Every weekly check that fired over the pilot, in pilot days: the first check is on day
 * `referenceDays + recentDays` (84 by default). A 40 % CPM shift on a stationary dtc-default fires 14 days after it in 20 of 20 seeds
 * (bound tested: 21 days; drift-log.test.ts).
 */
export function logDriftAlerts(
	trace: Trace,
	historyDays: number,
	referenceDays = LOG_REFERENCE_DAYS,
	config: DriftMonitorConfig = DEFAULT_DRIFT_MONITOR
): DriftLogAlert[] {
	const H = historyDays;
	const features = driftFeatures(trace);
	const reference: [number, number] = [H, H + referenceDays];
	let previous = new Set<string>();
	const alerts: DriftLogAlert[] = [];
	const baseline = dailyRevenuePerDollar(trace, H, H + referenceDays);
	let decaying = false;
	const pilotDays = trace.daysDone - H;
	for (let day = referenceDays + config.recentDays; day <= pilotDays; day += config.checkEvery) {
		const check = driftCheck(
			features,
			reference,
			[H + day - config.recentDays, H + day],
			config.alpha
		);
		const onset = check.drifted.filter((f) => !previous.has(f));
		previous = new Set(check.drifted);
		const returns = dailyRevenuePerDollar(trace, H + day - config.recentDays, H + day);
		const decay = performanceDecay(baseline, returns, PERFORMANCE_DECAY, config.alpha);
		const decayOnset = decay.alert && !decaying;
		decaying = decay.alert;
		if (onset.length === 0 && !decayOnset) continue;
		const fired = check.tests.filter((t) => onset.includes(t.feature));
		alerts.push({
			day,
			features: [...fired.map((t) => t.feature), ...(decayOnset ? ['revenuePerDollar'] : [])],
			pValue: fired.length ? Math.min(...fired.map((t) => t.pValue)) : 1,
			...(decayOnset ? { decay: decay.change } : {})
		});
	}
	return alerts;
}
