/**
 * Text alternatives of the report's charts: one or two sentences that say what each chart
 * shows, for screen readers and as captions under the charts. Pure; tested in node.
 */
import type { PilotResult } from '../experiment/pilot';
import { formatMoney, formatRatio } from '../charts/format';
import { spendShares } from './allocation';
import { hasInterval } from './metric-rows';
import type { RoasRow } from './roas-comparison';

const seedsText = (n: number) => (n === 1 ? '1 seed' : `${n} seeds`);

/** The cumulative LTV-profit chart: who ends furthest above the baseline, and how sure that is. */
export function cumulativeCaption(result: PilotResult): string {
	const base = result.policies.find((p) => p.id === result.baseline);
	const others = result.policies.filter((p) => p.id !== result.baseline && p.id !== 'oracle');
	const last = result.days - 1;
	const intro = `Cumulative LTV-profit of each policy relative to ${base?.name ?? 'the baseline'}, by pilot day: mean over ${seedsText(result.seeds.length)} with 95\u00a0% bands.`;
	if (others.length === 0 || last < 0) return intro;
	const best = others.reduce((a, b) =>
		b.vsBaselineByDay.mean[last] > a.vsBaselineByDay.mean[last] ? b : a
	);
	const m = (v: number) => formatMoney(v, result.currency);
	const end = best.vsBaselineByDay;
	const band =
		result.seeds.length > 1
			? ` (95\u00a0% interval ${m(end.low[last])} to ${m(end.high[last])})`
			: ' (one seed so far: no interval)';
	const lead = end.mean[last] >= 0 ? 'ahead' : 'behind';
	return `${intro} After ${result.days} days the best, ${best.name}, is ${m(Math.abs(end.mean[last]))} ${lead}${band}.`;
}

/** The regret chart: each policy's final regret against the oracle. */
export function regretCaption(result: PilotResult): string {
	const m = (v: number) => formatMoney(v, result.currency);
	const parts = result.policies
		.filter((p) => p.id !== 'oracle')
		.map((p) => `${p.name} ${m(p.regretByDay.at(-1) ?? NaN)}`);
	const band = result.seeds.length > 1 ? ' Shaded: the 95 % interval over seeds.' : '';
	return `Cumulative regret: the LTV-profit the oracle (which knows the true response curves) earned and each policy did not, by pilot day. At the end: ${parts.join(', ')}.${band}`;
}

/** The allocation chart for one policy: its channel shares over the pilot. */
export function allocationCaption(result: PilotResult, policyId: string): string {
	const policy = result.policies.find((p) => p.id === policyId);
	if (!policy) return '';
	const C = result.channelNames.length;
	const shares = spendShares(policy.meanDailySpend, C)
		.map((share, c) => ({ share, name: result.channelNames[c] }))
		.sort((a, b) => b.share - a.share);
	const list = shares.map((s) => `${s.name} ${Math.round(s.share * 100)}\u00a0%`).join(', ');
	return `Daily spend of ${policy.name} by channel, stacked (7-day average). Share of its spend over the pilot: ${list}.`;
}

/** The ROAS comparison: the channel whose platform over-claims most. */
export function roasCaption(rows: readonly RoasRow[], policyName: string): string {
	const whiskers = rows.some((r) => r.interval) ? ' Whiskers: 95 % intervals over seeds.' : '';
	const intro = `Return on ad spend per channel under ${policyName}: platform-reported, last-click, and the true incremental return (first order and lifetime margin).${whiskers}`;
	const worst = rows
		.filter((r) => Number.isFinite(r.overClaim))
		.reduce<RoasRow | null>((a, b) => (a === null || b.overClaim > a.overClaim ? b : a), null);
	if (!worst) return intro;
	return `${intro} ${worst.name}'s platform reports ${formatRatio(worst.roas.platform)} where the ads truly returned ${formatRatio(worst.roas.trueRoas)}.`;
}

/** A note for a result that does not cover every seed yet. */
export function partialNote(result: PilotResult, seedsPlanned: number): string {
	const done = result.seeds.length;
	const base = result.policies.find((p) => p.id === result.baseline);
	const wide = base && !hasInterval(base.metrics.ltvProfit.value);
	return `Partial results: ${done} of ${seedsPlanned} seeds so far.${wide ? ' Intervals need at least 2 seeds.' : ' Intervals narrow as seeds finish.'}`;
}
