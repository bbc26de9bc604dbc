/**
 * A file's cells arranged by role and in period order, before they become numbers: the
 * common shape of the wide layout (one row per period) and the pivoted long layout.
 */
import type { KpiKind } from '../dataset';
import type { CsvTable } from './csv-parser';
import type { ColumnMapping } from './mapping';

/** The cells of one column in period order, with their file rows. */
export interface CellColumn {
	/** Header name, for messages. */
	name: string;
	/** Trimmed cells per period; `undefined` where the long layout has no row. */
	cells: (string | undefined)[];
	/** File row per period (1-based, header = 1). */
	rows: number[];
}

/** The media columns of one paid channel. */
export interface ChannelCells {
	/** Display name of the channel. */
	name: string;
	spend: CellColumn;
	impressions?: CellColumn;
	clicks?: CellColumn;
}

/** Cells by role, one entry per period in date order. */
export interface Frame {
	/** UTC epoch day per period, ascending. */
	days: Int32Array;
	kpi: CellColumn;
	kpiKind: KpiKind;
	revenuePerConversion?: CellColumn;
	channels: ChannelCells[];
	controls: CellColumn[];
	events: CellColumn[];
	organic: CellColumn[];
}

/**
 * Arrange a wide table (one row per period) by role.
 * @param days epoch day per table row
 * @param order table row indices in date order
 */
export function wideFrame(
	table: CsvTable,
	mapping: ColumnMapping,
	days: Int32Array,
	order: Int32Array
): Frame {
	const rows = Array.from(order, (i) => table.rowNumbers[i]);
	const column = (index: number): CellColumn => ({
		name: table.header[index],
		cells: Array.from(order, (i) => table.rows[i][index]),
		rows
	});
	const frame: Frame = {
		days: Int32Array.from(order, (i) => days[i]),
		kpi: { name: '', cells: [], rows: [] },
		kpiKind: 'revenue',
		channels: [],
		controls: [],
		events: [],
		organic: []
	};
	const channels = new Map<string, Partial<ChannelCells>>();
	mapping.columns.forEach(({ role }, index) => {
		switch (role.role) {
			case 'kpi':
				frame.kpi = column(index);
				frame.kpiKind = role.kind;
				break;
			case 'revenuePerConversion':
				frame.revenuePerConversion = column(index);
				break;
			case 'spend':
			case 'impressions':
			case 'clicks': {
				// Channel names match regardless of case (`TV` spend, `tv` impressions).
				const name = role.channel.trim();
				const key = name.toLowerCase();
				const channel = channels.get(key) ?? {};
				channels.set(key, channel);
				channel[role.role] = column(index);
				if (role.role === 'spend' || channel.name === undefined) channel.name = name;
				break;
			}
			case 'control':
				frame.controls.push(column(index));
				break;
			case 'event':
				frame.events.push(column(index));
				break;
			case 'organic':
				frame.organic.push(column(index));
				break;
			default:
				break;
		}
	});
	// Channels in the order of their spend columns (checkMapping guarantees every one has spend).
	const spendAt = new Map<string, number>();
	mapping.columns.forEach(({ role }, index) => {
		if (role.role === 'spend') spendAt.set(role.channel.trim().toLowerCase(), index);
	});
	frame.channels = [...channels]
		.filter(([key, channel]) => channel.spend && spendAt.has(key))
		.sort(([a], [b]) => spendAt.get(a)! - spendAt.get(b)!)
		.map(([, channel]) => channel as ChannelCells);
	return frame;
}
