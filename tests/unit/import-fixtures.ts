/**
 * Test support for the import fuzz suites: a small wide table (dates, revenue, spend per
 * channel, price) and a writer that spells it in one of many CSV dialects, the way different
 * spreadsheets and locales export it. Not used by the app.
 */
import fc from 'fast-check';

/** A wide table to write: UTC epoch days and exact-to-the-cent values. */
export interface Table {
	/** UTC epoch day per period, evenly spaced. */
	days: number[];
	/** KPI (revenue) per period. */
	kpi: number[];
	/** Spend per channel per period; channel k is written as `c<k>_spend`. */
	spend: number[][];
	/** A control column per period. */
	price: number[];
}

/** How a file is spelled. */
export interface Dialect {
	delimiter: ',' | ';' | '\t';
	lineBreak: '\n' | '\r\n';
	/** A byte-order mark at the start. */
	bom: boolean;
	/** Quote every cell (otherwise only cells that contain the delimiter). */
	quoteAll: boolean;
	decimal: '.' | ',';
	/** Thousands separator ('' for none). */
	thousands: string;
	dates: 'iso' | 'iso-slash' | 'iso-time' | 'dmy' | 'mdy';
	/** Separator inside day-first / month-first dates. */
	dateSep: '/' | '.' | '-';
	/** Zero-pad day and month. */
	pad: boolean;
	/** Blank lines between some rows, and a trailing line break. */
	blankLines: boolean;
	/** How the text becomes input: as a string, or bytes in an encoding. */
	encoding: 'text' | 'utf-8' | 'utf-16le' | 'utf-16be';
	/** Encode the text as bytes (absent for `text`). */
	bytes?: (text: string) => Uint8Array;
}

/** Encode text as UTF-16 (code units, so any BMP text round-trips). */
export function utf16(text: string, littleEndian: boolean): Uint8Array {
	const out = new Uint8Array(text.length * 2);
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		out[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff;
		out[2 * i + (littleEndian ? 1 : 0)] = unit >> 8;
	}
	return out;
}

const encoders: Record<Dialect['encoding'], ((text: string) => Uint8Array) | undefined> = {
	text: undefined,
	'utf-8': (text) => new TextEncoder().encode(text),
	'utf-16le': (text) => utf16(text, true),
	'utf-16be': (text) => utf16(text, false)
};

/** Any dialect a spreadsheet might write; decimal commas only where the delimiter is not a comma. */
export const dialect: fc.Arbitrary<Dialect> = fc
	.record({
		delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
		lineBreak: fc.constantFrom('\n' as const, '\r\n' as const),
		bom: fc.boolean(),
		quoteAll: fc.boolean(),
		commaDecimal: fc.boolean(),
		thousandsPick: fc.nat(4),
		dates: fc.constantFrom(
			'iso' as const,
			'iso-slash' as const,
			'iso-time' as const,
			'dmy' as const,
			'mdy' as const
		),
		dateSep: fc.constantFrom('/' as const, '.' as const, '-' as const),
		pad: fc.boolean(),
		blankLines: fc.boolean(),
		encoding: fc.constantFrom(
			'text' as const,
			'utf-8' as const,
			'utf-16le' as const,
			'utf-16be' as const
		)
	})
	.map(({ commaDecimal, thousandsPick, ...rest }): Dialect => {
		const decimal = commaDecimal && rest.delimiter !== ',' ? ',' : '.';
		const separators = decimal === '.' ? ['', ',', ' ', "'"] : ['', '.', ' ', '\u00a0'];
		return {
			...rest,
			decimal,
			thousands: separators[thousandsPick % separators.length],
			bytes: encoders[rest.encoding]
		};
	});

const two = (n: number, pad: boolean) => (pad ? String(n).padStart(2, '0') : String(n));

/** A date cell in the dialect's format. */
export function writeDate(day: number, d: Dialect): string {
	const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
	const [y, m, dd] = iso.split('-').map(Number);
	switch (d.dates) {
		case 'iso':
			return iso;
		case 'iso-slash':
			return `${y}/${two(m, true)}/${two(dd, true)}`;
		case 'iso-time':
			return `${iso} 00:00:00`;
		case 'dmy':
			return [two(dd, d.pad), two(m, d.pad), y].join(d.dateSep);
		case 'mdy':
			return [two(m, d.pad), two(dd, d.pad), y].join(d.dateSep);
	}
}

/** A number with two decimals in the dialect's separators. */
export function writeNumber(value: number, d: Dialect): string {
	const [whole, fraction] = value.toFixed(2).split('.');
	const grouped = d.thousands === '' ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, d.thousands);
	return `${grouped}${d.decimal}${fraction}`;
}

/** The table as CSV text in the dialect (with a leading U+FEFF when `bom`). */
export function writeCsv(table: Table, d: Dialect): string {
	const cell = (text: string) =>
		d.quoteAll || text.includes(d.delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
	const header = ['date', 'revenue', ...table.spend.map((_, k) => `c${k}_spend`), 'price'];
	const lines = [header.map(cell).join(d.delimiter)];
	table.days.forEach((day, i) => {
		const values = [table.kpi[i], ...table.spend.map((s) => s[i]), table.price[i]];
		lines.push(
			[writeDate(day, d), ...values.map((v) => writeNumber(v, d))].map(cell).join(d.delimiter)
		);
		if (d.blankLines && i % 7 === 3) lines.push('');
	});
	return (d.bom ? '\uFEFF' : '') + lines.join(d.lineBreak) + (d.blankLines ? d.lineBreak : '');
}
