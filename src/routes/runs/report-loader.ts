/**
 * The run report (src/lib/app/RunReport.svelte, every chart of a pilot) loaded on demand: the
 * Runs list never needs d3 and the charts, so they are fetched only when a run is opened.
 */
import type { Component } from 'svelte';
import type { PilotConfig, PilotResult } from '$lib/experiment/pilot';
import type { Scenario } from '$lib/sim/scenario';

/** The report's props (the contract with the charts). */
export interface RunReportProps {
	result: PilotResult;
	scenario: Scenario;
	config: PilotConfig;
	partial?: boolean;
}

/** The report component, or null when it failed to load (an old tab after a new deploy). */
export async function loadRunReport(): Promise<Component<RunReportProps> | null> {
	try {
		return (await import('$lib/app/RunReport.svelte')).default;
	} catch {
		return null;
	}
}
