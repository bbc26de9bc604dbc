/**
 * A saved run's headline in words, for the Runs list and the compare view: who beat whom by how
 * much, with the 95 % interval, and the share of the oracle. Pure text, tested.
 */
import { formatMoneyShort, formatMoneySigned, LOCALE } from '$lib/charts/format';
import type { Interval, RunHeadline } from '$lib/storage';

const count = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumSignificantDigits: 3 });
const signedCount = new Intl.NumberFormat(LOCALE, {
	notation: 'compact',
	maximumSignificantDigits: 3,
	signDisplay: 'exceptZero'
});
const minus = (text: string) => text.replace(/-/g, '−');

/** An amount of the headline's metric ("$1.2M", "3.4K"). */
export function headlineAmount(h: RunHeadline, value: number): string {
	return h.unit === 'money' ? formatMoneyShort(value, h.currency) : minus(count.format(value));
}

/** A signed difference of the headline's metric ("+$12.3K", "−410"). */
export function headlineChange(h: RunHeadline, value: number): string {
	return h.unit === 'money'
		? formatMoneySigned(value, h.currency)
		: minus(signedCount.format(Object.is(value, -0) ? 0 : value));
}

/** "95 % CI +$2.1K to +$22K", or why there is none (a single seed). */
export function intervalWords(h: RunHeadline, interval: Interval): string {
	if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) {
		return 'no interval: one seed';
	}
	return `95 % CI ${headlineChange(h, interval.low)} to ${headlineChange(h, interval.high)}`;
}

/** The headline's parts: the comparison, the difference with its interval, and the oracle share. */
export interface HeadlineWords {
	/** "Thompson sampling vs Fixed split (BAU)". */
	who: string;
	/** "+$12.3K LTV-profit". */
	change: string;
	/** "95 % CI +$2.1K to +$22K". */
	interval: string;
	/** "84 % of the oracle" (empty when unknown). */
	oracle: string;
	/** Whether the interval excludes zero, and on which side (for colour). */
	verdict: 'better' | 'worse' | 'unclear';
}

/** The words of a run's headline. */
export function headlineWords(h: RunHeadline): HeadlineWords {
	if (!h.best || !h.vsBaseline) {
		return {
			who: h.baseline.name,
			change: `${headlineAmount(h, h.baseline.mean)} ${h.metricLabel}`,
			interval: 'no other policy ran',
			oracle: '',
			verdict: 'unclear'
		};
	}
	const d = h.vsBaseline;
	const finite = Number.isFinite(d.low) && Number.isFinite(d.high);
	const share = h.shareOfOracle?.mean;
	return {
		who: `${h.best.name} vs ${h.baseline.name}`,
		change: `${headlineChange(h, d.mean)} ${h.metricLabel}`,
		interval: intervalWords(h, d),
		oracle:
			share !== undefined && Number.isFinite(share)
				? `${Math.round(share * 100)} % of the oracle`
				: '',
		verdict: finite && d.low > 0 ? 'better' : finite && d.high < 0 ? 'worse' : 'unclear'
	};
}
