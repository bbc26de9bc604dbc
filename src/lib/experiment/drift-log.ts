/**
 * Drift alerts for a run's decision log: weekly KS checks of the last 28 pilot days against the
 * pilot's own first weeks. The reference is taken inside the pilot because the history's
 * flighted budgets move CPMs by themselves (see models/drift-watch.ts): against the history, a
 * stationary market would alarm. An alert is logged at onset only — features that drift
 * now but did not at the previous check — so a lasting shift (or a season's slow change) is one
 * alert, not one a week.
 */
import type { DriftLogAlert } from './decision-log';
import { DEFAULT_DRIFT_MONITOR, driftCheck, driftFeatures, type DriftMonitorConfig } from './drift';
import type { Trace } from '../sim/trace';

/** Pilot days of the reference window (the pilot's first eight weeks). */
export const LOG_REFERENCE_DAYS = 56;

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
		if (onset.length === 0) continue;
		const fired = check.tests.filter((t) => onset.includes(t.feature));
		alerts.push({
			day,
			features: fired.map((t) => t.feature),
			pValue: Math.min(...fired.map((t) => t.pValue))
		});
	}
	return alerts;
}
