/**
 * Labels for the OPE page: policy values in the log's reward unit with four significant
 * digits ("7,404", "0.5312"), intervals, shares. Pure; one locale, a true minus sign.
 */
import { LOCALE } from '../charts/format';

const value = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 4 });
const share = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

/** A policy value or reward, four significant digits; "—" when undefined (NaN). */
export function formatValue(x: number): string {
	if (!Number.isFinite(x)) return '—';
	return value.format(Object.is(x, -0) ? 0 : x).replace(/-/g, '−');
}

/** An interval "lower – upper"; "—" when the bootstrap gave none. */
export function formatInterval(lower: number, upper: number): string {
	if (!Number.isFinite(lower) || !Number.isFinite(upper)) return '—';
	return `${formatValue(lower)} – ${formatValue(upper)}`;
}

/** A share 0–1 as a percentage: "42.5 %". */
export function formatShare(x: number): string {
	return Number.isFinite(x) ? share.format(x).replace('%', '\u00a0%') : '—';
}

/** Short estimator names for the chart's rows. */
export const ESTIMATOR_SHORT: Readonly<Record<string, string>> = {
	replay: 'Replay',
	ipw: 'IPW',
	snipw: 'SNIPW',
	dm: 'DM',
	dr: 'DR'
};
