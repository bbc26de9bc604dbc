/**
 * Files a saved run can be exported as: the whole run as JSON (exact: typed arrays, NaN and
 * infinities survive, as in the CLI's results files) and its metrics table as CSV (one row per
 * policy, the CLI's columns). Pure text here; the page turns it into a download.
 */
import { formatPilotCsv } from '../../cli/pilot-csv';
import { toResultsJson } from '../../cli/results-json';
import type { SavedRun } from '$lib/storage';

/** Version of the exported run file, so a later import knows what it reads. */
export const RUN_FILE_VERSION = 1;

/** A file name stem from a run's name: lowercase words joined by dashes, at most 60 characters. */
export function runFileStem(name: string): string {
	const stem = name
		.toLowerCase()
		.normalize('NFKD')
		// Accents become their base letters (é → e) rather than word breaks.
		.replace(/\p{M}/gu, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return stem || 'marginal-run';
}

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

/** Offer `text` as a file download (a blob URL, so nothing leaves the browser). */
export function downloadText(text: string, fileName: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke after the click has been handled: some browsers read the URL asynchronously.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
