/**
 * The optimal split in words: what the move achieves, which channels gain and lose and why —
 * saturation (how far along its curve a channel is), carry-over (effects landing later), and
 * which constraints bind (so "why didn't X get more?" has an answer).
 */
import * as pm from '../../sim/portable-math';
import { responseAt, type ChannelCurve } from './transform';
import type { MmmFit, SplitResult } from './types';

/** A number for a sentence: thousands separators, no more than 3 significant digits past 100. */
export function formatAmount(x: number): string {
	if (!Number.isFinite(x)) return '—';
	const abs = Math.abs(x);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
	const rounded = abs >= 1000 ? Math.round(x / 10) * 10 : x;
	const [int, frac] = Math.abs(rounded).toFixed(digits).split('.');
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${x < 0 ? '−' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * Where an S-shaped Hill curve (slope > 1) returns most per unit on average — where the line
 * from the origin touches it, K·(n − 1)^(1/n) — and that average; null for a concave curve,
 * whose first unit returns most.
 */
export function bestAverage(curve: ChannelCurve): { spend: number; average: number } | null {
	const n = curve.slope;
	if (!(n > 1) || !(curve.halfSaturation > 0)) return null;
	const spend = curve.halfSaturation * pm.exp(pm.log(n - 1) / n);
	return { spend, average: responseAt(curve, spend) / spend };
}

/** Explanation sentences for a split of a fit. */
export function explainSplit(fit: MmmFit, split: SplitResult): string[] {
	const period = fit.dataset.granularity === 'week' ? 'week' : 'day';
	const lines: string[] = [];
	const { kpiChange } = split;
	const kpi = fit.dataset.kpiName;
	const sign = kpiChange.mean >= 0 ? '+' : '';
	lines.push(
		`Expected change in ${kpi}: ${sign}${formatAmount(kpiChange.mean)} per ${period} ` +
			`(${Math.round(fit.intervalLevel * 100)} % interval ${formatAmount(kpiChange.low)} to ${formatAmount(kpiChange.high)}), ` +
			`at a budget of ${formatAmount(split.total)} per ${period} against ${formatAmount(split.currentTotal)} today.`
	);
	const tol = Math.max(1, split.total * 0.005);
	const byChange = [...split.channels].sort(
		(a, b) => b.recommended - b.current - (a.recommended - a.current)
	);
	// The channel whose next unit returns most today among those that gain: where the money goes.
	const gainer = split.channels
		.filter((ch) => ch.recommended - ch.current > tol)
		.reduce<SplitResult['channels'][number] | null>(
			(best, ch) => (best === null || ch.mroasCurrent > best.mroasCurrent ? ch : best),
			null
		);
	for (const ch of byChange) {
		const fitted = fit.channels.find((c) => c.id === ch.id);
		if (!fitted) continue;
		const change = ch.recommended - ch.current;
		const saturation =
			fitted.curve.maxResponse > 0
				? responseAt(fitted.curve, ch.current) / fitted.curve.maxResponse
				: 0;
		const lag =
			fitted.meanLagDays >= 7
				? ` Its effect lasts about ${Math.round(fitted.meanLagDays)} days (carry-over), which the curve counts in full.`
				: '';
		const mroas = formatAmount(ch.mroasCurrent);
		if (change > tol) {
			const why =
				saturation < 0.5
					? `far from saturation (${pct(saturation)} of its ceiling today)`
					: `still returning more than the others at the margin`;
			lines.push(
				`${ch.name} gains ${formatAmount(change)} per ${period}: each extra unit returns ${mroas} today, ${why}.${lag}` +
					(ch.binding === 'max' ? ` It stops at its maximum of ${formatAmount(ch.max)}.` : '')
			);
		} else if (change < -tol) {
			const off = ch.binding === 'min' && ch.min === 0;
			// An S-shaped curve switched off although its next unit returns more than the margin:
			// it pays only at scale, and even its best average return is below the margin.
			const best = bestAverage(fitted.curve);
			const marginalNow =
				split.objective === 'profit' && fit.valuePerKpi !== null
					? fit.valuePerKpi * ch.mroasCurrent - 1
					: ch.mroasCurrent;
			const scale =
				off && best !== null && marginalNow > split.marginalReturn
					? `it pays only at scale (an S-shaped curve): even at its best, about ${formatAmount(best.average)} per unit at ${formatAmount(best.spend)} per ${period}, it returns less than the budget earns elsewhere`
					: null;
			const why =
				scale ??
				(saturation >= 0.5
					? `it is ${pct(saturation)} of the way to its ceiling, so more spend adds little`
					: gainer && gainer.mroasCurrent > ch.mroasCurrent
						? `its marginal return (${mroas}) is below the ${formatAmount(gainer.mroasCurrent)} that ${gainer.name} returns today`
						: `its marginal return (${mroas}) is below what the budget earns elsewhere`);
			lines.push(
				`${ch.name} loses ${formatAmount(-change)} per ${period}: ${why}.${lag}` +
					(off
						? ' It is switched off.'
						: ch.binding === 'min'
							? ` It is held at its minimum of ${formatAmount(ch.min)}.`
							: '')
			);
		} else if (ch.binding) {
			lines.push(
				`${ch.name} stays at its ${ch.binding === 'min' ? 'minimum' : 'maximum'} of ${formatAmount(ch.recommended)} per ${period}.`
			);
		}
	}
	if (!split.fullySpent) {
		const spent = split.channels.reduce((a, ch) => a + ch.recommended, 0);
		lines.push(
			split.objective === 'profit'
				? `Only ${formatAmount(spent)} of ${formatAmount(split.total)} is spent: beyond it every extra unit returns less than it costs.`
				: `Only ${formatAmount(spent)} of ${formatAmount(split.total)} can be spent: every channel is at its maximum. Raise the maximums to place the rest.`
		);
	}
	if (Number.isFinite(split.marginalReturn)) {
		lines.push(
			`At the recommended split, channels not held by a bound return ${formatAmount(split.marginalReturn)} ` +
				(split.objective === 'profit'
					? 'profit per extra unit of spend.'
					: `${kpi} per extra unit of spend (marginal ROAS).`)
		);
	}
	lines.push(
		'Curves are steady-state: the gain arrives once carry-over has built up, after a few periods.'
	);
	return lines;
}
