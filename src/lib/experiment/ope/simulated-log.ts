/**
 * Decision logs exported from Marginal's own market, with the truth to check OPE against.
 *
 * The decision problem is creative choice: every step, each deciding channel puts its daily
 * budget (the scenario's historical split) behind one creative, aimed at one audience segment
 * drawn at random (the context, with weekday and season). The reward is the clicks that
 * creative got in that step. A stochastic logging policy (uniform or ε-greedy per channel ×
 * segment, whose choice probabilities are known exactly) makes the choices; the log records
 * the probability of each one.
 *
 * The truth comes from running the market, never from an estimator. The context draws and the
 * market's own streams do not depend on the choices (common random numbers), so running the
 * market once per creative ("always creative k") gives every row's potential outcomes: the
 * clicks each creative would have got in that row's step. A policy's true value on these rows
 * is then Σᵢ Σₐ π(a | xᵢ)·Yᵢ(a) / n, and `runTargetPolicy` checks it by running the policy.
 *
 * That holds only if a row's reward depends on its own context and action alone. Creative
 * wear-out (a creative shown more gets tired) and the funnel halo (upper-funnel creatives
 * change lower-funnel volume) break it; `carryover: 'remove'` (the default) switches both off
 * so the problem is a true contextual bandit, and `carryoverFree` reports whether the logged
 * rewards equal their potential outcomes.
 */
import { ArmMeans } from '../../policies/bandits/arm-means';
import { createAction, Market } from '../../sim/market';
import { createStream, type Rng } from '../../sim/random';
import type { Scenario } from '../../sim/scenario';
import type { BanditLog, DecisionRow, OpeParsed } from './log';
import { contextLayout, contextOf } from './simulated-context';
import { sampleAction } from './synthetic';
import { resolveTarget, type EvaluationPolicy } from './target';

/** The logging policy: uniform over the live creatives, or ε-greedy per channel × segment on mean clicks. */
export type LoggingPolicySpec = { kind: 'uniform' } | { kind: 'epsilon-greedy'; epsilon: number };

/** How to simulate the log. */
export interface SimulatedLogOptions {
	/** Market seed (default the scenario's). */
	seed?: number;
	/** Days simulated (default the scenario's horizon). */
	days?: number;
	/** Ids of the channels that choose creatives (default all). */
	channels?: readonly string[];
	/** Logging policy (default ε-greedy with ε = 0.3). */
	logging?: LoggingPolicySpec;
	/** 'remove' (default): no creative wear-out and no halo, so rows do not affect each other. */
	carryover?: 'remove' | 'keep';
}

/** A simulated decision log and its ground truth. */
export interface SimulatedDecisionLog {
	/** The log: context, creative slot, clicks, logging probability per decision. */
	log: BanditLog;
	/** Day, channel and segment (scenario indices) of each row [n]. */
	day: Int32Array;
	channel: Int32Array;
	segment: Int32Array;
	/** 1 where creative slot a is live on row i's channel [n·K]. */
	available: Uint8Array;
	/** Clicks creative a would have got on row i under the same market draws [n·K] (NaN if not live). */
	potentialOutcomes: Float64Array;
	/** Whether every logged reward equals its potential outcome (no carry-over between rows). */
	carryoverFree: boolean;
	/** The scenario the market ran (carry-over switched off when asked). */
	scenario: Scenario;
}

/** Picks a creative for a decision and learns from its clicks. */
interface Chooser {
	choose(row: number, context: number[], c: number, s: number, live: number[]): [number, number];
	learn?(c: number, s: number, action: number, reward: number): void;
}

/** The scenario with creative wear-out and the funnel halo switched off. */
export function withoutCarryover(scenario: Scenario): Scenario {
	return {
		...scenario,
		channels: scenario.channels.map((channel) => ({
			...channel,
			haloStrength: 0,
			creatives: channel.creatives.map((creative) => ({ ...creative, fatigueRate: 0 }))
		}))
	};
}

