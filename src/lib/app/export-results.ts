/**
 * A pilot's files for people who take the numbers elsewhere: results as CSV (one row per policy,
 * every metric with its 95 % interval and its paired difference to the baseline — the CLI's
 * columns, so a spreadsheet built on one reads the other) and as JSON (exact: typed arrays, NaN
 * and infinities survive), and the scenario as JSON (scenario format v1, which the editor and
 * `parseScenarioJson` read back). Text is built by pure functions; `./download` saves it.
 */
import { formatPilotCsv } from '../experiment/pilot-csv';
import { toResultsJson } from '../experiment/results-json';
import type { PilotConfig, PilotResult } from '../experiment/pilot';
import type { Scenario } from '../sim/scenario';
import { fileStem } from './download';

/** Version of the results file, so a later import knows what it reads. */
export const RESULTS_FILE_VERSION = 1;

/** A file name stem for a pilot's files (see `fileStem`). */
export const pilotFileStem = (name: string): string => fileStem(name, 'marginal-pilot');

/** Results as CSV: a header row, then one row per policy (oracle included). */
export function resultsCsv(result: PilotResult): string {
	return formatPilotCsv(result);
}

/** Results as JSON: what ran (scenario name, config) and the full result. */
export function resultsJson(result: PilotResult, config: PilotConfig): string {
	return toResultsJson(
		{ marginalResults: RESULTS_FILE_VERSION, scenarioName: result.scenarioName, config, result },
		2
	);
}

/** The scenario as JSON (scenario format v1), ending in a newline. */
export function scenarioJson(scenario: Scenario): string {
	return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** The three downloads of a pilot: file name, MIME type and text. */
export interface ExportFile {
	fileName: string;
	type: string;
	text: () => string;
}

/** The report's downloads for a run named `name`. */
export function exportFiles(
	name: string,
	result: PilotResult,
	config: PilotConfig,
	scenario: Scenario
): Record<'csv' | 'json' | 'scenario', ExportFile> {
	const stem = pilotFileStem(name);
	return {
		csv: { fileName: `${stem}-results.csv`, type: 'text/csv', text: () => resultsCsv(result) },
		json: {
			fileName: `${stem}-results.json`,
			type: 'application/json',
			text: () => resultsJson(result, config)
		},
		scenario: {
			fileName: `${pilotFileStem(scenario.name)}-scenario.json`,
			type: 'application/json',
			text: () => scenarioJson(scenario)
		}
	};
}
