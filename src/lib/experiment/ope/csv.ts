/**
 * Decision logs as CSV, one decision a row:
 *
 *     x_age,x_visits,action,reward,propensity,pi_0,pi_1
 *     0.4,3,1,0,0.25,0.1,0.9
 *
 * Required columns (any case): `action` (or `arm`), `reward`, `propensity` (or `pscore`).
 * Context: the `x_…` columns when there are any, otherwise every other column (all numeric).
 * Optional target probabilities: `pi_<action>` (or `target_<action>`), one per action.
 * Actions are indices 0 … K − 1, or labels (mapped to indices in sorted order, kept as names).
 *
 * Reading reuses the data importer's CSV parser (delimiter and line-break detection, quotes,
 * hostile-file limits) and its spreadsheet number reading; every problem names the file row
 * (the header is row 1) and the column.
 */
import { createCsvParser } from '../../data/import/csv-parser';
import { detectDecimalSeparator, explainNumber, parseNumber } from '../../data/import/number';
import { quoteCell, quoteName } from '../../data/import/issues';
import {
	DEFAULT_MIN_ROWS,
	IssueCollector,
	MAX_ACTIONS,
	validateLog,
	type BanditLog,
	type DecisionRow,
	type OpeParsed
} from './log';

/** A log read from CSV, with the target's probabilities when the file carries them. */
export interface CsvLog {
	log: BanditLog;
	/** π_e(a | x) per row [n][K] from the `pi_…` columns, if present. */
	target?: number[][];
	/** Columns neither used as context nor recognised (when `x_…` columns name the context). */
	ignoredColumns: string[];
}

/** Options for reading. */
export interface CsvLogOptions {
	/** Number of actions, when the log may not show the highest one (default: from the file). */
	actions?: number;
	/** Fewest rows accepted (default 10). */
	minRows?: number;
}

const ROLES = {
	action: ['action', 'arm', 'action_id'],
	reward: ['reward', 'outcome'],
	propensity: ['propensity', 'pscore', 'propensity_score', 'logging_propensity']
} as const;
const TARGET = /^(?:pi|target)_(.+)$/i;
const CONTEXT = /^x_/i;
const INDEX = /^\d{1,9}$/;

