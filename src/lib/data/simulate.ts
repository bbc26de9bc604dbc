/**
 * Ground truth for the MMM: run Marginal's simulator under a flighted spend plan and aggregate
 * it to a weekly Dataset (what an analyst would load), keeping the simulator's true incremental
 * revenue per channel beside it (what no analyst sees).
 *
 * KPI = revenue of first orders (observables.firstOrderRevenue summed over segments); true ROAS
 * = Σ truth.incRevenue / Σ spend over the horizon, the quantity an MMM's ROAS estimates.
 */
import { createAction, Market } from '../sim/market';
import { createStream, normal, type Rng } from '../sim/random';
import * as pm from '../sim/portable-math';
import type { Scenario } from '../sim/scenario';
import type { Dataset } from './dataset';
import { addDays } from './import/date';

/** The simulator's truth for one channel over the whole horizon. */
export interface ChannelTruth {
	id: string;
	name: string;
	/** Spend paid over the horizon, currency units. */
	spend: number;
	/** Expected incremental first-order revenue caused by the channel, currency units. */
	incRevenue: number;
	/** Expected incremental conversions caused by the channel. */
	incConversions: number;
	/** True ROAS: incRevenue / spend (revenue per currency unit). */
	roas: number;
	/** Expected incremental first-order revenue per week, currency units [weeks]. */
	weeklyIncRevenue: Float64Array;
}

/** A simulated weekly dataset and the truth behind it. */
export interface SimulatedDataset {
	dataset: Dataset;
	truth: ChannelTruth[];
	/** The budget offered per week × channel (index w·C + c), currency units. */
	plan: Float64Array;
}

/** How to run the simulation. */
export interface SimulateOptions {
	/** Weeks to simulate (the scenario's days are extended or cut to weeks · 7). */
	weeks: number;
	/** Seed of the market and of the spend plan. */
	seed: number;
	/** Budget per week × channel (index w·C + c); defaults to `flightingPlan`. */
	plan?: Float64Array;
}

/**
 * A realistic, randomised weekly spend plan around the scenario's historical split: each channel
 * follows one of three habits that media planners use — always-on with a drifting level (AR(1)
 * in logs) and two three-week go-dark holdouts, on/off flights (bursts of 3–8 weeks, pauses of 1–5), or heavy pulses over a low
 * floor with hiatus weeks — so every channel's spend varies in its own rhythm and effects are identifiable. Not
 * white noise: levels persist from week to week, as in real media plans. Returns w·C + c.
 */
export function flightingPlan(scenario: Scenario, weeks: number, rng: Rng): Float64Array {
	const C = scenario.channels.length;
	const shareSum = scenario.channels.reduce((a, c) => a + c.historicalShare, 0);
	const weekly = scenario.dailyBudget * 7;
	const plan = new Float64Array(weeks * C);
	for (let c = 0; c < C; c++) {
		const base = (weekly * scenario.channels[c].historicalShare) / shareSum;
		const habit = c % 3;
		const multiplier = new Float64Array(weeks);
		if (habit === 0) {
			// Always on: a level that drifts (AR(1) in logs, stationary sd ≈ 0.6), an occasional
			// push and, now and then, a dark week (budget freezes happen).
			let level = 0;
			for (let w = 0; w < weeks; w++) {
				level = 0.7 * level + 0.45 * normal(rng);
				const push = rng.next() < 0.08 ? 0.6 : 0;
				multiplier[w] = rng.next() < 0.05 ? 0 : pm.exp(level + push);
			}
			// Two go-dark holdouts of three weeks, one in each half (incrementality checks).
			for (const half of [0, 1]) {
				const start = Math.floor(((half + rng.next() * 0.8) * weeks) / 2);
				for (let w = start; w < Math.min(weeks, start + 3); w++) multiplier[w] = 0;
			}
		} else if (habit === 1) {
			// Flights: bursts at a random intensity, then pauses at a low floor.
			let w = Math.floor(rng.next() * 3);
			for (let i = 0; i < w; i++) multiplier[i] = 0.1;
			while (w < weeks) {
				const on = 3 + Math.floor(rng.next() * 6);
				const level = 0.8 + 1.2 * rng.next();
				for (let i = 0; i < on && w < weeks; i++, w++)
					multiplier[w] = level * (0.9 + 0.2 * rng.next());
				const off = 1 + Math.floor(rng.next() * 5);
				for (let i = 0; i < off && w < weeks; i++, w++) multiplier[w] = 0.1 * rng.next();
			}
		} else {
			// Pulses: heavy pushes of 2–4 weeks every 5–10 weeks over a low floor with hiatus
			// weeks (TV-style flighting).
			let w = 0;
			while (w < weeks) {
				const gap = 3 + Math.floor(rng.next() * 6);
				for (let i = 0; i < gap && w < weeks; i++, w++) {
					multiplier[w] = rng.next() < 0.4 ? 0 : 0.2 + 0.4 * rng.next();
				}
				const pulse = 2 + Math.floor(rng.next() * 3);
				const level = 1.6 + 1.4 * rng.next();
				for (let i = 0; i < pulse && w < weeks; i++, w++) multiplier[w] = level;
			}
		}
		// Normalise so the channel keeps its historical share of the budget on average.
		let mean = 0;
		for (let w = 0; w < weeks; w++) mean += multiplier[w] / weeks;
		for (let w = 0; w < weeks; w++) plan[w * C + c] = (base * multiplier[w]) / mean;
	}
	return plan;
}

