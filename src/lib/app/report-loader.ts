/**
 * The run report (src/lib/app/RunReport.svelte, every chart of a pilot) loaded on demand: the
 * Lab's first load and the Runs list never need d3 and the charts, so they are fetched only when
 * results are near or a run is opened. The same goes for the pilot workers that compute a saved
 * run's response curves and first-seed detail (`describeRun`).
 */
import type { Component } from 'svelte';
import type { RunReportProps } from './lab-types';
import type { PilotCurves } from './pilot-curves';
import type { PilotConfig, PilotResult } from '$lib/experiment/pilot';
import type { PilotDetails } from '$lib/experiment/pilot-details';
import type { Scenario } from '$lib/sim/scenario';

export type { RunReportProps };

/** The report component, or null when it failed to load (an old tab after a new deploy). */
export async function loadRunReport(): Promise<Component<RunReportProps> | null> {
	try {
		return (await import('$lib/app/RunReport.svelte')).default;
	} catch {
		return null;
	}
}

/** A saved run's curve view and first-seed detail, as the report draws them. */
export interface RunDescription {
	curves: PilotCurves;
	details: PilotDetails | null;
}

/**
 * The curves and first-seed detail of a saved run, computed in the pilot workers (replaying the
 * first seed takes seconds, far too long for the main thread). The shared pool is safe to use
 * here: the Lab cancels its pilot when the page is left, so no pilot runs while Runs is open,
 * and the pool's warm analyst is reused. Rejects with an AbortError when `signal` aborts (the run
 * was closed) and with the worker's error when it fails.
 */
export async function describeRun(
	run: { scenario: Scenario; config: PilotConfig; result: PilotResult },
	signal: AbortSignal
): Promise<RunDescription> {
	const { pilotPool } = await import('$lib/workers/pilot-pool');
	return pilotPool.describe({ scenario: run.scenario, config: run.config }, run.result, signal);
}
