/**
 * Number formats for the CLI's tables: whole currency with thousands separators, percentages,
 * ratios, and "mean ± half-width" for the pilot's symmetric 95 % intervals.
 */
import type { Estimate } from '../lib/experiment/stats';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A number with thousands separators and `digits` decimals; "∞", "−∞" or "—" (NaN) otherwise. */
export function formatNumber(value: number, digits = 0, signed = false): string {
	if (Number.isNaN(value)) return '—';
	if (!Number.isFinite(value)) return value > 0 ? (signed ? '+∞' : '∞') : '−∞';
	const format =
		digits === 0
			? whole
			: new Intl.NumberFormat('en-US', {
					minimumFractionDigits: digits,
					maximumFractionDigits: digits
				});
	const text = format.format(value);
	// Rounding can leave "-0", and a zero needs no sign.
	if (/^-?0(\.0*)?$/.test(text)) return text.replace('-', '');
	return signed && value > 0 ? `+${text}` : text;
}

/** Half the width of an estimate's interval (the t-intervals are symmetric). */
export function halfWidth(estimate: Estimate): number {
	return (estimate.high - estimate.low) / 2;
}

/** "mean ± half-width", both scaled by `scale` (100 for percentages) with `digits` decimals. */
export function formatEstimate(
	estimate: Estimate,
	{ digits = 0, scale = 1, signed = false, unit = '' } = {}
): string {
	const half = halfWidth(estimate) * scale;
	const spread = Number.isNaN(half) ? '' : ` ± ${formatNumber(half, digits)}`;
	return `${formatNumber(estimate.mean * scale, digits, signed)}${unit}${spread}`;
}

/** A share as a percentage with one decimal: 0.9712 → "97.1 %". */
export function formatPercent(share: number, digits = 1): string {
	return Number.isNaN(share) ? '—' : `${formatNumber(share * 100, digits)} %`;
}
