/** Aligned plain-text tables for the terminal: columns padded to their widest cell. */

/** How a column's cells line up: text to the left, numbers to the right. */
export type Align = 'left' | 'right';

/** Display width of a cell (code points, so "±" and "÷" count as one). */
function width(text: string): number {
	return [...text].length;
}

/** Lay out `rows` under `header` with two spaces between columns and a rule under the header. */
export function textTable(header: string[], rows: string[][], align: Align[]): string {
	const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => {
				const pad = ' '.repeat(widths[i] - width(cell));
				return align[i] === 'right' ? pad + cell : cell + pad;
			})
			.join('  ')
			.trimEnd();
	const rule = widths.map((w) => '─'.repeat(w)).join('  ');
	return [line(header), rule, ...rows.map(line)].join('\n');
}
