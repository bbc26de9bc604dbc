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
	/** Platform-reported ÷ true first-order ROAS: how much the platform over-claims (NaN if undefined). */
	overClaim: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/** ROAS per channel for one policy's per-channel means. */
export function roasByChannel(policy: PolicySummary, channelNames: readonly string[]): RoasRow[] {
	const ch = policy.channels;
	return channelNames.map((name, c) => {
		const spend = ch.spend[c] ?? 0;
		const roas: Record<RoasKind, number> = {
			platform: ratio(ch.platformRevenue[c], spend),
			lastClick: ratio(ch.lastClickRevenue[c], spend),
			trueRoas: ratio(ch.incRevenue[c], spend),
			ltvRoas: ratio(ch.incLtvMargin[c], spend)
		};
		return { channel: c, name, spend, roas, overClaim: ratio(roas.platform, roas.trueRoas) };
	});
}

/** The largest finite ROAS of the rows (at least 1, so break-even is always on the axis). */
export function roasMax(rows: readonly RoasRow[]): number {
	let max = 1;
	for (const row of rows)
		for (const kind of ROAS_KINDS)
			if (Number.isFinite(row.roas[kind])) max = Math.max(max, row.roas[kind]);
	return max;
}
