/**
 * What an import returns: a complete, valid Dataset with warnings, or errors and nothing else.
 * Never a half-imported dataset, never a thrown exception for bad input.
 */
import type { Dataset } from '../dataset';
import { IssueList, type ImportIssue } from './issues';
import type { ColumnMapping } from './mapping';

/** A successful import. */
export interface ImportSuccess {
	ok: true;
	dataset: Dataset;
	/** Things the analyst should know (columns dropped, empty cells read as 0, rows sorted). */
	warnings: ImportIssue[];
	/**
	 * The mapping that was applied. `layout: 'mapped'` means it was guessed for an unknown
	 * file: show it for review before fitting.
	 */
	mapping: ColumnMapping;
}

/** A failed import: the first problems (capped) and how many there were in all. */
export interface ImportFailure {
	ok: false;
	/** Problems to show, at most `MAX_ISSUES`, each naming row and column where it can. */
	errors: ImportIssue[];
	/** How many problems were found in total (≥ `errors.length`). */
	totalErrors: number;
	warnings: ImportIssue[];
	/** The mapping tried, when the file could be read: the UI offers it for editing. */
	mapping?: ColumnMapping;
}

/** Outcome of an import. */
export type ImportResult = ImportSuccess | ImportFailure;

/** A failure from collected issues. */
export function failure(
	errors: IssueList,
	warnings: IssueList | readonly ImportIssue[],
	mapping?: ColumnMapping
): ImportFailure {
	return {
		ok: false,
		errors: errors.toArray(),
		totalErrors: errors.count,
		warnings: warnings instanceof IssueList ? warnings.toArray() : [...warnings],
		...(mapping ? { mapping } : {})
	};
}
