/**
 * The long layout, pivoted to wide: rows of (date, channel, spend, impressions?, clicks?) plus
 * per-date columns (KPI, controls, events, organic) repeated on each row of the date.
 *
 * A (date, channel) pair without a row means nothing ran: spend 0 (one warning). The same pair
 * twice is an error, and so is a per-date column that disagrees between rows of one date.
 */
import type { CsvTable } from './csv-parser';
import type { CellColumn, ChannelCells, Frame } from './frame';
import { formatCount, quoteCell, quoteName, type IssueList } from './issues';
import type { ColumnMapping } from './mapping';
import { isMissing } from './number';

/** Most distinct channels in a long file; beyond it the channel column is not channels. */
export const MAX_LONG_CHANNELS = 500;

/**
 * Pivot a long table.
 * @param days epoch day per table row (valid: date errors stop the import before this)
 * @returns the frame, one period per distinct date in ascending order
 */
export function longFrame(
	table: CsvTable,
	mapping: ColumnMapping,
	days: Int32Array,
	errors: IssueList,
	warnings: IssueList
): Frame {
	const roleAt = (role: string) => mapping.columns.findIndex((c) => c.role.role === role);
	const channelCol = roleAt('channel');
	const metricCols = (['spend', 'impressions', 'clicks'] as const).map(
		(m) => [m, roleAt(m)] as const
	);

	const distinct = Array.from(new Set(days)).sort((a, b) => a - b);
	const periodOf = new Map(distinct.map((day, p) => [day, p]));
	const periods = distinct.length;
	const periodRows: number[] = new Array(periods).fill(0);

	const perDate = (index: number): CellColumn => ({
		name: table.header[index],
		cells: new Array<string | undefined>(periods).fill(''),
		rows: periodRows
	});
	const frame: Frame = {
		days: Int32Array.from(distinct),
		kpi: { name: '', cells: [], rows: [] },
		kpiKind: 'revenue',
		channels: [],
		controls: [],
		events: [],
		organic: []
	};
	const perDateColumns: [number, CellColumn][] = [];
	mapping.columns.forEach(({ role }, index) => {
		const target =
			role.role === 'kpi' ||
			role.role === 'revenuePerConversion' ||
			role.role === 'control' ||
			role.role === 'event' ||
			role.role === 'organic'
				? perDate(index)
				: undefined;
		if (!target) return;
		perDateColumns.push([index, target]);
		if (role.role === 'kpi') {
			frame.kpi = target;
			frame.kpiKind = role.kind;
		} else if (role.role === 'revenuePerConversion') frame.revenuePerConversion = target;
		else if (role.role === 'control') frame.controls.push(target);
		else if (role.role === 'event') frame.events.push(target);
		else frame.organic.push(target);
	});

	const channels = new Map<string, ChannelCells>();
	const filled = new Map<string, Uint8Array>();
	const channelColumnName = table.header[channelCol];
	for (let i = 0; i < table.rows.length; i++) {
		const cells = table.rows[i];
		const row = table.rowNumbers[i];
		const p = periodOf.get(days[i])!;
		if (periodRows[p] === 0) periodRows[p] = row;

		for (const [index, target] of perDateColumns) {
			const cell = cells[index];
			if (isMissing(cell)) continue;
			const seen = target.cells[p]!;
			if (isMissing(seen)) target.cells[p] = cell;
			else if (seen !== cell)
				errors.add({
					code: 'conflicting-value',
					row,
					column: target.name,
					message: `Row ${row}, column ${quoteName(target.name)}: ${quoteCell(cell)} differs from ${quoteCell(seen)} on an earlier row of the same date; a per-date value must be the same on every row of its date.`
				});
		}

		const name = cells[channelCol];
		if (name === '') {
			errors.add({
				code: 'empty-cell',
				row,
				column: channelColumnName,
				message: `Row ${row}, column ${quoteName(channelColumnName)}: the channel name is empty.`
			});
			continue;
		}
		const key = name.toLowerCase();
		let channel = channels.get(key);
		if (!channel) {
			if (channels.size >= MAX_LONG_CHANNELS) {
				errors.add({
					code: 'mapping',
					row,
					column: channelColumnName,
					message: `Column ${quoteName(channelColumnName)} names more than ${formatCount(MAX_LONG_CHANNELS)} channels; is it really the channel column?`
				});
				return frame;
			}
			channel = { name, spend: metricColumn(table, metricCols[0][1], periods) };
			for (const [metric, index] of metricCols.slice(1))
				if (index >= 0)
					channel[metric as 'impressions' | 'clicks'] = metricColumn(table, index, periods);
			channels.set(key, channel);
			filled.set(key, new Uint8Array(periods));
		}
		const seen = filled.get(key)!;
		if (seen[p]) {
			errors.add({
				code: 'duplicate-channel-period',
				row,
				column: channelColumnName,
				message: `Row ${row}: channel ${quoteCell(name)} already has a row for this date (row ${channel.spend.rows[p]}); keep one row per date and channel, or sum them.`
			});
			continue;
		}
		seen[p] = 1;
		for (const [metric, index] of metricCols) {
			const target = channel[metric];
			if (!target || index < 0) continue;
			target.cells[p] = cells[index];
			target.rows[p] = row;
		}
	}

	let absent = 0;
	for (const seen of filled.values()) for (const s of seen) if (!s) absent++;
	if (absent > 0)
		warnings.add({
			code: 'empty-cell',
			column: channelColumnName,
			message: `${formatCount(absent)} date–channel pair${absent === 1 ? ' has' : 's have'} no row; read as zero spend.`
		});
	frame.channels = [...channels.values()];
	return frame;
}

function metricColumn(table: CsvTable, index: number, periods: number): CellColumn {
	return {
		name: table.header[index],
		// `undefined` until a row fills it: no row = nothing ran.
		cells: new Array<string | undefined>(periods).fill(undefined),
		rows: new Array<number>(periods).fill(0)
	};
}
