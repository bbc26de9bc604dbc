/**
 * The order data's early-behaviour report (`earlyRepeatOrders`): repeat orders by customers'
 * tenure band, consistent with the market's total repeat orders and with the retention classes'
 * closed-form survival — and the other observables are untouched by it (own random stream).
 */
import { describe, expect, it } from 'vitest';
import { classSurvival, tenureBand } from './cohort';
import { createAction, Market } from './market';
import { loadPreset } from './presets';
import { TENURE_BANDS } from './trace';

function runFixed(days: number, seed: number): Market {
	const scenario = loadPreset('dtc-default');
	const market = new Market({ ...scenario, days, regimeShifts: [] }, seed);
	const p = market.params;
	const action = createAction(p);
	for (let ck = 0; ck < p.C * p.K; ck++)
		action.spend[ck] = p.creativeExists[ck] ? scenario.dailyBudget / (p.C * p.K) : 0;
	for (let d = 0; d < days; d++) market.step(action);
	return market;
}

describe('earlyRepeatOrders', () => {
	const days = 240;
	const market = runFixed(days, 5);
	const { S } = market.params;
	const o = market.trace.observables;

	it('never reports more early orders than repeat orders in all', () => {
		for (let d = 0; d < days; d++) {
			for (let s = 0; s < S; s++) {
				let early = 0;
				for (let b = 0; b < TENURE_BANDS; b++) {
					const n = o.earlyRepeatOrders[(d * S + s) * TENURE_BANDS + b];
					expect(Number.isInteger(n) && n >= 0).toBe(true);
					early += n;
				}
				expect(early).toBeLessThanOrEqual(
					o.repeatRevenue[d * S + s] / market.params.orderValue[s] + 1e-9
				);
			}
		}
	});

	it('matches the retention classes: orders per band = Σ new customers × rate × survival(age)', () => {
		for (let s = 0; s < S; s++) {
			const classes = market.params.retention[s];
			const expected = new Float64Array(TENURE_BANDS);
			const observed = new Float64Array(TENURE_BANDS);
			for (let d = 40; d < days; d++) {
				for (let age = 1; age <= 28; age++) {
					expected[tenureBand(age)] +=
						o.newCustomers[(d - age) * S + s] * classes.ordersPerStep * classSurvival(classes, age);
				}
				for (let b = 0; b < TENURE_BANDS; b++)
					observed[b] += o.earlyRepeatOrders[(d * S + s) * TENURE_BANDS + b];
			}
			for (let b = 0; b < TENURE_BANDS; b++) {
				// Poisson counts in the thousands: within 4 standard errors.
				expect(expected[b]).toBeGreaterThan(500);
				expect(Math.abs(observed[b] - expected[b])).toBeLessThan(4 * Math.sqrt(expected[b]));
			}
		}
	});

	it('is reproducible and survives snapshot/restore', () => {
		const again = runFixed(days, 5);
		expect(again.trace.observables.earlyRepeatOrders).toEqual(o.earlyRepeatOrders);
		const scenario = loadPreset('dtc-default');
		const a = new Market({ ...scenario, days: 60, regimeShifts: [] }, 8);
		const action = createAction(a.params);
		action.spend.fill(500);
		for (let d = 0; d < 30; d++) a.step(action);
		const snap = a.snapshot();
		for (let d = 30; d < 60; d++) a.step(action);
		const first = a.trace.observables.earlyRepeatOrders.slice();
		a.restore(snap);
		for (let d = 30; d < 60; d++) a.step(action);
		expect(a.trace.observables.earlyRepeatOrders).toEqual(first);
		const b = a.clone();
		expect(b.trace.observables.earlyRepeatOrders).toEqual(first);
	});
});