function setup(scenario: Scenario, options: SimulatedLogOptions) {
	const market = options.carryover === 'keep' ? scenario : withoutCarryover(scenario);
	const ids = options.channels ?? scenario.channels.map((c) => c.id);
	const channels = ids.map((id) => {
		const c = scenario.channels.findIndex((channel) => channel.id === id);
		if (c < 0) throw new RangeError(`No channel "${id}" in the scenario.`);
		return c;
	});
	const days = options.days ?? scenario.days;
	if (!Number.isInteger(days) || days < 1 || days > scenario.days) {
		throw new RangeError(`days must be a whole number from 1 to ${scenario.days}, got ${days}.`);
	}
	return { market, channels, days, seed: options.seed ?? scenario.seed };
}

/** Run the decision problem once with `chooser`; rewards per row [n], and the rows. */
function simulate(scenario: Scenario, options: SimulatedLogOptions, chooser: Chooser) {
	const { market: scen, channels, days, seed } = setup(scenario, options);
	const market = new Market(scen, seed, days);
	const p = market.params;
	const { C, K, S } = p;
	const SP = p.stepsPerDay;
	const layout = contextLayout(scen, channels);
	const contextRng = createStream(seed, 10);
	const action = createAction(p);
	const clicks = market.trace.observables.clicks;
	const live = channels.map((c) =>
		Array.from({ length: K }, (_, k) => k).filter((k) => p.creativeActive[c * K + k])
	);
	const reachable = channels.map((c) =>
		Array.from({ length: S }, (_, s) => s).filter((s) => p.opportunities[c * S + s] > 0)
	);
	const rows: DecisionRow[] = [];
	const day: number[] = [];
	const channel: number[] = [];
	const segment: number[] = [];
	const chosen = new Int32Array(channels.length);
	for (let step = 0; step < days * SP; step++) {
		const d = Math.floor(step / SP);
		action.spend.fill(0);
		for (let j = 0; j < channels.length; j++) {
			const c = channels[j];
			// One uniform per decision whatever happens, so every run sees the same contexts.
			const u = contextRng.next();
			const segments = reachable[j].length > 0 ? reachable[j] : [0];
			const s = segments[Math.floor(u * segments.length)];
			for (let t = 0; t < S; t++) action.segmentTilt[c * S + t] = t === s ? 1 : 0;
			const context = contextOf(layout, c, s, d);
			const [k, propensity] = chooser.choose(rows.length, context, c, s, live[j]);
			chosen[j] = k;
			action.spend[c * K + k] = (scen.dailyBudget * p.historicalShare[c]) / SP;
			rows.push({ context, action: k, reward: -clicks[d * C * K + c * K + k], propensity });
			day.push(d);
			channel.push(c);
			segment.push(s);
		}
		market.step(action);
		for (let j = 0; j < channels.length; j++) {
			const row = rows[rows.length - channels.length + j];
			const c = channels[j];
			row.reward += clicks[d * C * K + c * K + chosen[j]];
			chooser.learn?.(c, segment[segment.length - channels.length + j], chosen[j], row.reward);
		}
	}
	const log: BanditLog = {
		actions: K,
		rows,
		featureNames: layout.names,
		actionNames: Array.from({ length: K }, (_, k) => `creative ${k + 1}`)
	};
	return { log, day, channel, segment, live, channels, scen, K };
}

function loggingChooser(spec: LoggingPolicySpec, K: number, S: number, rng: Rng): Chooser {
	if (spec.kind === 'uniform') {
		return {
			choose: (_row, _x, _c, _s, live) => [
				live[Math.floor(rng.next() * live.length)],
				1 / live.length
			]
		};
	}
	const epsilon = spec.epsilon;
	if (!(epsilon > 0 && epsilon <= 1))
		throw new RangeError(`epsilon must be in (0, 1], got ${epsilon}`);
	const means = new Map<number, ArmMeans>();
	const cell = (c: number, s: number): ArmMeans => {
		let arms = means.get(c * S + s);
		if (!arms) means.set(c * S + s, (arms = new ArmMeans(K)));
		return arms;
	};
	return {
		choose(_row, _x, c, s, live) {
			const arms = cell(c, s);
			let greedy = live[0];
			for (const k of live) {
				if (arms.counts[k] > 0 && (arms.counts[greedy] === 0 || arms.means[k] > arms.means[greedy]))
					greedy = k;
			}
			// One uniform: below ε it also picks the exploring creative, so draws stay in lock-step.
			const u = rng.next();
			const k = u < epsilon ? live[Math.floor((u / epsilon) * live.length)] : greedy;
			return [k, epsilon / live.length + (k === greedy ? 1 - epsilon : 0)];
		},
		learn: (c, s, k, reward) => cell(c, s).add(k, reward)
	};
}

