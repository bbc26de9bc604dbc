/**
 * Property tests: whatever a policy asks — negative, NaN, infinite or huge budgets, random bid
 * caps, creative operations and targeting weights, at any cadence — on random markets and random
 * guardrail configs, the market's own record never shows a guardrail broken. The checks read the
 * trace (what was actually paid and shown) and the market's parameters (audiences, CPM factors)
 * as ground facts, and the decision log for the rules that bound what was offered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPolicy, type PolicyRun } from '../experiment/runner';
import type { Cadence, Decision, Policy, PolicyView } from '../policies/policy';
import { presets } from '../sim/presets';
import { createStream, type Rng } from '../sim/random';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario';
import { WINDOW_DAYS } from './pacing';
import { parseGuardrails } from './schema';
import type { GuardrailConfig } from './types';

const RUNS = 300;
/** Relative tolerance for sums of floats. */
const EPS = 1e-9;

// ---- random markets ----------------------------------------------------------------------------

interface MarketCase {
	preset: string;
	seed: number;
	pilotDays: number;
	historyDays: number;
	budgetFactor: number;
	slotsPerDay: number;
	intraday: boolean;
	slotSeed: number;
}

const marketCase: fc.Arbitrary<MarketCase> = fc.record({
	preset: fc.constantFrom(...Object.keys(presets)),
	seed: fc.integer({ min: 0, max: 1_000_000 }),
	pilotDays: fc.integer({ min: 10, max: 40 }),
	historyDays: fc.integer({ min: 0, max: 35 }),
	budgetFactor: fc.double({ min: 0.1, max: 4, noNaN: true }),
	slotsPerDay: fc.constantFrom(1, 1, 2, 4),
	intraday: fc.boolean(),
	slotSeed: fc.integer({ min: 0, max: 1000 })
});

/**
 * The scenario of a case. With several slots a day, halo is switched off: halo changes a
 * channel's audience from slot to slot, and the daily record cannot recover per-slot audiences
 * to check the frequency cap exactly (with one slot it can, from the ground truth).
 */
function scenarioOf(m: MarketCase): Scenario {
	const input = structuredClone(presets[m.preset]) as ScenarioInput & Record<string, unknown>;
	input.seed = m.seed;
	input.days = m.pilotDays;
	input.dailyBudget = (input.dailyBudget as number) * m.budgetFactor;
	input.history = { days: m.historyDays, flighting: 0.3 };
	input.slotsPerDay = m.slotsPerDay;
	if (m.slotsPerDay > 1) {
		for (const channel of input.channels) {
			channel.haloStrength = 0;
			channel.haloReceptivity = 0;
		}
		if (m.intraday) {
			const rng = createStream(m.slotSeed, 3);
			input.intraday = {
				inventoryShare: Array.from({ length: m.slotsPerDay }, () => 0.5 + rng.next()),
				cpmIndex: Array.from({ length: m.slotsPerDay }, () => 0.7 + 0.7 * rng.next())
			};
		}
	}
	const parsed = parseScenario(input);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
}

// ---- random guardrails (as JSON would bring them: null = no limit) -----------------------------

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });

function guardrailInput(channelIds: string[], budget: number) {
	const range = fc
		.record({
			min: fc.double({ min: 0, max: 0.6, noNaN: true }),
			width: maybe(fc.double({ min: 0, max: 1.5, noNaN: true }))
		})
		.map(({ min, width }) => ({
			min: min * budget,
			max: width === null ? null : (min + width) * budget
		}));
	return fc.record({
		channelRange: fc.dictionary(fc.constantFrom(...channelIds), range, {
			maxKeys: channelIds.length
		}),
		maxShiftPct: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
		maxBidCpm: maybe(fc.double({ min: 0.5, max: 80, noNaN: true })),
		frequencyCapPerDay: maybe(fc.double({ min: 0.02, max: 5, noNaN: true })),
		frequencyCapPerWeek: maybe(fc.double({ min: 0.05, max: 20, noNaN: true })),
		pacing: fc.constantFrom('even', 'front-loaded'),
		maxDailyOverdelivery: fc.double({ min: 1, max: 2.5, noNaN: true }),
		suppressExistingCustomers: fc.boolean(),
		excludeBrandUnsafe: fc.boolean(),
		minExplorationShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.4, noNaN: true })),
		protectionThreshold: maybe(
			fc.double({ min: 0.005, max: 2, noNaN: true }).map((x) => x * budget)
		)
	});
}

