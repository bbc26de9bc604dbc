/**
 * Files a saved run can be exported as: the whole run as JSON (exact: typed arrays, NaN and
 * infinities survive, as in the CLI's results files) and its metrics table as CSV (one row per
 * policy, the CLI's columns). Pure text here; the page turns it into a download.
 */
import { formatPilotCsv } from '$lib/experiment/pilot-csv';
import { toResultsJson } from '$lib/experiment/results-json';
import type { SavedRun } from '$lib/storage';
import { fileStem } from '$lib/app/download';

/** Version of the exported run file, so a later import knows what it reads. */
export const RUN_FILE_VERSION = 1;

/** A file name stem from a run's name (see `fileStem`). */
export const runFileStem = (name: string): string => fileStem(name, 'marginal-run');

/** The run as a JSON file: name, when, preset, scenario, pilot config and the full result. */
export function runJson(run: SavedRun): string {
	const { id, name, createdAt, preset, scenario, config, result } = run;
	return toResultsJson(
		{
			marginalRun: RUN_FILE_VERSION,
			id,
			name,
			savedAt: new Date(createdAt).toISOString(),
			preset,
			scenario,
			config,
			result
		},
		2
	);
}

/** The run's metrics as CSV: one row per policy, every metric with its 95 % interval. */
export function runCsv(run: SavedRun): string {
	return formatPilotCsv(run.result);
}
