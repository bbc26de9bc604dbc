/**
 * The column mapping: which role each column of the file plays. `suggestMapping` guesses it,
 * the UI lets the analyst edit it, `applyMapping` turns file + mapping into a Dataset.
 *
 * One valibot schema gives the type and checks a mapping that crossed a worker boundary or
 * came back from the editor; `checkMapping` then checks it against the file's header and for
 * sense (one date, one KPI, every channel with a spend column).
 */
import * as v from 'valibot';
import { quoteName, type ImportIssue } from './issues';

/** Layouts the importer recognises; `mapped` means the analyst's (or a guessed) mapping. */
export const LAYOUTS = ['robyn', 'meridian', 'pymc', 'long', 'mapped'] as const;

/** Which convention a file follows. */
export type Layout = (typeof LAYOUTS)[number];

const channelName = v.pipe(
	v.string(),
	v.maxLength(120, 'the channel name is longer than 120 characters; shorten it')
);

const ColumnRoleSchema = v.variant('role', [
	v.object({ role: v.literal('date') }),
	v.object({ role: v.literal('kpi'), kind: v.picklist(['revenue', 'conversions']) }),
	v.object({ role: v.literal('revenuePerConversion') }),
	v.object({ role: v.literal('spend'), channel: channelName }),
	v.object({ role: v.literal('impressions'), channel: channelName }),
	v.object({ role: v.literal('clicks'), channel: channelName }),
	v.object({ role: v.literal('channel') }),
	v.object({ role: v.literal('control') }),
	v.object({ role: v.literal('event') }),
	v.object({ role: v.literal('organic') }),
	v.object({ role: v.literal('ignore') })
]);

/**
 * Role of one column:
 * - `date`: period start date;
 * - `kpi`: the outcome, revenue (currency units per period) or conversions (count per period);
 * - `revenuePerConversion`: currency units per conversion (Meridian), with a conversions KPI;
 * - `spend` / `impressions` / `clicks`: paid media for `channel` (its display name; in the
 *   long layout leave it empty: the channel comes from the `channel` column), spend in
 *   currency units per period, impressions and clicks as counts per period;
 * - `channel`: long layout only, the column naming the channel of each row;
 * - `control`: a continuous covariate (competitor sales, price, sentiment);
 * - `event`: an event indicator (0/1) or a categorical event column (one 0/1 series per level);
 * - `organic`: unpaid activity (newsletter sends, organic impressions), a count per period;
 * - `ignore`: not used.
 */
export type ColumnRole = v.InferOutput<typeof ColumnRoleSchema>;

/** The name of a role (`'spend'`, `'control'`…). */
export type RoleName = ColumnRole['role'];

/** Schema of a column mapping (validates input from the UI or a worker message). */
export const ColumnMappingSchema = v.object({
	layout: v.picklist(LAYOUTS),
	columns: v.pipe(
		v.array(v.object({ name: v.string(), role: ColumnRoleSchema })),
		v.maxLength(5_000)
	)
});

/** A column mapping: the layout and one entry per header column, in file order. */
export type ColumnMapping = v.InferOutput<typeof ColumnMappingSchema>;

/**
 * Check a mapping against a header: same columns in the same order, exactly one date and one
 * KPI, at least one paid channel with spend, no role given twice for the same channel.
 * Returns the problems (empty when usable).
 */
export function checkMapping(mapping: unknown, header: readonly string[]): ImportIssue[] {
	const parsed = v.safeParse(ColumnMappingSchema, mapping);
	if (!parsed.success) {
		return parsed.issues.slice(0, 5).map((issue): ImportIssue => {
			const keys = (issue.path ?? []).map((p) => String(p.key));
			// A problem inside one column's entry names that column, as the file spells it.
			const column = keys[0] === 'columns' ? header[Number(keys[1])] : undefined;
			return column === undefined
				? {
						code: 'mapping',
						message: `The column mapping is malformed at ${keys.join('.') || 'the top'}: ${issue.message}.`
					}
				: {
						code: 'mapping',
						column,
						message: `The column mapping is malformed for column ${quoteName(column)}: ${issue.message}.`
					};
		});
	}
	const { layout, columns } = parsed.output;
	const issues: ImportIssue[] = [];
	const problem = (message: string, column?: string): void => {
		issues.push({ code: 'mapping', column, message });
	};
	if (columns.length !== header.length || columns.some((c, i) => c.name !== header[i])) {
		problem('The column mapping does not match the file’s columns; map this file again.');
		return issues;
	}
	const long = layout === 'long';
	const byRole = (role: RoleName) => columns.filter((c) => c.role.role === role);
	const dates = byRole('date');
	if (dates.length === 0) problem('Choose the column that holds the period dates.');
	if (dates.length > 1)
		problem(`Only one column can hold dates; ${listNames(dates)} are all marked as dates.`);
	const kpis = byRole('kpi');
	if (kpis.length === 0)
		problem('Choose the KPI column (the revenue or conversions the media should explain).');
	if (kpis.length > 1)
		problem(`Only one column can be the KPI; ${listNames(kpis)} are all marked.`);
	const rpc = byRole('revenuePerConversion');
	if (rpc.length > 1) problem(`Only one column can hold revenue per conversion.`);
	const kpi = kpis[0]?.role;
	if (rpc.length > 0 && kpi?.role === 'kpi' && kpi.kind !== 'conversions')
		problem(
			`Revenue per conversion (${quoteName(rpc[0].name)}) needs a KPI that counts conversions.`,
			rpc[0].name
		);

	const channelColumns = byRole('channel');
	if (long) {
		if (channelColumns.length !== 1)
			problem('In the long layout, choose exactly one column that names the channel of each row.');
		for (const metric of ['spend', 'impressions', 'clicks'] as const) {
			const cols = byRole(metric);
			if (cols.length > 1)
				problem(
					`In the long layout, only one column can hold ${metric}; ${listNames(cols)} all do.`
				);
		}
		if (byRole('spend').length === 0) problem('Choose the column that holds spend.');
		return issues;
	}
	if (channelColumns.length > 0)
		problem(
			`A channel-name column (${quoteName(channelColumns[0].name)}) only makes sense in the long layout.`,
			channelColumns[0].name
		);
	const media = new Map<string, Map<string, string>>();
	for (const { name, role } of columns) {
		if (role.role !== 'spend' && role.role !== 'impressions' && role.role !== 'clicks') continue;
		if (role.channel.trim() === '') {
			problem(`Column ${quoteName(name)} holds ${role.role}: name its channel.`, name);
			continue;
		}
		const key = role.channel.trim().toLowerCase();
		const metrics = media.get(key) ?? new Map<string, string>();
		media.set(key, metrics);
		const previous = metrics.get(role.role);
		if (previous !== undefined)
			problem(
				`Channel ${quoteName(role.channel)} has two ${role.role} columns, ${quoteName(previous)} and ${quoteName(name)}; keep one.`,
				name
			);
		else metrics.set(role.role, name);
	}
	for (const [, metrics] of media) {
		if (metrics.has('spend')) continue;
		const column = [...metrics.values()][0];
		const role = columns.find((c) => c.name === column)?.role;
		const channel = role && 'channel' in role ? role.channel : column;
		problem(
			`Channel ${quoteName(channel)} has ${[...metrics.keys()].join(' and ')} but no spend column; add its spend, or map ${quoteName(column)} as organic.`,
			column
		);
	}
	if (media.size === 0) problem('Choose at least one spend column (one per paid channel).');
	return issues;
}

function listNames(columns: readonly { name: string }[]): string {
	return columns.map((c) => quoteName(c.name)).join(', ');
}