/** Run `scenario` week by week under a spend plan and aggregate to a weekly Dataset + truth. */
export function simulateDataset(scenario: Scenario, options: SimulateOptions): SimulatedDataset {
	const { weeks, seed } = options;
	const days = weeks * 7;
	const market = new Market({ ...scenario, days }, seed, days);
	const p = market.params;
	const { C, K, S } = p;
	const plan = options.plan ?? flightingPlan(scenario, weeks, createStream(seed, 7));
	if (plan.length !== weeks * C) {
		throw new RangeError(`plan must have weeks × channels = ${weeks * C} entries`);
	}
	const action = createAction(p);
	const spend = Array.from({ length: C }, () => new Float64Array(weeks));
	const impressions = Array.from({ length: C }, () => new Float64Array(weeks));
	const kpi = new Float64Array(weeks);
	const obs = market.trace.observables;
	const truth = market.trace.truth;
	const channelTruth = scenario.channels.map((channel) => ({
		id: channel.id,
		name: channel.name,
		spend: 0,
		incRevenue: 0,
		incConversions: 0,
		roas: 0,
		weeklyIncRevenue: new Float64Array(weeks)
	}));
	const SP = p.stepsPerDay;
	for (let d = 0; d < days; d++) {
		const w = Math.floor(d / 7);
		for (let c = 0; c < C; c++) {
			let live = 0;
			for (let k = 0; k < K; k++) live += market.state.active[c * K + k];
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				action.spend[ck] = market.state.active[ck] ? plan[w * C + c] / 7 / SP / live : 0;
			}
		}
		for (let j = 0; j < SP; j++) market.step(action);
		for (let c = 0; c < C; c++) {
			for (let i = 0; i < K * S; i++) {
				const cell = d * C * K * S + c * K * S + i;
				spend[c][w] += obs.spend[cell];
				impressions[c][w] += obs.impressions[cell];
			}
			for (let s = 0; s < S; s++) {
				channelTruth[c].incRevenue += truth.incRevenue[d * C * S + c * S + s];
				channelTruth[c].weeklyIncRevenue[w] += truth.incRevenue[d * C * S + c * S + s];
				channelTruth[c].incConversions += truth.incConversions[d * C * S + c * S + s];
			}
		}
		for (let s = 0; s < S; s++) kpi[w] += obs.firstOrderRevenue[d * S + s];
	}
	for (let c = 0; c < C; c++) {
		channelTruth[c].spend = spend[c].reduce((a, b) => a + b, 0);
		channelTruth[c].roas = channelTruth[c].incRevenue / channelTruth[c].spend;
	}
	const events = scenario.events.map((event) => {
		const values = new Float64Array(weeks);
		for (let d = event.startDay; d <= Math.min(event.endDay, days - 1); d++) {
			values[Math.floor(d / 7)] = 1;
		}
		return { name: event.name, values };
	});
	const dataset: Dataset = {
		name: `${scenario.name} (simulated, seed ${seed})`,
		granularity: 'week',
		dates: Array.from({ length: weeks }, (_, w) => addDays(scenario.startDate, 7 * w)),
		kpi: { name: 'first-order revenue', kind: 'revenue', values: kpi },
		channels: scenario.channels.map((channel, c) => ({
			id: channel.id,
			name: channel.name,
			spend: spend[c],
			impressions: impressions[c]
		})),
		controls: [],
		events: events.filter((event) => event.values.some((x) => x > 0)),
		organic: [],
		source: { layout: 'mapped', fileName: 'simulated', rows: weeks }
	};
	return { dataset, truth: channelTruth, plan };
}
