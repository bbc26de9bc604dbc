/**
 * Reported vs last-click vs true incremental ROAS per channel, for the report's bar chart: what
 * the ad platforms claim, what the site's last-click model credits, and what the ads truly
 * caused (ground truth, first order and lifetime), all as revenue ÷ spend over the pilot, means
 * over seeds. Pure.
 */
import type { PolicySummary } from '../experiment/pilot';

/** The ROAS measures compared, in drawing order. */
export const ROAS_KINDS = ['platform', 'lastClick', 'trueRoas', 'ltvRoas'] as const;
export type RoasKind = (typeof ROAS_KINDS)[number];

/** How each measure is named in the legend and tooltip. */
export const ROAS_LABELS: Record<RoasKind, string> = {
	platform: 'Platform-reported',
	lastClick: 'Last-click',
	trueRoas: 'True incremental (first order)',
	ltvRoas: 'True incremental (lifetime margin)'
};

/** One channel's ROAS by measure (NaN where the channel spent nothing). */
export interface RoasRow {
	channel: number;
	name: string;
	/** Spend over the pilot, currency units (mean over seeds). */
	spend: number;
	/** Revenue (margin for ltvRoas) ÷ spend, by measure. */
	roas: Record<RoasKind, number>;
	/** Its 95 % interval over seeds, by measure (null for results saved without intervals or one seed). */
	interval: Record<RoasKind, [number, number]> | null;
	/** Platform-reported ÷ true first-order ROAS: how much the platform over-claims (NaN if undefined). */
	overClaim: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/** ROAS per channel for one policy's per-channel means (with intervals when it has them). */
export function roasByChannel(
	policy: PolicySummary,
	channelNames: readonly string[],
	seeds = 2
): RoasRow[] {
	const ch = policy.channels;
	const bands = seeds > 1 ? policy.channelRoas : undefined;
	return channelNames.map((name, c) => {
		const spend = ch.spend[c] ?? 0;
		const roas: Record<RoasKind, number> = {
			platform: ratio(ch.platformRevenue[c], spend),
			lastClick: ratio(ch.lastClickRevenue[c], spend),
			trueRoas: ratio(ch.incRevenue[c], spend),
			ltvRoas: ratio(ch.incLtvMargin[c], spend)
		};
		const interval = bands
			? (Object.fromEntries(
					ROAS_KINDS.map((k) => [k, [bands[k].low[c], bands[k].high[c]] as [number, number]])
				) as Record<RoasKind, [number, number]>)
			: null;
		return {
			channel: c,
			name,
			spend,
			roas,
			interval,
			overClaim: ratio(roas.platform, roas.trueRoas)
		};
	});
}

/**
 * The largest finite ROAS of the rows, interval tops included (at least 1, so break-even is
 * always on the axis).
 */
export function roasMax(rows: readonly RoasRow[]): number {
	let max = 1;
	for (const row of rows)
		for (const kind of ROAS_KINDS) {
			if (Number.isFinite(row.roas[kind])) max = Math.max(max, row.roas[kind]);
			const high = row.interval?.[kind][1];
			if (high !== undefined && Number.isFinite(high)) max = Math.max(max, high);
		}
	return max;
}