// ---- a hostile policy --------------------------------------------------------------------------

interface PolicyCase {
	seed: number;
	cadence: Cadence;
	/** Probability that a value is garbage (negative, NaN, Infinity, huge). */
	garbage: number;
	/** Put the whole budget (or more) on one random channel at each decision. */
	allIn: boolean;
	bids: boolean;
	ops: boolean;
	tilts: boolean;
}

const policyCase: fc.Arbitrary<PolicyCase> = fc.record({
	seed: fc.integer({ min: 0, max: 1_000_000 }),
	cadence: fc.constantFrom<Cadence>('slot', 'day', 'week', 'month'),
	garbage: fc.constantFrom(0, 0.05, 0.3),
	allIn: fc.boolean(),
	bids: fc.boolean(),
	ops: fc.boolean(),
	tilts: fc.boolean()
});

const GARBAGE = [-1, -1e9, NaN, Infinity, -Infinity, 1e12, 1e300];

function pick(rng: Rng, values: readonly number[]): number {
	return values[Math.floor(rng.next() * values.length)];
}

function hostilePolicy(p: PolicyCase): Policy<null> {
	const rng = createStream(p.seed, 9);
	const value = (scale: number) =>
		rng.next() < p.garbage ? pick(rng, GARBAGE) : rng.next() < 0.2 ? 0 : scale * 2 * rng.next();
	return {
		id: 'hostile',
		name: 'Hostile',
		cadence: p.cadence,
		observe() {},
		decide(view: PolicyView): Decision {
			const { C, K, S } = view.layout;
			const decision: Decision = {
				spend: Float64Array.from({ length: C * K }, () => value(view.dailyBudget / C)),
				marginalReturn: new Float64Array(C).fill(NaN),
				uncertainty: new Float64Array(C).fill(NaN),
				reasons: Array.from({ length: C }, () => [])
			};
			if (p.allIn) {
				// Swing everything between channels from one decision to the next.
				decision.spend.fill(0);
				const c = Math.floor(rng.next() * C);
				for (let k = 0; k < K; k++)
					decision.spend[c * K + k] = (view.dailyBudget * 3 * rng.next()) / K;
			}
			if (p.bids) decision.bidCap = Float64Array.from({ length: C }, () => value(40));
			if (p.ops)
				decision.creativeOps = Uint8Array.from({ length: C * K }, () =>
					rng.next() < 0.15 ? Math.floor(rng.next() * 6) : 0
				);
			if (p.tilts) decision.segmentTilt = Float64Array.from({ length: C * S }, () => value(1));
			return decision;
		},
		getState: () => null,
		setState() {}
	};
}

// ---- the checks --------------------------------------------------------------------------------

