/**
 * A policy's own drift check, on what it can compute from the PolicyView (never ground truth):
 * weekly two-sample KS tests of the last 28 days against a reference window of REFERENCE_DAYS.
 * After an alert the reference restarts at the alert, so one shift raises one alert rather than
 * one a week.
 */
import { DEFAULT_DRIFT_MONITOR, driftCheck, type DriftFeature } from '../experiment/drift';
import type { PolicyView } from './policy';

/** Days in the reference window. */
export const REFERENCE_DAYS = 56;
/**
 * Pilot days skipped before the first reference window: a policy's first decisions move spend
 * away from the historical split.
 */
export const REFERENCE_OFFSET = 14;
/**
 * Family-wise level of each check. Stricter than the log's 0.05: a check runs every week, and a
 * false alarm costs the policy evidence.
 */
export const POLICY_DRIFT_ALPHA = 0.01;

/** Weekly drift checks for a policy. */
export interface PolicyDriftWatch {
	/**
	 * Call once per day; on every seventh pilot day with enough days, tests `features()` (values
	 * per trace day) and returns the drifted features (empty: none, or no check today).
	 */
	check(view: PolicyView, features: () => DriftFeature[]): string[];
	/** Trace day the current reference window starts, or null before the pilot. */
	referenceStart: number | null;
}

/** A drift watch; `referenceStart` restores a saved one. */
export function createPolicyDriftWatch(referenceStart: number | null = null): PolicyDriftWatch {
	const watch: PolicyDriftWatch = {
		referenceStart,
		check(view, features) {
			const { recentDays, checkEvery } = DEFAULT_DRIFT_MONITOR;
			if (view.day < view.pilotStart) return [];
			const start = (watch.referenceStart ??= view.pilotStart + REFERENCE_OFFSET);
			if ((view.day - view.pilotStart) % checkEvery !== 0) return [];
			if (view.day - recentDays < start + REFERENCE_DAYS) return [];
			const result = driftCheck(
				features(),
				[start, start + REFERENCE_DAYS],
				[view.day - recentDays, view.day],
				POLICY_DRIFT_ALPHA
			);
			if (result.drifted.length > 0) watch.referenceStart = view.day;
			return result.drifted;
		}
	};
	return watch;
}
