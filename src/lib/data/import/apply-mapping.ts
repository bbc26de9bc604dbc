/**
 * File + mapping → Dataset, or every problem found (capped). Order of checks: the mapping,
 * the dates, the period grid, each cell under its role's rules, then whole columns. Later
 * checks still run after earlier ones fail where they can (bad dates do not hide bad spend
 * cells), so one round of fixes in the file is usually enough.
 */
import type { DatasetSourceColumn } from '../dataset';
import { buildDataset } from './build-dataset';
import type { CsvTable } from './csv-parser';
import { parseDateColumn } from './date';
import { wideFrame } from './frame';
import { IssueList, type ImportIssue } from './issues';
import { longFrame } from './long';
import { checkMapping, type ColumnMapping } from './mapping';
import { detectDecimalSeparator, type DecimalSeparator } from './number';
import { checkPeriods } from './periods';
import { failure, type ImportResult } from './result';

/** Options of `applyMapping`. */
export interface ApplyMappingOptions {
	/** File name, recorded in the dataset's source. */
	fileName?: string;
	/** Display name of the dataset (default: the file name). */
	name?: string;
	/** Warnings from earlier stages (reading the file), carried into the result. */
	warnings?: readonly ImportIssue[];
}

/** Rows sampled to decide the decimal separator. */
const DECIMAL_SAMPLE_ROWS = 1_000;

/**
 * Build a Dataset from a parsed table and a column mapping (suggested or edited by the
 * analyst). Never throws on bad data; a failure carries the mapping back for editing.
 */
export function applyMapping(
	table: CsvTable,
	mapping: ColumnMapping,
	options: ApplyMappingOptions = {}
): ImportResult {
	const errors = new IssueList();
	const warnings = new IssueList();
	warnings.addAll(options.warnings ?? []);
	const mappingIssues = checkMapping(mapping, table.header);
	if (mappingIssues.length > 0) {
		errors.addAll(mappingIssues);
		return failure(errors, warnings, isMappingShaped(mapping) ? mapping : undefined);
	}

	const dateIndex = mapping.columns.findIndex((c) => c.role.role === 'date');
	const dateName = table.header[dateIndex];
	const dates = parseDateColumn(
		table.rows.map((row) => row[dateIndex]),
		table.rowNumbers,
		dateName
	);
	errors.addAll(dates.errors);
	warnings.addAll(dates.warnings);
	const decimal = decimalOf(table, mapping);
	const sink = { errors, warnings };
	const fileName = options.fileName ?? '';
	const source = {
		layout: mapping.layout,
		fileName,
		rows: table.rows.length,
		columns: mapping.columns.map(sourceColumn)
	};
	const name = options.name ?? fileName;

	if (mapping.layout === 'long') {
		// Pivoting needs dates; bad dates stop here.
		if (errors.count > 0) return failure(errors, warnings, mapping);
		const frame = longFrame(table, mapping, dates.days, errors, warnings);
		const grid = checkPeriods(frame.days, frame.kpi.rows, dateName);
		errors.addAll(grid.errors);
		warnings.addAll(grid.warnings);
		const dataset = buildDataset(frame, grid.granularity ?? 'day', decimal, name, source, sink);
		return dataset && errors.count === 0
			? { ok: true, dataset, warnings: warnings.toArray(), mapping }
			: failure(errors, warnings, mapping);
	}

	let order: Int32Array = Int32Array.from(table.rows, (_, i) => i);
	let granularity = undefined as ReturnType<typeof checkPeriods>['granularity'];
	if (errors.count === 0) {
		const grid = checkPeriods(dates.days, table.rowNumbers, dateName);
		errors.addAll(grid.errors);
		warnings.addAll(grid.warnings);
		order = grid.order;
		granularity = grid.granularity;
	}
	// With bad dates the rows stay in file order: cell errors are still worth reporting.
	const frame = wideFrame(table, mapping, dates.days, order);
	const dataset = buildDataset(frame, granularity ?? 'day', decimal, name, source, sink);
	return dataset && errors.count === 0
		? { ok: true, dataset, warnings: warnings.toArray(), mapping }
		: failure(errors, warnings, mapping);
}

function sourceColumn({ name, role }: ColumnMapping['columns'][number]): DatasetSourceColumn {
	return 'channel' in role && role.channel !== ''
		? { name, role: role.role, channel: role.channel }
		: { name, role: role.role };
}

/** The decimal separator, from the cells of columns mapped to numeric roles. */
function decimalOf(table: CsvTable, mapping: ColumnMapping): DecimalSeparator {
	const numeric = mapping.columns.flatMap(({ role }, i) =>
		role.role === 'date' ||
		role.role === 'channel' ||
		role.role === 'ignore' ||
		role.role === 'event'
			? []
			: [i]
	);
	function* cells(): Generator<string> {
		const rows = Math.min(table.rows.length, DECIMAL_SAMPLE_ROWS);
		for (let r = 0; r < rows; r++) for (const i of numeric) yield table.rows[r][i];
	}
	return detectDecimalSeparator(cells(), table.delimiter);
}

/** Whether a value has the outline of a mapping (worth sending back to the editor). */
function isMappingShaped(value: unknown): value is ColumnMapping {
	return (
		typeof value === 'object' &&
		value !== null &&
		Array.isArray((value as { columns?: unknown }).columns) &&
		typeof (value as { layout?: unknown }).layout === 'string'
	);
}
