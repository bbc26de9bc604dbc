/** Number formats for lesson text (the page formats charts the same way). */
export const pct = (p: number, digits = 1): string => `${(100 * p).toFixed(digits)} %`;
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const money = (n: number, currency = 'USD'): string =>
	new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
		n
	);
