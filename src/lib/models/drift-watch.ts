/**
 * The models page's drift demonstration: run a scenario's pilot under the fixed historical split
 * (optionally with a planted regime shift: the first channel's median CPM × 1.4 from mid-pilot)
 * and report every weekly KS check of the last 28 days against the pilot's first eight weeks
 * (the window a model fitted early in the pilot learned from). The reference is taken under the
 * same fixed split as the checks: the history's flighted budgets would move CPMs by themselves.
 * Then ts-curve pilots the same market with and without refitting on its own drift check
 * (drift-refit.ts), to show what a refit did before and after.
 */
import {
	DEFAULT_DRIFT_MONITOR,
	driftCheck,
	driftFeatures,
	type DriftAlert
} from '../experiment/drift';
import { runPolicy } from '../experiment/runner';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { createBauFixed } from '../policies/bau-fixed';
import type { Scenario } from '../sim/scenario';
import { compareRefit, type RefitComparison } from './drift-refit';

/** Pilot days of the reference window (a model's training window). */
export const REFERENCE_DAYS = 56;

/** What the page asks for. */
export interface DriftWatchRequest {
	scenario: Scenario;
	/** Market seed. */
	seed: number;
	/** Pilot days to watch. */
	days: number;
	/** Plant a CPM shift on the first channel at mid-pilot. */
	plantShift: boolean;
}

/** What the page shows. */
export interface DriftWatchResult {
	/** Checks that fired (pilot days, drifted features with D and p). */
	alerts: DriftAlert[];
	/** Weekly checks run. */
	checks: number;
	/** Pilot day of the planted shift, or null. */
	shiftDay: number | null;
	/** Channel whose CPM was shifted, or null. */
	shiftedChannel: string | null;
	/** ts-curve on the same pilot with and without refitting on drift: before/after in LTV-profit. */
	refit: RefitComparison;
}

/** Run the demonstration (a few hundred milliseconds for dtc-default over half a year). */
export function driftWatch(request: DriftWatchRequest): DriftWatchResult {
	const { scenario, seed, days, plantShift } = request;
	const channel = scenario.channels[0];
	const shiftDay = plantShift ? Math.floor(days / 2) : null;
	const watched: Scenario = {
		...scenario,
		days,
		regimeShifts: [
			...scenario.regimeShifts,
			...(shiftDay === null
				? []
				: [
						{
							day: shiftDay,
							path: `channels[${channel.id}].auction.medianCpm`,
							value: channel.auction.medianCpm * 1.4
						}
					])
		]
	};
	const shares = Object.fromEntries(scenario.channels.map((c) => [c.id, c.historicalShare]));
	const run = runPolicy(watched, createBauFixed({ kind: 'bau-fixed', shares }), {
		seed,
		days,
		objective: 'ltv-profit',
		guardrails: DEFAULT_GUARDRAILS
	});
	const H = run.historyDays;
	const features = driftFeatures(run.trace);
	const reference: [number, number] = [H, H + REFERENCE_DAYS];
	const { recentDays, checkEvery, alpha } = DEFAULT_DRIFT_MONITOR;
	const alerts: DriftAlert[] = [];
	let checks = 0;
	for (let day = REFERENCE_DAYS + recentDays; day <= days; day += checkEvery) {
		checks++;
		const check = driftCheck(features, reference, [H + day - recentDays, H + day], alpha);
		if (check.drifted.length > 0)
			alerts.push({ day, tests: check.tests.filter((t) => check.drifted.includes(t.feature)) });
	}
	return {
		alerts,
		checks,
		shiftDay,
		shiftedChannel: shiftDay === null ? null : channel.id,
		refit: compareRefit(watched, seed, days)
	};
}