/** Read a decision-log CSV. Never throws: bad input gives errors naming row and column. */
export function parseLogCsv(text: string, options: CsvLogOptions = {}): OpeParsed<CsvLog> {
	const parser = createCsvParser();
	parser.push(text);
	const parsed = parser.finish();
	if (!parsed.ok) {
		return {
			ok: false,
			errors: parsed.errors.map((issue) => ({
				row: issue.row,
				field: issue.column,
				message:
					issue.code === 'empty-file' || issue.code === 'single-column'
						? 'Expected a CSV decision log: a header with action, reward, propensity and context columns, then one row per decision.'
						: issue.message
			}))
		};
	}
	const { header, rows, rowNumbers, delimiter } = parsed.table;
	const lower = header.map((name) => name.toLowerCase());
	const find = (names: readonly string[]): number =>
		lower.findIndex((name) => names.includes(name));
	const at = {
		action: find(ROLES.action),
		reward: find(ROLES.reward),
		propensity: find(ROLES.propensity)
	};
	const missing = (Object.keys(at) as (keyof typeof at)[]).filter((role) => at[role] < 0);
	if (missing.length > 0) {
		return {
			ok: false,
			errors: missing.map((role) => ({
				row: 1,
				field: role,
				message: `No ${quoteName(role)} column: a decision log needs action, reward and propensity columns (also accepted: ${ROLES[role].slice(1).join(', ')}). The header has ${header.map(quoteName).join(', ')}.`
			}))
		};
	}
	const used = new Set<number>(Object.values(at));
	const targetColumns = header.flatMap((name, j) => {
		const match = TARGET.exec(name);
		return match && !used.has(j) ? [{ j, key: match[1] }] : [];
	});
	for (const { j } of targetColumns) used.add(j);
	const rest = header.map((_, j) => j).filter((j) => !used.has(j));
	const named = rest.filter((j) => CONTEXT.test(header[j]));
	const contextColumns = named.length > 0 ? named : rest;
	const ignoredColumns =
		named.length > 0 ? rest.filter((j) => !CONTEXT.test(header[j])).map((j) => header[j]) : [];

	const issues = new IssueCollector();
	const cellsForDecimal = function* () {
		for (let i = 0; i < Math.min(rows.length, 200); i++) yield* rows[i];
	};
	const decimal = detectDecimalSeparator(cellsForDecimal(), delimiter);
	const where = (i: number, j: number): string =>
		`Row ${rowNumbers[i]}, column ${quoteName(header[j])}`;
	const numberAt = (i: number, j: number): number => {
		const value = parseNumber(rows[i][j], decimal);
		if (Number.isNaN(value)) {
			issues.add({
				row: rowNumbers[i],
				field: header[j],
				message: `${where(i, j)}: ${explainNumber(rows[i][j], decimal).message}.`
			});
		}
		return value;
	};

	// Actions: indices if every cell is one, labels otherwise.
	const actionCells = rows.map((row) => row[at.action]);
	const byIndex = actionCells.every((cell) => INDEX.test(cell));
	const labels = byIndex
		? []
		: [...new Set(actionCells)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const labelIndex = new Map(labels.map((label, k) => [label, k]));
	const keyIndex = (key: string): number =>
		byIndex ? (INDEX.test(key) ? Number(key) : -1) : (labelIndex.get(key) ?? -1);
	let K = byIndex
		? actionCells.reduce((max, cell) => Math.max(max, Number(cell) + 1), 0)
		: labels.length;
	for (const { j, key } of targetColumns) {
		const k = keyIndex(key);
		if (k < 0) {
			issues.add({
				row: 1,
				field: header[j],
				message: `Column ${quoteName(header[j])} is a target probability for action ${quoteCell(key)}, which is not an action of this log.`
			});
		} else K = Math.max(K, k + 1);
	}
	if (options.actions !== undefined) {
		if (options.actions < K) {
			issues.add({
				field: 'actions',
				message: `The file uses ${K} actions but ${options.actions} were given.`
			});
		}
		K = Math.max(K, options.actions);
	}
	if (K > MAX_ACTIONS) {
		issues.add({
			row: 1,
			field: header[at.action],
			message: `The log has ${K} actions; at most ${MAX_ACTIONS} are supported.`
		});
		return { ok: false, errors: issues.toArray() };
	}

	const logRows: DecisionRow[] = new Array(rows.length);
	const target: number[][] | undefined = targetColumns.length > 0 ? [] : undefined;
	for (let i = 0; i < rows.length; i++) {
		if (actionCells[i] === '') {
			issues.add({
				row: rowNumbers[i],
				field: header[at.action],
				message: `${where(i, at.action)}: the action is empty; every decision needs the action taken.`
			});
		}
		const action = byIndex ? Number(actionCells[i]) : labelIndex.get(actionCells[i])!;
		const reward = numberAt(i, at.reward);
		const propensity = numberAt(i, at.propensity);
		if (!Number.isNaN(propensity) && !(propensity > 0 && propensity <= 1)) {
			issues.add({
				row: rowNumbers[i],
				field: header[at.propensity],
				message: `${where(i, at.propensity)}: ${propensity} is not a probability in (0, 1]; it must be the chance the logging policy gave the logged action${propensity === 0 ? ' (never 0: the estimators divide by it)' : ''}.`
			});
		}
		logRows[i] = { context: contextColumns.map((j) => numberAt(i, j)), action, reward, propensity };
		if (target) {
			const pi = new Array<number>(K).fill(0);
			for (const { j, key } of targetColumns) {
				const k = keyIndex(key);
				if (k >= 0) pi[k] = numberAt(i, j);
			}
			target.push(pi);
		}
	}
	if (issues.count > 0) return { ok: false, errors: issues.toArray() };
	const log: BanditLog = {
		actions: K,
		rows: logRows,
		featureNames: contextColumns.map((j) => header[j]),
		...(byIndex ? {} : { actionNames: labels })
	};
	const valid = validateLog(log, options.minRows ?? DEFAULT_MIN_ROWS);
	if (!valid.ok) return valid;
	return { ok: true, value: { log, target, ignoredColumns } };
}

/** A header cell quoted when it holds a delimiter, quote or line break. */
function csvCell(text: string): string {
	return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A log as CSV text that `parseLogCsv` reads back to the same rows: context columns named
 * `x_…` (a feature name gets the prefix if it lacks it), then action (the index), reward,
 * propensity, and `pi_<a>` columns when a target table [n][K] is given.
 */
export function logToCsv(log: BanditLog, target?: readonly ArrayLike<number>[]): string {
	const d = log.rows[0]?.context.length ?? 0;
	const seen = new Set<string>();
	const names = Array.from({ length: d }, (_, j) => {
		const base = log.featureNames?.[j] ?? String(j + 1);
		let name = CONTEXT.test(base) ? base : `x_${base}`;
		for (let n = 2; seen.has(name.toLowerCase()); n++)
			name = `${CONTEXT.test(base) ? base : `x_${base}`}_${n}`;
		seen.add(name.toLowerCase());
		return name;
	});
	const header = [...names, 'action', 'reward', 'propensity'];
	if (target) for (let a = 0; a < log.actions; a++) header.push(`pi_${a}`);
	const lines = [header.map(csvCell).join(',')];
	log.rows.forEach((row, i) => {
		const cells = [
			...row.context.map(String),
			String(row.action),
			String(row.reward),
			String(row.propensity)
		];
		if (target) for (let a = 0; a < log.actions; a++) cells.push(String(target[i][a]));
		lines.push(cells.join(','));
	});
	return lines.join('\n') + '\n';
}
