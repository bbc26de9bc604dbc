/**
 * Number and date labels for charts, tables and captions. One locale for the whole app so a
 * figure reads the same in every view (and in tests); negative numbers use a true minus sign.
 */

/** The locale every label is written in. */
export const LOCALE = 'en-US';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	let format = cache.get(key);
	if (!format) {
		format = new Intl.NumberFormat(LOCALE, options);
		cache.set(key, format);
	}
	return format;
}

/** Typographic minus instead of a hyphen. */
const minus = (text: string) => text.replace(/-/g, '−');

/** −0 reads as 0 (values that round to zero get no sign through `signDisplay`). */
const clean = (value: number) => (Object.is(value, -0) ? 0 : value);

/** A whole amount of money: "$1,168,000". */
export function formatMoney(value: number, currency: string): string {
	return minus(
		numberFormat(`money:${currency}`, {
			style: 'currency',
			currency,
			maximumFractionDigits: 0,
			minimumFractionDigits: 0,
			signDisplay: 'negative'
		}).format(clean(value))
	);
}

/** A short amount with three significant digits: "$1.17M", "$3.2K", "−$742K". */
export function formatMoneyShort(value: number, currency: string): string {
	return minus(
		numberFormat(`short:${currency}`, {
			style: 'currency',
			currency,
			notation: 'compact',
			maximumSignificantDigits: 3,
			signDisplay: 'negative'
		}).format(clean(value))
	);
}

/** An axis tick: compact, at most one decimal ("$12K", "$2.5K", "$0"). */
export function formatMoneyTick(value: number, currency: string): string {
	return minus(
		numberFormat(`tick:${currency}`, {
			style: 'currency',
			currency,
			notation: 'compact',
			minimumFractionDigits: 0,
			maximumFractionDigits: 1,
			signDisplay: 'negative'
		}).format(clean(value))
	);
}

/** A signed amount per unit of spend, two decimals: "+$0.42", "−$0.80". */
export function formatMoneyPerUnit(value: number, currency: string): string {
	return minus(
		numberFormat(`unit:${currency}`, {
			style: 'currency',
			currency,
			minimumFractionDigits: 2,
			maximumFractionDigits: 2,
			signDisplay: 'exceptZero'
		}).format(clean(value))
	);
}

/** A signed short amount: "+$3.86K", "−$1.02K". */
export function formatMoneySigned(value: number, currency: string): string {
	return minus(
		numberFormat(`signed:${currency}`, {
			style: 'currency',
			currency,
			notation: 'compact',
			maximumSignificantDigits: 3,
			signDisplay: 'exceptZero'
		}).format(clean(value))
	);
}

/** A ratio: "1.45×". */
export function formatRatio(value: number): string {
	return `${numberFormat('ratio', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}×`;
}

/** The currency's symbol as labels show it ("$", "€", "CHF"). */
export function currencySymbol(currency: string): string {
	const parts = numberFormat(`money:${currency}`, {
		style: 'currency',
		currency,
		maximumFractionDigits: 0,
		minimumFractionDigits: 0
	}).formatToParts(0);
	return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** The calendar date of day `day` (0-based) of a run starting on `startDate` (YYYY-MM-DD), UTC. */
export function dayDate(startDate: string, day: number): Date {
	const [y, m, d] = startDate.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + day));
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
	timeZone: 'UTC',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});

/** "Jan 5, 2026". */
export function formatDate(date: Date): string {
	return dateFormat.format(date);
}
