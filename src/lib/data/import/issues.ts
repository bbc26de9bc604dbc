/**
 * Import problems as values: what went wrong, where (file row, column) and what to do.
 *
 * A bad 100k-row file must not turn into a 100k-line message, so `IssueList` keeps the first
 * few issues of each kind per column, counts the rest, and caps the whole list.
 */

/** Every kind of import problem, for exhaustive checks. */
export const ISSUE_CODES = [
	// reading the file
	'empty-file',
	'header-only',
	'single-column',
	'unclosed-quote',
	'malformed-quotes',
	'row-too-long',
	'too-many-rows',
	'too-many-columns',
	'ragged-row',
	'duplicate-column',
	'encoding',
	'cancelled',
	// the column mapping
	'mapping',
	// dates and periods
	'bad-date',
	'ambiguous-date',
	'duplicate-period',
	'missing-period',
	'mixed-granularity',
	'unsupported-granularity',
	'unsorted',
	// values
	'not-a-number',
	'formula',
	'not-finite',
	'too-large',
	'negative',
	'empty-cell',
	'conflicting-value',
	'duplicate-channel-period',
	'too-many-levels',
	// whole columns and the dataset
	'constant-column',
	'kpi-all-zero',
	'constant-kpi',
	'negative-kpi',
	'too-few-periods',
	// "…and N more like this"
	'more'
] as const;

/** Machine-readable kind of an import problem; the UI may key help texts on it. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One import problem. `row` is 1-based as in the file (the header is row 1). */
export interface ImportIssue {
	code: IssueCode;
	/** File row, 1-based, counting the header as row 1 (what a spreadsheet shows). */
	row?: number;
	/** Column name as it appears in the header. */
	column?: string;
	/** Human-readable sentence: what was wrong and what to do. */
	message: string;
}

/** How many issues of one kind in one column are listed one by one before being counted. */
export const ISSUES_PER_KIND = 3;
/** How many issues a result lists at most; the rest are only counted. */
export const MAX_ISSUES = 50;

/**
 * Collects issues, listing at most `ISSUES_PER_KIND` per (code, column) and `MAX_ISSUES` in
 * total, and counts everything so the UI can say "and 12,345 more".
 */
export class IssueList {
	private readonly listed: ImportIssue[] = [];
	private readonly perKind = new Map<string, { count: number; first: ImportIssue }>();
	private counted = 0;

	constructor(
		private readonly perKindLimit = ISSUES_PER_KIND,
		private readonly limit = MAX_ISSUES
	) {}

	/** Record an issue. */
	add(issue: ImportIssue): void {
		this.counted++;
		const key = keyOf(issue);
		const kind = this.perKind.get(key);
		if (kind) kind.count++;
		else this.perKind.set(key, { count: 1, first: issue });
		if ((kind?.count ?? 1) <= this.perKindLimit) this.listed.push(issue);
	}

	/** Record several issues. */
	addAll(issues: readonly ImportIssue[]): void {
		for (const issue of issues) this.add(issue);
	}

	/** Total number of issues recorded, listed or not. */
	get count(): number {
		return this.counted;
	}

	/**
	 * The issues to show: the listed ones, a summary line per (code, column) that overflowed,
	 * capped at `limit` entries.
	 */
	toArray(): ImportIssue[] {
		const out: ImportIssue[] = [];
		const seen = new Map<string, number>();
		for (const issue of this.listed) {
			out.push(issue);
			const key = keyOf(issue);
			const shown = (seen.get(key) ?? 0) + 1;
			seen.set(key, shown);
			const kind = this.perKind.get(key);
			// Right after the last listed issue of its kind, say how many more there are.
			if (kind && shown === this.perKindLimit && kind.count > shown) {
				out.push({
					code: 'more',
					column: issue.column,
					message: `…and ${formatCount(kind.count - shown)} more like this${issue.column === undefined ? '' : ` in column ${quoteName(issue.column)}`}.`
				});
			}
		}
		return out.slice(0, this.limit);
	}
}

const keyOf = (issue: ImportIssue): string => `${issue.code}\u0000${issue.column ?? ''}`;

/** Thousands-grouped count for messages ("12,345"), independent of the runtime locale. */
export function formatCount(n: number): string {
	return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A header name quoted for a message; user text, shown as text (never HTML). */
export function quoteName(name: string): string {
	return `“${truncate(name, 60)}”`;
}

/** A cell value quoted for a message, shortened so a hostile cell cannot flood the UI. */
export function quoteCell(value: string): string {
	return value === '' ? 'an empty cell' : `“${truncate(value, 40)}”`;
}

function truncate(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
