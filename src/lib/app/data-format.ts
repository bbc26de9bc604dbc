/**
 * Labels for the data page. An imported file says nothing about its currency, so amounts are
 * plain numbers ("12.3K") and units are named in axis titles and captions ("currency units per
 * week"); one locale (the charts' LOCALE) and a true minus sign, as everywhere in the app.
 */
import { LOCALE, formatDate } from '$lib/charts/format';
import type { Granularity, KpiKind } from '$lib/data/dataset';
import type { Interval } from '$lib/data/mmm';

const compact = new Intl.NumberFormat(LOCALE, {
	notation: 'compact',
	maximumSignificantDigits: 3
});
const tick = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const one = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const minus = (text: string) => text.replace(/-/g, '−');
const clean = (value: number) => (Object.is(value, -0) ? 0 : value);
/** Amounts smaller than this read as 0 (a thousandth of a currency unit or an order). */
const NEGLIGIBLE = 1e-3;

/** A short amount with three significant digits: "12.3K", "1.2M", "−840". */
export function formatAmount(value: number): string {
	if (!Number.isFinite(value)) return '—';
	// Amounts are money or counts: a fitted contribution of 4e-9 is zero, not "0.000000004".
	return minus(compact.format(Math.abs(value) < NEGLIGIBLE ? 0 : clean(value)));
}

/** A signed short amount: "+12.3K", "−840". */
export function formatSignedAmount(value: number): string {
	const text = formatAmount(value);
	return value > 0 && Number.isFinite(value) ? `+${text}` : text;
}

/** An axis tick: compact, at most one decimal ("12K", "2.5M", "0"). */
export function formatTick(value: number): string {
	return minus(tick.format(clean(value)));
}

/**
 * A formatter for a set of axis ticks: as many decimals as their spacing needs (0.002 steps
 * read "0.002", "0.004"), compact above a thousand, so neighbouring ticks never share a label.
 */
export function tickFormat(ticks: readonly number[]): (value: number) => string {
	const finite = ticks.filter(Number.isFinite);
	const step = finite.length > 1 ? Math.abs(finite[1] - finite[0]) : Math.abs(finite[0] ?? 1) || 1;
	const largest = Math.max(0, ...finite.map(Math.abs));
	if (largest >= 1000 && step >= 100) return formatTick;
	const decimals = Math.max(0, Math.min(8, Math.ceil(-Math.log10(step) - 1e-9)));
	const format = new Intl.NumberFormat(LOCALE, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	});
	return (value) => minus(format.format(clean(value)));
}

/** A whole number with thousands separators: "12,345". */
export function formatWhole(value: number): string {
	return minus(whole.format(clean(value)));
}

/** A ratio such as ROAS, two decimals: "2.31". */
export function formatRatio2(value: number): string {
	return Number.isFinite(value) ? minus(two.format(clean(value))) : '—';
}

/** A share 0–1 as a percentage with one decimal: "12.3 %". */
export function formatShare(value: number): string {
	return Number.isFinite(value) ? `${minus(one.format(clean(value * 100)))} %` : '—';
}

/** An estimate with its interval: "2.31 (1.90 to 2.75)". */
export function formatInterval(value: Interval, format: (v: number) => string): string {
	return `${format(value.mean)} (${format(value.low)} to ${format(value.high)})`;
}

/** A file size: "812 B", "14.2 KB", "3.1 MB". */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${Math.round(bytes)} B`;
	if (bytes < 1024 * 1024) return `${one.format(bytes / 1024)} KB`;
	return `${one.format(bytes / 1048576)} MB`;
}

/** An ISO date (YYYY-MM-DD) as "Jan 5, 2026". */
export function formatIsoDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return formatDate(new Date(Date.UTC(y, m - 1, d)));
}

/** "week" or "day". */
export function periodName(granularity: Granularity): string {
	return granularity === 'week' ? 'week' : 'day';
}

/** What one KPI unit is, for titles: "revenue", "conversions". */
export function kpiUnit(kind: KpiKind): string {
	return kind === 'revenue' ? 'revenue (currency units)' : 'conversions';
}