/** Every guardrail, checked on the record of one run. Throws with the first violation. */
function checkRun(run: PolicyRun, scenario: Scenario, g: GuardrailConfig): void {
	const { trace, market, log } = run;
	const p = market.params;
	const { C, K, S } = p;
	const H = run.historyDays;
	const B = scenario.dailyBudget;
	const total = B * g.maxDailyOverdelivery;
	const obs = trace.observables;
	const width = C * K * S;
	const fail = (what: string) => {
		throw new Error(what);
	};
	const maxOf = (id: string) => g.channelRange[id]?.max ?? Infinity;
	const minOf = (id: string) => g.channelRange[id]?.min ?? 0;

	// No negative or NaN spend anywhere, history included.
	for (const series of [obs.spend, obs.impressions]) {
		for (let i = 0; i < trace.daysDone * width; i++) {
			if (!(series[i] >= 0) || !Number.isFinite(series[i])) fail(`bad value ${series[i]} at ${i}`);
		}
	}

	const daySpend = new Float64Array(trace.daysDone);
	const channelSpend = new Float64Array(trace.daysDone * C);
	for (let d = 0; d < trace.daysDone; d++) {
		for (let c = 0; c < C; c++) {
			let sum = 0;
			for (let i = 0; i < K * S; i++) sum += obs.spend[d * width + c * K * S + i];
			channelSpend[d * C + c] = sum;
			daySpend[d] += sum;
		}
	}
	const slotCpmMax = Math.max(...p.slotCpm);
	const since = { creative: new Float64Array(C * K), channel: new Float64Array(C) };
	const threshold = g.protectionThreshold;

	for (let d = H; d < H + run.days; d++) {
		// Total: a day ≤ overdelivery × budget; every 30-day window ≤ 30 × budget.
		if (daySpend[d] > total * (1 + EPS)) fail(`day ${d} spent ${daySpend[d]} > ${total}`);
		let window = 0;
		for (let e = Math.max(H, d - WINDOW_DAYS + 1); e <= d; e++) window += daySpend[e];
		if (window > WINDOW_DAYS * B * (1 + EPS)) fail(`window to day ${d}: ${window} > ${30 * B}`);

		for (let c = 0; c < C; c++) {
			const id = scenario.channels[c].id;
			// Channel maximum, on what was actually paid.
			if (channelSpend[d * C + c] > maxOf(id) * (1 + EPS) + EPS)
				fail(`day ${d} ${id} spent ${channelSpend[d * C + c]} > max ${maxOf(id)}`);
			// Brand safety: nothing on unsafe inventory when excluded.
			if (g.excludeBrandUnsafe && obs.unsafeImpressions[d * C + c] !== 0)
				fail(`day ${d} ${id}: unsafe impressions ${obs.unsafeImpressions[d * C + c]}`);

			for (let s = 0; s < S; s++) {
				let impressions = 0;
				let paid = 0;
				for (let k = 0; k < K; k++) {
					impressions += obs.impressions[d * width + (c * K + k) * S + s];
					paid += obs.spend[d * width + (c * K + k) * S + s];
				}
				// Bids: average paid CPM ≤ the cap, in the market's CPM units (see report: the market
				// compares bids with unseasoned competitor bids, then prices the season in).
				if (g.maxBidCpm !== Infinity && impressions > 1) {
					const factor = slotCpmMax * p.cpmSeason[d] * p.cpmIndex[s];
					const cpm = (1000 * paid) / impressions;
					if (cpm > g.maxBidCpm * Math.max(1, factor) * 1.02)
						fail(`day ${d} ${id}/${s}: CPM ${cpm} > cap ${g.maxBidCpm} × ${factor}`);
				}
				// Frequency: impressions per audience member per day ≤ the daily cap and what the
				// trailing 6 days left of the weekly cap.
				const f = impressions / audienceOn(run, d, c, s, g);
				if (f > g.frequencyCapPerDay * (1 + 1e-6) + 1e-12)
					fail(`day ${d} ${id}/${s}: frequency ${f} > daily cap ${g.frequencyCapPerDay}`);
				if (g.frequencyCapPerWeek !== Infinity) {
					let seen = 0;
					for (let e = Math.max(0, d - 6); e < d; e++) {
						let shown = 0;
						for (let k = 0; k < K; k++) shown += obs.impressions[e * width + (c * K + k) * S + s];
						seen += shown / audienceOn(run, e, c, s, g);
					}
					const left = Math.max(0, g.frequencyCapPerWeek - seen);
					if (f > left * (1 + 1e-6) + 1e-9)
						fail(`day ${d} ${id}/${s}: frequency ${f} > weekly cap left ${left}`);
				}
			}
		}

		// Budget protection: no spend past the threshold since the last reported conversion.
		if (threshold !== Infinity) {
			for (let c = 0; c < C; c++) {
				let channelConversions = 0;
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					let spend = 0;
					for (let s = 0; s < S; s++) spend += obs.spend[d * width + ck * S + s];
					const conversions = obs.platformConversions[d * C * K + ck];
					channelConversions += conversions;
					if (conversions === 0 && since.creative[ck] + spend > threshold * (1 + EPS))
						fail(`day ${d} creative ${ck}: ${since.creative[ck] + spend} since a conversion`);
					since.creative[ck] = conversions > 0 ? 0 : since.creative[ck] + spend;
				}
				const spend = channelSpend[d * C + c];
				if (channelConversions === 0 && since.channel[c] + spend > threshold * (1 + EPS))
					fail(`day ${d} channel ${c}: ${since.channel[c] + spend} since a conversion`);
				since.channel[c] = channelConversions > 0 ? 0 : since.channel[c] + spend;
			}
		}
	}

	// What each decision allowed (the log): ranges, floors, shift, total.
	const ids = scenario.channels.map((ch) => ch.id);
	const explore = g.minExplorationShare * B;
	const floors = ids.map((id) =>
		Math.min(Math.max(minOf(id), explore), Math.min(maxOf(id), total))
	);
	const floorSum = floors.reduce((a, b) => a + b, 0);
	const floorScale = floorSum > B ? B / floorSum : 1;
	for (let i = 0; i < log.length; i++) {
		let sum = 0;
		for (let c = 0; c < C; c++) {
			const x = log.newSpend[i * C + c];
			const prev = log.previousSpend[i * C + c];
			sum += x;
			if (!(x >= 0)) fail(`decision ${i} channel ${c}: ${x}`);
			if (x > maxOf(ids[c]) * (1 + EPS) + EPS) fail(`decision ${i} ${ids[c]}: ${x} > max`);
			const off = log.clips.some(
				(clip) =>
					clip.day === log.day[i] &&
					clip.channel === c &&
					clip.creative === -1 &&
					(clip.rule === 'inactive-creative' || clip.rule === 'budget-protection')
			);
			const floor = floors[c] * floorScale;
			if (x < floor * (1 - 1e-6) - EPS && !(off && x === 0))
				fail(`decision ${i} ${ids[c]}: ${x} below its floor ${floor}`);
			if (i > 0 && g.maxShiftPct !== Infinity) {
				const delta = (g.maxShiftPct / 100) * Math.max(prev, B / C);
				const slack = 1e-6 * (delta + prev) + EPS;
				if (x > prev + delta + slack && x > floors[c] * (1 + 1e-6) + EPS)
					fail(`decision ${i} ${ids[c]}: ${prev} → ${x} moves more than ${delta}`);
				if (x < prev - delta - slack && !(off && x === 0)) {
					let after = 0;
					for (let j = 0; j < C; j++) after += log.newSpend[i * C + j];
					if (after < total * (1 - 1e-6))
						fail(`decision ${i} ${ids[c]}: ${prev} → ${x} moves more than ${delta}`);
				}
			}
		}
		if (sum > total * (1 + EPS)) fail(`decision ${i} allows ${sum} > ${total}`);
		// Every change to what the policy asked is accounted for by a clip.
		for (let c = 0; c < C; c++) {
			const asked = log.askedSpend[i * C + c];
			const changed = !(Math.abs(log.newSpend[i * C + c] - asked) <= 1e-9 * total);
			if (changed && !log.clips.some((clip) => clip.day === log.day[i] && clip.channel === c))
				fail(`decision ${i} channel ${c}: ${asked} → ${log.newSpend[i * C + c]} without a clip`);
		}
	}
}

