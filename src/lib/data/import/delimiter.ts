/**
 * Guess the field delimiter and line break of a CSV file from its first lines.
 *
 * Spreadsheet exports use a comma, a semicolon (locales with a decimal comma) or a tab
 * ("Unicode text"). The right delimiter gives the same number of fields, more than one, on
 * every line; quoted fields are respected by letting papaparse split each candidate.
 */
import Papa from 'papaparse';

/** A field delimiter the importer recognises. */
export type Delimiter = ',' | ';' | '\t';

/** Line break used by the file; `\n` also covers CRLF (a trailing `\r` is trimmed from cells). */
export type LineBreak = '\n' | '\r';

/** Candidates in order of preference when several fit equally well. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** Characters of the file looked at to guess the delimiter. */
export const SAMPLE_CHARS = 65_536;

/** Lines looked at to guess the delimiter (fewer are used when the file is shorter). */
export const SAMPLE_LINES = 50;

/**
 * The line break of a text: `\n` whenever one occurs (CRLF files then carry a `\r` at the end
 * of each line, which trimming removes), `\r` for old Mac files with bare CRs.
 */
export function detectLineBreak(sample: string): LineBreak {
	if (sample.includes('\n')) return '\n';
	return sample.includes('\r') ? '\r' : '\n';
}

/**
 * The delimiter that splits the sample into the most consistent rows: the share of lines with
 * as many fields as the header comes first, then the number of fields. `undefined` when no
 * candidate gives more than one field (a one-column file, or not a CSV at all).
 */
export function detectDelimiter(sample: string, lineBreak: LineBreak): Delimiter | undefined {
	let text = sample.slice(0, SAMPLE_CHARS);
	// Drop a probably cut-off last line, unless it is the only one.
	const lastBreak = text.lastIndexOf(lineBreak);
	if (lastBreak > 0 && text.length === SAMPLE_CHARS) text = text.slice(0, lastBreak);
	let best: Delimiter | undefined;
	let bestScore = 0;
	for (const delimiter of DELIMITERS) {
		const parsed = Papa.parse<string[]>(text, {
			delimiter,
			newline: lineBreak,
			preview: SAMPLE_LINES,
			skipEmptyLines: 'greedy'
		});
		const rows = parsed.data;
		if (rows.length === 0) continue;
		const width = rows[0].length;
		if (width < 2) continue;
		let consistent = 0;
		for (const row of rows) if (row.length === width) consistent++;
		// Consistency dominates; among equally consistent candidates the wider split wins.
		const score = (consistent / rows.length) * 1e6 + Math.min(width, 1e5);
		if (score > bestScore) {
			bestScore = score;
			best = delimiter;
		}
	}
	return best;
}
