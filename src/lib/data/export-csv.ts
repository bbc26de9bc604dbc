/**
 * A dataset back to a CSV file: one row per period, columns named by the conventions the
 * importer detects (`date`, the KPI, `<channel> spend`, `<channel> impressions`, `<channel>
 * clicks`, `<control> control`, `organic <name>`, `event <name>`), so a file written here
 * imports again to the same dataset — in Marginal, in `npm run mmm -- --csv`, or in a
 * spreadsheet. Numbers are written in full (shortest round-trip form), never rounded.
 */
import type { Dataset } from './dataset';
import { isConversionsName, kpiRank } from './import/conventions';

/** One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
function cell(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A column's header and values. */
interface Column {
	header: string;
	values: ArrayLike<number>;
}

/** `name` with `suffix` unless the name already says it (“Newsletter organic” stays as is). */
function named(name: string, word: string, before = false): string {
	if (new RegExp(`(^|[^a-z])${word}($|[^a-z])`, 'i').test(name)) return name;
	return before ? `${word} ${name}` : `${name} ${word}`;
}

/**
 * The KPI's header: its own name when the importer reads it back as the KPI of the same kind,
 * else the kind itself (“first-order revenue” would come back as conversions: it says “order”).
 */
function kpiHeader({ name, kind }: Dataset['kpi']): string {
	const readsBack =
		kpiRank(name) < Infinity && isConversionsName(name) === (kind === 'conversions');
	return readsBack ? name : kind;
}

/** The dataset's columns in file order. */
function columnsOf(dataset: Dataset): Column[] {
	const columns: Column[] = [{ header: kpiHeader(dataset.kpi), values: dataset.kpi.values }];
	const rpc = dataset.kpi.revenuePerConversion;
	if (rpc) columns.push({ header: 'revenue_per_conversion', values: rpc });
	for (const channel of dataset.channels) {
		columns.push({ header: `${channel.name} spend`, values: channel.spend });
		if (channel.impressions)
			columns.push({ header: `${channel.name} impressions`, values: channel.impressions });
		if (channel.clicks) columns.push({ header: `${channel.name} clicks`, values: channel.clicks });
	}
	for (const series of dataset.controls)
		columns.push({ header: named(series.name, 'control'), values: series.values });
	for (const series of dataset.organic)
		columns.push({ header: named(series.name, 'organic', true), values: series.values });
	for (const series of dataset.events)
		columns.push({ header: named(series.name, 'event', true), values: series.values });
	return columns;
}

/** The dataset as CSV text (header row, then one row per period; `\n` line ends). */
export function datasetCsv(dataset: Dataset): string {
	const columns = columnsOf(dataset);
	const lines = [['date', ...columns.map((c) => c.header)].map(cell).join(',')];
	dataset.dates.forEach((date, t) => {
		lines.push([date, ...columns.map((c) => String(c.values[t]))].map(cell).join(','));
	});
	return `${lines.join('\n')}\n`;
}
