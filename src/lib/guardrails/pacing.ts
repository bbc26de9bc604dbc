/**
 * Pacing: how a day's budget reaches the market, slot by slot, and how much a day may spend.
 *
 * Within a day, each slot is offered a share of what the day has left (`slotShare`), so what a
 * slot does not spend rolls on to the next; the last slot is offered all that is left. Paid spend
 * never exceeds the offer, so a day never pays more than its plan.
 *
 * Across days, ad platforms let a day spend up to twice its daily budget as long as a month holds
 * its total. Here a day may plan up to maxDailyOverdelivery × the daily budget (enforced with the
 * decision) and pacing holds every rolling 30-day window — the day and the 29 before it — to
 * 30 × the daily budget, from the spend the platforms report.
 */
import type { Layout } from '../policies/policy';
import type { Observables } from '../sim/trace';
import type { GuardrailConfig } from './types';

/** Days in the rolling budget window. */
export const WINDOW_DAYS = 30;

/** Weight of slot j of n: even = 1, front-loaded = n − j (the first slot weighs most). */
export function slotWeight(pacing: GuardrailConfig['pacing'], slot: number, slots: number): number {
	return pacing === 'front-loaded' ? slots - slot : 1;
}

/** Share of the day's remaining budget to offer in `slot` of `slots` (1 in the last slot). */
export function slotShare(pacing: GuardrailConfig['pacing'], slot: number, slots: number): number {
	let rest = 0;
	for (let j = slot; j < slots; j++) rest += slotWeight(pacing, j, slots);
	return slotWeight(pacing, slot, slots) / rest;
}

/** Total spend paid on `day` per channel [C], currency units (the day so far if it is running). */
export function paidOn(
	observed: Observables,
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	day: number,
	out = new Float64Array(layout.C)
): Float64Array {
	const { C, K, S } = layout;
	const base = day * C * K * S;
	for (let c = 0; c < C; c++) {
		let sum = 0;
		for (let i = 0; i < K * S; i++) sum += observed.spend[base + c * K * S + i];
		out[c] = sum;
	}
	return out;
}

/**
 * What `day` may spend in total so that the window of it and the 29 days before holds
 * 30 × `dailyBudget`, currency units (≥ 0). Only days from `from` count (the pilot's first day:
 * history ran on other budgets).
 */
export function windowAllowance(
	observed: Observables,
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	day: number,
	dailyBudget: number,
	from = 0
): number {
	const { C, K, S } = layout;
	const width = C * K * S;
	let past = 0;
	for (let d = Math.max(from, day - WINDOW_DAYS + 1); d < day; d++) {
		for (let i = 0; i < width; i++) past += observed.spend[d * width + i];
	}
	return Math.max(0, WINDOW_DAYS * dailyBudget - past);
}
