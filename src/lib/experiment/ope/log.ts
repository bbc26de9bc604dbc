/**
 * The bandit decision log that off-policy evaluation reads: one row per decision with the
 * context the logging policy saw, the action it took, the reward that followed and the
 * probability with which it took that action (Open Bandit Pipeline's `context`, `action`,
 * `reward`, `pscore`). Plain data, so it crosses to a worker and back unchanged.
 *
 * `validateLog` checks a log a user or a program hands in and names the row and field of
 * every problem; `toColumns` turns a valid log into the typed arrays the estimators loop over.
 */

/** One logged decision. */
export interface DecisionRow {
	/** Context features seen before the choice; the same length on every row (may be empty). */
	context: number[];
	/** The action taken, an index 0 … actions − 1. */
	action: number;
	/** Reward observed after it, in the log's reward unit (e.g. clicks); finite. */
	reward: number;
	/** The logging policy's probability of taking this action in this context, in (0, 1]. */
	propensity: number;
}

/** A decision log: the rows plus what is needed to read them. */
export interface BanditLog {
	/** Number of actions the logging policy chose among (K ≥ 1). */
	actions: number;
	/** The decisions, in the order they were made. */
	rows: DecisionRow[];
	/** Names of the context features (length = context length), for reports and CSV headers. */
	featureNames?: string[];
	/** Names of the actions (length = actions), for reports. */
	actionNames?: string[];
}

/** A problem with a log, target or file: where (row, field) and what, as a sentence to show. */
export interface OpeIssue {
	/** Row the problem is in: the 0-based index into `rows` for a log, the 1-based file row (header = 1) for a CSV. */
	row?: number;
	/** Field or column name. */
	field?: string;
	/** What was wrong and what to do, naming the row and field. */
	message: string;
}

/** Either a value or the problems that stopped it. */
export type OpeParsed<T> = { ok: true; value: T } | { ok: false; errors: OpeIssue[] };

/** Most actions a log may have (the estimators keep rows × actions numbers). */
export const MAX_ACTIONS = 1000;
/** Most rows × actions a log may have: the target and reward-model tables are that large. */
export const MAX_CELLS = 50_000_000;
/** Most context features. */
export const MAX_FEATURES = 200;
/** Fewest rows accepted by default: below it no interval means anything. */
export const DEFAULT_MIN_ROWS = 10;
/** Issues listed one by one before the rest are only counted. */
export const MAX_LISTED_ISSUES = 20;

/** A valid log as typed arrays (row-major context). */
export interface LogColumns {
	/** Rows n. */
	n: number;
	/** Context features d. */
	d: number;
	/** Actions K. */
	actions: number;
	/** Context, row-major [n·d]. */
	context: Float64Array;
	/** Logged action per row [n]. */
	action: Int32Array;
	/** Reward per row [n]. */
	reward: Float64Array;
	/** Logging propensity of the logged action per row [n]. */
	propensity: Float64Array;
}

/** Collects issues, listing the first `MAX_LISTED_ISSUES` and counting the rest. */
export class IssueCollector {
	private readonly listed: OpeIssue[] = [];
	private extra = 0;

	add(issue: OpeIssue): void {
		if (this.listed.length < MAX_LISTED_ISSUES) this.listed.push(issue);
		else this.extra++;
	}

	get count(): number {
		return this.listed.length + this.extra;
	}

