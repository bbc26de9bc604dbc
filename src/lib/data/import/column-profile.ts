/**
 * What a column's first cells look like: how many read as numbers or dates, whether they are
 * 0/1, how many distinct values. Used to guess roles; cheap on a sample of rows.
 */
import { looksLikeDate } from './date';
import { isMissing, parseNumber } from './number';

/** A summary of a column's sample cells (missing cells excluded from the shares). */
export interface ColumnProfile {
	/** Share of present cells that read as numbers (with either decimal separator), 0–1. */
	numericShare: number;
	/** Share of present cells that read as dates, 0–1. */
	dateShare: number;
	/** Whether every present cell is 0 or 1 (an indicator). */
	binary: boolean;
	/** Whether every numeric cell is ≥ 0. */
	nonNegative: boolean;
	/** Distinct present values (capped at `DISTINCT_CAP`). */
	distinct: number;
	/** Whether some value repeats. */
	repeats: boolean;
	/** Number of present (non-missing) cells. */
	present: number;
}

/** Distinct values counted at most. */
export const DISTINCT_CAP = 1_000;

/** Profile column `index` over sample rows. */
export function profileColumn(rows: readonly (readonly string[])[], index: number): ColumnProfile {
	let present = 0;
	let numeric = 0;
	let dates = 0;
	let binary = true;
	let nonNegative = true;
	let repeats = false;
	const seen = new Set<string>();
	for (const row of rows) {
		const cell = row[index] ?? '';
		if (isMissing(cell)) continue;
		present++;
		const value = Number.isNaN(parseNumber(cell, '.'))
			? parseNumber(cell, ',')
			: parseNumber(cell, '.');
		if (!Number.isNaN(value)) {
			numeric++;
			if (value !== 0 && value !== 1) binary = false;
			if (value < 0) nonNegative = false;
		} else binary = false;
		if (looksLikeDate(cell)) dates++;
		if (seen.has(cell)) repeats = true;
		else if (seen.size < DISTINCT_CAP) seen.add(cell);
	}
	return {
		numericShare: present === 0 ? 0 : numeric / present,
		dateShare: present === 0 ? 0 : dates / present,
		binary: present > 0 && binary,
		nonNegative,
		distinct: seen.size,
		repeats,
		present
	};
}
