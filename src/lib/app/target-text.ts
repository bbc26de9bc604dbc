/**
 * The budget-for-a-target answer in words, for the data page. A conversions KPI reads its
 * efficiency targets as costs (cost per conversion, cost of the next conversion); a revenue KPI
 * as ROAS — revenue per unit of spend, not net ROI (ROAS − 1). Pure.
 */
import { spendToday, type MmmFit, type TargetResult } from '$lib/data/mmm';
import type { TargetKind } from './data-split.svelte';
import { formatAmount, formatRatio2 } from './data-format';

export interface TargetWords {
	/** The KPI's name ("revenue", "conversions"). */
	kpi: string;
	/** 'week' or 'day'. */
	unit: string;
	/** Whether the KPI counts conversions (efficiency targets are then costs). */
	conversions: boolean;
	/** Spend per period today, currency units. */
	today: number;
}

/** The words for a fit: its KPI, period, whether it counts conversions, and today's spend. */
export function targetWords(fit: MmmFit): TargetWords {
	return {
		kpi: fit.dataset.kpiName,
		unit: fit.dataset.granularity === 'week' ? 'week' : 'day',
		conversions: fit.dataset.kpiKind === 'conversions',
		today: spendToday(fit)
	};
}

/** The form's label of each target kind. */
export function targetLabel(kind: TargetKind, words: Omit<TargetWords, 'today'>): string {
	if (kind === 'kpi') return `${words.kpi} per ${words.unit} of at least`;
	if (kind === 'efficiency')
		return words.conversions
			? 'cost per conversion of at most'
			: 'ROAS (revenue ÷ spend) of at least';
	return words.conversions
		? 'cost of the next conversion of at most'
		: 'marginal ROAS (return of the next unit of spend) of at least';
}

/** A target value or achieved figure as the form types it: a cost, a ratio or a volume. */
function figure(kind: TargetKind, value: number, conversions: boolean): string {
	if (kind === 'kpi') return formatAmount(value);
	return conversions ? formatAmount(1 / value) : formatRatio2(value);
}

/**
 * Where today's split stands, to pick a target from: the KPI the media drive per period and its
 * average return (ROAS, or cost per conversion).
 */
export function todayText(mediaKpi: number, words: TargetWords): string {
	const { kpi, unit, conversions, today } = words;
	const average = conversions
		? `cost per conversion ${mediaKpi > 0 ? formatAmount(today / mediaKpi) : '—'}`
		: `ROAS ${today > 0 ? formatRatio2(mediaKpi / today) : '—'}`;
	return `Today’s split: ${formatAmount(mediaKpi)} ${kpi} per ${unit} from the media, ${average}.`;
}

/** The sentence under the form for `result`. */
export function targetSentence(result: TargetResult, words: TargetWords): string {
	const { kpi, unit, conversions, today } = words;
	const { kind, value } = result.target;
	const per = `per ${unit}`;
	const money = (v: number) => `${formatAmount(v)} ${per}`;
	const achieved = kind === 'efficiency' ? result.efficiency : result.marginal;
	const metric =
		kind === 'efficiency'
			? conversions
				? 'cost per conversion'
				: 'ROAS'
			: conversions
				? 'cost of the next conversion'
				: 'marginal ROAS';
	if (result.status === 'met') {
		const budget = result.budget ?? result.at;
		if (kind === 'kpi')
			return `To reach ${formatAmount(value)} ${kpi} ${per}, spend ${money(budget)} (today ${money(today)}).`;
		if (kind === 'efficiency')
			return `The most you can spend with a ${metric} of ${conversions ? 'at most' : 'at least'} ${figure(kind, value, conversions)}: ${money(budget)} (today ${money(today)}), for ${formatAmount(result.kpi)} ${kpi} ${per}.`;
		return `Spend up to ${money(budget)} (today ${money(today)}): beyond it ${
			conversions
				? `the next conversion costs more than ${figure(kind, value, true)}`
				: `the next unit of spend returns less than ${figure(kind, value, false)}`
		}.`;
	}
	if (result.status === 'ceiling')
		return `Even with every channel at its maximum (${money(result.ceiling)}) the ${metric} is ${figure(kind, achieved, conversions)}: the channel limits, not the target, stop the budget. Raise the maximums to spend more.`;
	if (kind === 'kpi')
		return `Within the channel limits the curves reach at most ${formatAmount(result.kpi)} ${kpi} ${per} (at ${money(result.at)}); raise the maximums or lower the target.`;
	if (kind === 'efficiency')
		return `No budget reaches that: the best ${metric} the curves allow is ${figure(kind, achieved, conversions)} (${
			// A saturating curve returns most on its first units: the search's smallest budget.
			result.at < 0.01 * today ? 'on the first units of spend' : `at ${money(result.at)}`
		}).`;
	return `Even the first units of spend ${
		conversions
			? `cost more than that per extra conversion (${figure(kind, achieved, true)} at best)`
			: `return less than that (${figure(kind, achieved, false)} at best)`
	}.`;
}
