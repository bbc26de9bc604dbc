/**
 * Build the `PolicyView` a policy sees from a running market: layout, budget, the business's
 * unit economics and the observables — nothing from ground truth.
 */
import type { Market } from '../sim/market';
import type { Scenario } from '../sim/scenario';
import { weekdayOf } from '../sim/compile';
import type { Layout, Objective, PolicyView, Stage } from '../policies/policy';

export function layoutOf(scenario: Scenario, K: number): Layout {
	const creativeExists = new Uint8Array(scenario.channels.length * K);
	const creativeIds: string[] = [];
	scenario.channels.forEach((channel, c) => {
		for (let k = 0; k < K; k++) {
			creativeExists[c * K + k] = k < channel.creatives.length ? 1 : 0;
			creativeIds.push(channel.creatives[k]?.id ?? '');
		}
	});
	return {
		C: scenario.channels.length,
		K,
		S: scenario.segments.length,
		channelIds: scenario.channels.map((c) => c.id),
		channelNames: scenario.channels.map((c) => c.name),
		stages: scenario.channels.map((c) => c.stage as Stage),
		creativeIds,
		creativeExists,
		segmentIds: scenario.segments.map((s) => s.id),
		segmentNames: scenario.segments.map((s) => s.name)
	};
}

/** A live view onto `market`: `day`/`slot` are updated by the runner before each call. */
export function createView(
	market: Market,
	objective: Objective,
	dailyBudget = market.scenario.dailyBudget
): PolicyView {
	const p = market.params;
	// Weekdays repeat every 7 days: one date computation, then arithmetic (policies ask often).
	const firstWeekday = weekdayOf(market.scenario.startDate, 0);
	return {
		day: 0,
		pilotStart: market.scenario.history.days,
		slot: 0,
		stepsPerDay: p.stepsPerDay,
		days: p.days,
		weekday: (day: number) => (firstWeekday + (day % 7) + 7) % 7,
		events: market.scenario.events.map(({ name, startDay, endDay }) => ({
			name,
			startDay,
			endDay
		})),
		layout: layoutOf(market.scenario, p.K),
		creativeActive: market.state.active,
		dailyBudget,
		objective,
		economics: {
			orderValue: Float64Array.from(p.orderValue),
			margin: Float64Array.from(p.margin),
			ltvMargin: Float64Array.from(p.ltvMargin)
		},
		observed: market.trace.observables
	};
}