	/** The listed issues, with a closing "…and N more" when some were only counted. */
	toArray(): OpeIssue[] {
		if (this.extra === 0) return [...this.listed];
		return [
			...this.listed,
			{ message: `…and ${this.extra} more problem${this.extra === 1 ? '' : 's'} like these.` }
		];
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	return Array.isArray(value) ? 'a list' : typeof value;
};

/**
 * Check a decision log (any value, e.g. parsed JSON) and name the row and field of each
 * problem: actions a whole number 1 … MAX_ACTIONS; at least `minRows` rows; every context a
 * list of finite numbers as long as the first row's; action a whole number in range; reward
 * finite; propensity in (0, 1] (IPW divides by it, and a probability cannot exceed 1).
 */
export function validateLog(input: unknown, minRows = DEFAULT_MIN_ROWS): OpeParsed<BanditLog> {
	const issues = new IssueCollector();
	if (!isRecord(input)) {
		return { ok: false, errors: [{ message: 'A decision log must be an object with rows.' }] };
	}
	const actions = input.actions;
	const actionsValid =
		typeof actions === 'number' &&
		Number.isInteger(actions) &&
		actions >= 1 &&
		actions <= MAX_ACTIONS;
	const K = actionsValid ? actions : NaN;
	if (!actionsValid) {
		issues.add({
			field: 'actions',
			message: `actions is ${show(actions)}: it must be the number of actions, a whole number from 1 to ${MAX_ACTIONS}.`
		});
	}
	const rows = input.rows;
	if (!Array.isArray(rows)) {
		issues.add({ field: 'rows', message: 'rows is missing: a log needs a list of decisions.' });
		return { ok: false, errors: issues.toArray() };
	}
	if (rows.length < minRows) {
		issues.add({
			field: 'rows',
			message: `The log has ${rows.length} row${rows.length === 1 ? '' : 's'}; at least ${minRows} are needed for an estimate with an interval.`
		});
	}
	if (Number.isFinite(K) && rows.length * K > MAX_CELLS) {
		issues.add({
			field: 'rows',
			message: `${rows.length} rows × ${K} actions is more than ${MAX_CELLS.toLocaleString('en-US')} cells; sample the log down first.`
		});
	}
	const first = isRecord(rows[0]) && Array.isArray(rows[0].context) ? rows[0].context.length : 0;
	if (first > MAX_FEATURES) {
		issues.add({
			row: 0,
			field: 'context',
			message: `rows[0].context has ${first} features; at most ${MAX_FEATURES} are supported.`
		});
	}
	for (let i = 0; i < rows.length; i++) checkRow(rows[i], i, first, K, issues);
	checkNames(input.featureNames, first, 'featureNames', 'context features', issues);
	if (Number.isFinite(K)) checkNames(input.actionNames, K, 'actionNames', 'actions', issues);
	if (issues.count > 0) return { ok: false, errors: issues.toArray() };
	return { ok: true, value: input as unknown as BanditLog };
}

function checkRow(row: unknown, i: number, d: number, K: number, issues: IssueCollector): void {
	const at = `rows[${i}]`;
	if (!isRecord(row)) {
		issues.add({ row: i, message: `${at} is ${show(row)}: each row must be an object.` });
		return;
	}
	const { context, action, reward, propensity } = row;
	if (!Array.isArray(context)) {
		issues.add({
			row: i,
			field: 'context',
			message: `${at}.context is ${show(context)}: it must be a list of numbers (empty if there are no features).`
		});
	} else if (context.length !== d) {
		issues.add({
			row: i,
			field: 'context',
			message: `${at}.context has ${context.length} features but rows[0] has ${d}; every row needs the same features.`
		});
	} else {
		for (let j = 0; j < d; j++) {
			const x = context[j];
			if (typeof x !== 'number' || !Number.isFinite(x)) {
				issues.add({
					row: i,
					field: 'context',
					message: `${at}.context[${j}] is ${show(x)}: features must be finite numbers.`
				});
				break;
			}
		}
	}
	if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || !(action < K)) {
		const range = Number.isFinite(K) ? `0 to ${K - 1}` : 'a valid action index';
		issues.add({
			row: i,
			field: 'action',
			message: `${at}.action is ${show(action)}: it must be a whole number from ${range}.`
		});
	}
	if (typeof reward !== 'number' || !Number.isFinite(reward)) {
		issues.add({
			row: i,
			field: 'reward',
			message: `${at}.reward is ${show(reward)}: it must be a finite number.`
		});
	}
	if (typeof propensity !== 'number' || !(propensity > 0 && propensity <= 1)) {
		const why =
			propensity === 0
				? 'a logged action must have had a positive probability (the estimators divide by it)'
				: 'it must be the probability the logging policy gave this action, in (0, 1]';
		issues.add({
			row: i,
			field: 'propensity',
			message: `${at}.propensity is ${show(propensity)}: ${why}.`
		});
	}
}

function checkNames(
	names: unknown,
	length: number,
	field: string,
	what: string,
	issues: IssueCollector
): void {
	if (names === undefined) return;
	if (
		!Array.isArray(names) ||
		names.length !== length ||
		names.some((name) => typeof name !== 'string')
	) {
		issues.add({
			field,
			message: `${field} must be a list of ${length} names, one per ${what.replace(/s$/, '')}.`
		});
	}
}

/** A valid log as typed arrays (validate it first). */
export function toColumns(log: BanditLog): LogColumns {
	const n = log.rows.length;
	const d = n > 0 ? log.rows[0].context.length : 0;
	const context = new Float64Array(n * d);
	const action = new Int32Array(n);
	const reward = new Float64Array(n);
	const propensity = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const row = log.rows[i];
		for (let j = 0; j < d; j++) context[i * d + j] = row.context[j];
		action[i] = row.action;
		reward[i] = row.reward;
		propensity[i] = row.propensity;
	}
	return { n, d, actions: log.actions, context, action, reward, propensity };
}
