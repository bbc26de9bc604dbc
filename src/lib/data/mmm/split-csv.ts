/**
 * The optimal split as a CSV file, for a spreadsheet or a media plan: one row per channel with
 * today's and the recommended spend per period, the limits used and whether one binds, and the
 * KPI and marginal return at both. Written with papaparse (the importer's CSV library).
 */
import Papa from 'papaparse';
import type { SplitResult } from './types';

/** Column names of the split file, in order. */
export const SPLIT_CSV_COLUMNS = [
	'channel',
	'spend_today',
	'spend_recommended',
	'change',
	'min',
	'max',
	'binding',
	'kpi_today',
	'kpi_recommended',
	'marginal_return_today',
	'marginal_return_recommended'
] as const;

/** The split as CSV text (amounts per period, in the data's currency and KPI units). */
export function splitCsv(split: SplitResult): string {
	return Papa.unparse({
		fields: [...SPLIT_CSV_COLUMNS],
		data: split.channels.map((ch) => [
			ch.name,
			ch.current,
			ch.recommended,
			ch.recommended - ch.current,
			ch.min,
			ch.max,
			ch.binding ?? '',
			ch.kpiCurrent,
			ch.kpiRecommended,
			ch.mroasCurrent,
			ch.mroasRecommended
		])
	});
}
