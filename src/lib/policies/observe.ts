/**
 * Reading the observables as a policy would: per-channel daily totals and the value of
 * outcomes under the objective. Only observables are used (what platforms and the site report).
 */
import type { Objective, PolicyView } from './policy';

/** Per channel, the day's total of a per-cell observable (spend, impressions) [C]. */
export function channelCellTotal(
	view: PolicyView,
	series: 'spend' | 'impressions',
	day: number,
	out = new Float64Array(view.layout.C)
): Float64Array {
	const { C, K, S } = view.layout;
	const data = view.observed[series];
	const base = day * C * K * S;
	for (let c = 0; c < C; c++) {
		let sum = 0;
		for (let i = 0; i < K * S; i++) sum += data[base + c * K * S + i];
		out[c] = sum;
	}
	return out;
}

/** Per channel, the day's total of a per channel × creative observable [C]. */
export function channelCreativeTotal(
	view: PolicyView,
	series: 'clicks' | 'platformConversions' | 'platformRevenue',
	day: number,
	out = new Float64Array(view.layout.C)
): Float64Array {
	const { C, K } = view.layout;
	const data = view.observed[series];
	for (let c = 0; c < C; c++) {
		let sum = 0;
		for (let k = 0; k < K; k++) sum += data[day * C * K + c * K + k];
		out[c] = sum;
	}
	return out;
}

/** Spend per channel × creative on a day [C·K]. */
export function creativeSpend(
	view: PolicyView,
	day: number,
	out = new Float64Array(view.layout.C * view.layout.K)
): Float64Array {
	const { C, K, S } = view.layout;
	const data = view.observed.spend;
	for (let ck = 0; ck < C * K; ck++) {
		let sum = 0;
		for (let s = 0; s < S; s++) sum += data[day * C * K * S + ck * S + s];
		out[ck] = sum;
	}
	return out;
}

/**
 * What one new customer of segment s is worth under the objective, as the business books it:
 * 1 for conversions, the order value for revenue, the lifetime margin for LTV-profit
 * (0 for clicks, whose value is the click itself).
 */
export function conversionValue(
	view: PolicyView,
	s: number,
	objective: Objective = view.objective
): number {
	switch (objective) {
		case 'clicks':
			return 0;
		case 'conversions':
			return 1;
		case 'revenue':
			return view.economics.orderValue[s];
		case 'ltv-profit':
			return view.economics.ltvMargin[s];
	}
}

/** Per channel, the value the site's last-click report credits it with on a day [C]. */
export function lastClickValue(
	view: PolicyView,
	day: number,
	out = new Float64Array(view.layout.C)
): Float64Array {
	const { C, S } = view.layout;
	if (view.objective === 'clicks') return channelCreativeTotal(view, 'clicks', day, out);
	for (let c = 0; c < C; c++) {
		let sum = 0;
		for (let s = 0; s < S; s++)
			sum += view.observed.lastClickConversions[day * C * S + c * S + s] * conversionValue(view, s);
		out[c] = sum;
	}
	return out;
}

/**
 * Per channel, the value ad platforms claim on a day [C]. Platforms report conversions and
 * first-order revenue, not segments; LTV is booked at the business's average LTV per order value.
 */
export function platformValue(
	view: PolicyView,
	day: number,
	out = new Float64Array(view.layout.C)
): Float64Array {
	switch (view.objective) {
		case 'clicks':
			return channelCreativeTotal(view, 'clicks', day, out);
		case 'conversions':
			return channelCreativeTotal(view, 'platformConversions', day, out);
		case 'revenue':
			return channelCreativeTotal(view, 'platformRevenue', day, out);
		case 'ltv-profit': {
			channelCreativeTotal(view, 'platformRevenue', day, out);
			const ratio = ltvPerRevenue(view);
			for (let c = 0; c < out.length; c++) out[c] *= ratio;
			return out;
		}
	}
}

/** The business's lifetime margin per unit of first-order revenue (population-weighted by baseline mix). */
export function ltvPerRevenue(view: PolicyView): number {
	const { S } = view.layout;
	let ltv = 0;
	let revenue = 0;
	for (let s = 0; s < S; s++) {
		ltv += view.economics.ltvMargin[s];
		revenue += view.economics.orderValue[s];
	}
	return revenue > 0 ? ltv / revenue : 0;
}

/**
 * The site-wide value of a day's outcomes under the objective (all channels and organic):
 * clicks, new customers, first-order revenue, or new customers × lifetime margin.
 */
export function siteValue(view: PolicyView, day: number): number {
	const { C, K, S } = view.layout;
	if (view.objective === 'clicks') {
		let sum = 0;
		for (let ck = 0; ck < C * K; ck++) sum += view.observed.clicks[day * C * K + ck];
		return sum;
	}
	let sum = 0;
	for (let s = 0; s < S; s++)
		sum += view.observed.newCustomers[day * S + s] * conversionValue(view, s);
	return sum;
}

/** Spread a channel budget over its live creatives in proportion to `weights` (equal if absent). */
export function splitOverCreatives(
	view: PolicyView,
	channelBudget: ArrayLike<number>,
	out: Float64Array,
	weights?: ArrayLike<number>
): Float64Array {
	const { C, K } = view.layout;
	for (let c = 0; c < C; c++) {
		let total = 0;
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			if (view.creativeActive[ck]) total += weights ? weights[ck] : 1;
		}
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			const w = view.creativeActive[ck] ? (weights ? weights[ck] : 1) : 0;
			out[ck] = total > 0 ? (channelBudget[c] * w) / total : 0;
		}
	}
	return out;
}
