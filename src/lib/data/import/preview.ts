/**
 * A preview for the mapping step: each column with its (detected or chosen) role, and the
 * first rows as they are in the file. Cells stay plain text; the UI renders them as text.
 */
import type { CsvTable } from './csv-parser';
import type { ColumnMapping, ColumnRole } from './mapping';

/** One column of the preview. */
export interface PreviewColumn {
	/** Header as in the file. */
	name: string;
	role: ColumnRole;
	/** Short description of the role for the table header ("spend · tv", "KPI (revenue)"). */
	label: string;
}

/** The first rows of a file with the role of each column. */
export interface Preview {
	layout: ColumnMapping['layout'];
	columns: PreviewColumn[];
	/** First data rows: file row number (1-based, header = 1) and its cells. */
	rows: { row: number; cells: string[] }[];
	/** Data rows in the whole file. */
	totalRows: number;
}

/** Rows shown by default. */
export const PREVIEW_ROWS = 10;

/** Preview a table under a mapping (`mapping.columns` in header order). */
export function preview(table: CsvTable, mapping: ColumnMapping, rows = PREVIEW_ROWS): Preview {
	const count = Math.max(0, Math.min(rows, table.rows.length));
	return {
		layout: mapping.layout,
		columns: table.header.map((name, i) => {
			const role: ColumnRole = mapping.columns[i]?.role ?? { role: 'ignore' };
			return { name, role, label: roleLabel(role) };
		}),
		rows: table.rows
			.slice(0, count)
			.map((cells, k) => ({ row: table.rowNumbers[k], cells: [...cells] })),
		totalRows: table.rows.length
	};
}

/** A short human label for a role. */
export function roleLabel(role: ColumnRole): string {
	switch (role.role) {
		case 'date':
			return 'date';
		case 'kpi':
			return `KPI (${role.kind})`;
		case 'revenuePerConversion':
			return 'revenue per conversion';
		case 'spend':
		case 'impressions':
		case 'clicks':
			return role.channel === '' ? role.role : `${role.role} · ${role.channel}`;
		case 'channel':
			return 'channel name';
		case 'control':
			return 'control';
		case 'event':
			return 'event';
		case 'organic':
			return 'organic';
		case 'ignore':
			return 'ignored';
	}
}
