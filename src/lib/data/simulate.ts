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
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario';
import type { Dataset } from './dataset';

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

const DAY_MS = 86_400_000;

function isoDate(startDate: string, day: number): string {
	return new Date(Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
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
		dates: Array.from({ length: weeks }, (_, w) => isoDate(scenario.startDate, 7 * w)),
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

/** Events placed on week boundaries (Mondays from 2026-01-05) and repeated each year. */
const recoveryEvents = [0, 1].flatMap((year) => [
	{
		name: `Spring sale ${year + 1}`,
		startDay: 98 + 364 * year,
		endDay: 104 + 364 * year,
		demandMultiplier: 1.3
	},
	{
		name: `Black Friday week ${year + 1}`,
		startDay: 322 + 364 * year,
		endDay: 328 + 364 * year,
		demandMultiplier: 1.5
	}
]);

type ChannelInput = ScenarioInput['channels'][number];

/** A recovery-test channel: one creative with mild wear-out, no halo, effect without lag. */
function recoveryChannel(
	channel: Omit<ChannelInput, 'creatives' | 'lastTouchWeight' | 'platformClaim' | 'ctr'>
): ChannelInput {
	return {
		ctr: 0.01,
		lastTouchWeight: 1,
		platformClaim: 0.5,
		...channel,
		creatives: [{ id: 'main', name: 'Main creative', fatigueRate: 0.02, recoveryRate: 0.1 }]
	};
}

/**
 * The scenario of the MMM recovery test, frozen here so presets can evolve: dtc-default's six
 * channels (their auctions, reach, Hill curves and daily carry-over) plus connected TV (long,
 * delayed carry-over) and affiliates; one segment (mainstream buyers); yearly season, trend
 * and two sale weeks a year on week boundaries; daily demand noise 5 % plus Poisson counts.
 *
 * What it leaves out, because a weekly MMM cannot represent it and the test is about the fit,
 * not about misspecification: conversion delays after saturation, funnel halo, CPMs that rise
 * with demand, and strong creative fatigue (see the report for how much those cost).
 */
export function recoveryScenario(): Scenario {
	const input: ScenarioInput = {
		version: 1,
		name: 'MMM recovery (8 channels, one segment)',
		description:
			'Eight channels derived from dtc-default, one segment, spend flighted week by week, to check that the MMM recovers every channel’s ROAS.',
		seed: 2024,
		days: 728,
		startDate: '2026-01-05',
		dailyBudget: 96_000,
		seasonality: {
			weekly: [1.02, 1.0, 0.98, 0.98, 1.0, 1.02, 1.0],
			yearlyAmplitude: 0.15,
			yearlyPeakDay: 330,
			trendPerYear: 0.08,
			cpmElasticity: 0
		},
		events: recoveryEvents,
		noise: { demandSd: 0.03 },
		halo: { decay: 0.8 },
		segments: [
			{
				id: 'mainstream',
				name: 'Mainstream buyers',
				population: 24_000_000,
				baselineConversions: 1040,
				propensity: 1,
				orderValue: 62,
				margin: 0.42,
				repeatOrdersPerMonth: 0.35,
				retention: { alpha: 1, beta: 4 }
			}
		],
		channels: [
			recoveryChannel({
				id: 'brand-search',
				name: 'Brand search',
				stage: 'lower',
				historicalShare: 0.08,
				auction: { medianCpm: 45, spread: 0.5 },
				impressionsPerUser: 0.08,
				reach: [0.4],
				maxConversionRate: 2e-5,
				hill: { halfSaturation: 0.03, slope: 1.0 },
				adstock: { decay: 0.1 }
			}),
			recoveryChannel({
				id: 'nonbrand-search',
				name: 'Non-brand search',
				stage: 'mid',
				historicalShare: 0.18,
				auction: { medianCpm: 60, spread: 0.6 },
				impressionsPerUser: 0.12,
				reach: [0.45],
				maxConversionRate: 1e-4,
				hill: { halfSaturation: 0.05, slope: 1.1 },
				adstock: { decay: 0.15 }
			}),
			recoveryChannel({
				id: 'social-prospecting',
				name: 'Social prospecting',
				stage: 'upper',
				historicalShare: 0.18,
				auction: { medianCpm: 9, spread: 0.7 },
				impressionsPerUser: 2.5,
				reach: [0.7],
				maxConversionRate: 8e-5,
				hill: { halfSaturation: 0.35, slope: 1.2 },
				adstock: { decay: 0.45 }
			}),
			recoveryChannel({
				id: 'social-retargeting',
				name: 'Social retargeting',
				stage: 'lower',
				historicalShare: 0.08,
				auction: { medianCpm: 14, spread: 0.5 },
				impressionsPerUser: 4,
				reach: [0.06],
				maxConversionRate: 2.5e-4,
				hill: { halfSaturation: 0.6, slope: 1.0 },
				adstock: { decay: 0.2 }
			}),
			recoveryChannel({
				id: 'online-video',
				name: 'Online video',
				stage: 'upper',
				historicalShare: 0.14,
				auction: { medianCpm: 18, spread: 0.6 },
				impressionsPerUser: 1.2,
				reach: [0.6],
				maxConversionRate: 6e-5,
				hill: { halfSaturation: 0.25, slope: 1.3 },
				adstock: { decay: 0.65, delayStages: 1 }
			}),
			recoveryChannel({
				id: 'connected-tv',
				name: 'Connected TV',
				stage: 'upper',
				historicalShare: 0.12,
				auction: { medianCpm: 28, spread: 0.5 },
				impressionsPerUser: 1.0,
				reach: [0.7],
				maxConversionRate: 6e-5,
				hill: { halfSaturation: 0.3, slope: 1.3 },
				adstock: { decay: 0.75, delayStages: 1 }
			}),
			recoveryChannel({
				id: 'display',
				name: 'Display',
				stage: 'upper',
				historicalShare: 0.12,
				auction: { medianCpm: 3, spread: 0.8 },
				impressionsPerUser: 4,
				reach: [0.6],
				maxConversionRate: 2e-5,
				hill: { halfSaturation: 1.2, slope: 1.0 },
				adstock: { decay: 0.3 }
			}),
			recoveryChannel({
				id: 'affiliates',
				name: 'Affiliates',
				stage: 'mid',
				historicalShare: 0.1,
				auction: { medianCpm: 22, spread: 0.5 },
				impressionsPerUser: 0.4,
				reach: [0.35],
				maxConversionRate: 5e-5,
				hill: { halfSaturation: 0.08, slope: 1.0 },
				adstock: { decay: 0.2 }
			})
		]
	};
	const parsed = parseScenario(input);
	if (!parsed.ok) throw new Error(`recoveryScenario is invalid: ${JSON.stringify(parsed.errors)}`);
	return parsed.value;
}