/**
 * A channel's true audience for a segment on a day (reachable users, after suppression and the
 * halo's volume lift) — from the market's parameters and, for the halo, the ground truth.
 */
function audienceOn(run: PolicyRun, d: number, c: number, s: number, g: GuardrailConfig): number {
	const p = run.market.params;
	const { C, S } = p;
	const pilot = d >= run.historyDays;
	const keep = pilot && g.suppressExistingCustomers ? 1 - p.existingShare[c] : 1;
	let volume = 1;
	if (p.haloReceptivity[c] > 0 && d > 0 && p.baselinePerDay[s] > 0) {
		// One step a day: the halo flow lifting day d is the halo conversions of day d − 1.
		let flow = 0;
		for (let j = 0; j < C; j++)
			flow += run.trace.truth.haloConversions[(d - 1) * C * S + j * S + s];
		volume = 1 + (p.haloReceptivity[c] * flow) / p.baselinePerDay[s];
	}
	return p.audience[c * S + s] * volume * keep;
}

describe('guardrails hold whatever the policy asks', () => {
	it('never lets the market record break a rule (random markets, configs and policies)', () => {
		fc.assert(
			fc.property(
				marketCase.chain((m) => {
					const scenario = scenarioOf(m);
					const ids = scenario.channels.map((c) => c.id);
					return fc.tuple(
						fc.constant(scenario),
						guardrailInput(ids, scenario.dailyBudget),
						policyCase
					);
				}),
				([scenario, input, pc]) => {
					const parsed = parseGuardrails(input, { channelIds: scenario.channels.map((c) => c.id) });
					if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
					const run = runPolicy(scenario, hostilePolicy(pc), {
						seed: scenario.seed,
						objective: 'conversions',
						guardrails: parsed.value
					});
					expect(run.days).toBe(scenario.days);
					checkRun(run, scenario, parsed.value);
				}
			),
			{ numRuns: RUNS }
		);
	});
});