/**
 * Simulate a logging policy choosing creatives on `scenario`'s market and export its decision
 * log, with every row's potential outcomes from one extra run per creative (same seed).
 */
export function exportDecisionLog(
	scenario: Scenario,
	options: SimulatedLogOptions = {}
): SimulatedDecisionLog {
	const seed = options.seed ?? scenario.seed;
	const spec = options.logging ?? { kind: 'epsilon-greedy', epsilon: 0.3 };
	const S = scenario.segments.length;
	const K0 = Math.max(...scenario.channels.map((c) => c.creatives.length));
	const logged = simulate(scenario, options, loggingChooser(spec, K0, S, createStream(seed, 11)));
	const { log, K } = logged;
	const n = log.rows.length;
	const available = new Uint8Array(n * K);
	const liveOf = new Map(logged.channels.map((c, j) => [c, logged.live[j]]));
	for (let i = 0; i < n; i++)
		for (const k of liveOf.get(logged.channel[i])!) available[i * K + k] = 1;
	const potentialOutcomes = new Float64Array(n * K).fill(NaN);
	for (let k = 0; k < K; k++) {
		const always = simulate(scenario, options, {
			choose: (_row, _x, _c, _s, live) => [live.includes(k) ? k : live[0], 1]
		});
		for (let i = 0; i < n; i++) {
			if (available[i * K + k]) potentialOutcomes[i * K + k] = always.log.rows[i].reward;
		}
	}
	let carryoverFree = true;
	for (let i = 0; i < n && carryoverFree; i++) {
		carryoverFree = log.rows[i].reward === potentialOutcomes[i * K + log.rows[i].action];
	}
	return {
		log,
		day: Int32Array.from(logged.day),
		channel: Int32Array.from(logged.channel),
		segment: Int32Array.from(logged.segment),
		available,
		potentialOutcomes,
		carryoverFree,
		scenario: logged.scen
	};
}

/**
 * The true value of a target policy on the simulated rows, mean clicks per decision:
 * Σᵢ Σₐ π(a | xᵢ)·Yᵢ(a) / n from the potential outcomes. A target that puts probability on a
 * creative that is not live on a row's channel is an error naming the row.
 */
export function trueValue(sim: SimulatedDecisionLog, target: EvaluationPolicy): OpeParsed<number> {
	const table = resolveTarget(sim.log, target);
	if (!table.ok) return table;
	const { probabilities, n, actions: K } = table.value;
	let value = 0;
	for (let i = 0; i < n; i++) {
		for (let a = 0; a < K; a++) {
			const pi = probabilities[i * K + a];
			if (pi === 0) continue;
			if (!sim.available[i * K + a]) {
				return {
					ok: false,
					errors: [
						{
							row: i,
							field: 'target',
							message: `Target row ${i} gives creative slot ${a} probability ${pi}, but it is not live on that channel.`
						}
					]
				};
			}
			value += (pi * sim.potentialOutcomes[i * K + a]) / n;
		}
	}
	return { ok: true, value };
}

/**
 * Run a target policy itself in the market (same seed, so the same contexts and market draws)
 * and return its realised mean clicks per decision, with its own choices drawn from stream
 * `targetStream` of the seed. A deterministic target's result equals `trueValue` exactly when
 * the log is carry-over free; a stochastic one's differs only by its own choice draws.
 */
export function runTargetPolicy(
	scenario: Scenario,
	options: SimulatedLogOptions,
	target: (context: readonly number[], row: number) => ArrayLike<number>,
	targetStream = 12
): { value: number; actions: Int32Array } {
	const rng = createStream(options.seed ?? scenario.seed, targetStream);
	const run = simulate(scenario, options, {
		choose: (row, x) => [sampleAction(target(x, row), rng.next()), 1]
	});
	const rows = run.log.rows;
	return {
		value: rows.reduce((sum, row) => sum + row.reward, 0) / rows.length,
		actions: Int32Array.from(rows, (row) => row.action)
	};
}
