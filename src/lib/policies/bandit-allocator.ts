/**
 * The budget allocator every bandit policy shares; each kind plugs in a `ChannelLearner`.
 *
 * Arms are channels. Each morning the allocator learns from the completed days: a channel's
 * reward for a day is the value per dollar the chosen attribution signal credits it with
 * (last click or platform claims, on the objective), weighted by how much it spent — a day at
 * an even share of the budget counts as one observation. Rewards are divided by a ceiling,
 * four times the portfolio's value per dollar over the days known when learning starts, so
 * every learner sees numbers of order 0–1 and default priors make sense.
 *
 * It learns from every completed day, the market's business-as-usual history before the pilot
 * included (a bandit tool is warm-started from the account's past). Only while fewer than
 * `warmupDays` days are known does it split evenly and wait; the ceiling is then fixed from all
 * days known.
 *
 * Then it splits the day's budget: every channel keeps an exploration floor (`explorationShare`
 * spread evenly) and the rest is cut into `chunks` equal slices that the learner hands out —
 * Thompson samplers each slice to the argmax of a fresh posterior draw (probability matching),
 * UCB to the highest bound, ε-greedy to the best mean or at random. A channel that could not
 * spend yesterday's budget is capped near what it did spend (budget-fit.ts), and within each
 * channel creatives are split by CTR Thompson sampling (creative-split.ts).
 *
 * What it cannot know: value per dollar is an average, not the marginal return of the next
 * dollar, and the attribution signal is not incrementality — a bandit reading last click
 * chases the channels last click flatters. That is the point of piloting it against BAU.
 */
import * as v from 'valibot';
import { createStream, hashString, streamFromState, type Rng } from '../sim/random';
import { between, int } from './bandits/schema';
import {
	createDayEvidence,
	createLearnerDay,
	readDay,
	SignalSchema,
	toLearnerDay,
	valuePerDollar,
	type DayEvidence,
	type LearnerDay
} from './bandit-evidence';
import { capToCapacity, clampToBudget, moveUnplaced, updateCapacity } from './budget-fit';
import { CreativeSplit, creativeSplitEntries, type CreativeSplitState } from './creative-split';
import { channelCellTotal } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';

/** Config fields every bandit allocator shares (the bandit's own fields come beside them). */
export const allocatorEntries = {
	/** Attribution signal the rewards are read from (default 'last-click'). */
	signal: v.optional(SignalSchema, 'last-click'),
	/** Share of the daily budget spread evenly over all channels whatever the learner says, 0–1 (default 0.1). */
	explorationShare: v.optional(between(0, 1), 0.1),
	/**
	 * Days of data needed before the learner takes over, 1–365 (default 7: a full week of
	 * weekdays). Counted from the first day of history: with enough history there is no even split.
	 */
	warmupDays: v.optional(int(1, 365), 7),
	/** Slices the rest of the budget is handed out in, 1–1,000 (default 20: 5 % steps — finer steps change little and cost a posterior draw per channel each). */
	chunks: v.optional(int(1, 1000), 20),
	/** Seed of the policy's own random stream, 0–4,294,967,295 (default 0). */
	seed: v.optional(int(0, 0xffffffff), 0),
	...creativeSplitEntries
};

/** The shared allocator options, validated. */
export type AllocatorOptions = {
	[K in keyof typeof allocatorEntries]: v.InferOutput<(typeof allocatorEntries)[K]>;
};

/** Rewards are divided by this multiple of the portfolio's value per dollar when learning starts. */
const CEILING_MULTIPLE = 4;

/** What the learner may use when it splits a day's budget. */
export interface AllocationContext {
	/** What the policy may see today. */
	view: PolicyView;
	/** Weight one chunk adds to a channel (same units as `LearnerDay.weight`). */
	chunkWeight: number;
}

/** The algorithm-specific part of a bandit allocator. */
export interface ChannelLearner<S> {
	/** Learn one completed day. */
	learn(day: LearnerDay): void;
	/** Hand out `chunks` slices: write how many each channel gets into `counts` [C]. */
	allocate(context: AllocationContext, rng: Rng, chunks: number, counts: Float64Array): void;
	/** Estimated reward per channel and its standard deviation, learner units (NaN if none) [C]. */
	estimate(context: AllocationContext, mean: Float64Array, sd: Float64Array): void;
	/**
	 * Optional targeting weights per channel × segment [C·S], asked before `allocate` (which may
	 * account for the shifted audience mix); return false to leave the platforms' default.
	 */
	tilt?(context: AllocationContext, out: Float64Array): boolean;
	/** The learned state as plain data (JSON-safe). */
	getState(): S;
	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: S): void;
}

/** Plain-data state of a bandit allocator. */
export interface BanditAllocatorState<S> {
	/** Days learned by the channel learner (it waits for the warm-up to end). */
	learnedDays: number;
	/** Days learned by the creative split. */
	creativeDays: number;
	/** Reward ceiling, value per dollar (null during the warm-up). */
	ceiling: number | null;
	/** The policy's random stream. */
	rng: number[];
	/** The learner's state (null before the policy has seen a market). */
	learner: S | null;
	/** The creative split's state (null before the policy has seen a market). */
	creatives: CreativeSplitState | null;
	/** Budget per channel asked at the last decision, currency/day [C] (null before the first). */
	asked: number[] | null;
	/** Day of that decision. */
	askedDay: number;
	/** What each channel can be expected to spend, currency/day [C] (null: no limit seen). */
	capacity: (number | null)[] | null;
}

/** Build a bandit allocator policy from its identity, shared options and learner. */
export function createBanditAllocator<S>(
	identity: { id: string; name: string },
	options: AllocatorOptions,
	makeLearner: (view: PolicyView) => ChannelLearner<S>
): Policy<BanditAllocatorState<S>> {
	let learner: ChannelLearner<S> | null = null;
	let creatives: CreativeSplit | null = null;
	let evidence: DayEvidence | null = null;
	let day: LearnerDay | null = null;
	let pending: BanditAllocatorState<S> | null = null;
	let learnedDays = 0;
	let creativeDays = 0;
	let ceiling: number | null = null;
	let asked: Float64Array | null = null;
	let askedDay = -1;
	let capacity: Float64Array | null = null;
	// Policy streams are keyed by policy id so they never coincide with the market's streams.
	let rng = createStream((options.seed ^ hashString(identity.id)) >>> 0);

	/** Build the parts that need the layout, restoring a state set before the first view. */
	function ready(view: PolicyView): { learner: ChannelLearner<S>; creatives: CreativeSplit } {
		if (!learner || !creatives) {
			learner = makeLearner(view);
			creatives = new CreativeSplit(view.layout, options);
			evidence = createDayEvidence(view.layout);
			day = createLearnerDay(view.layout);
			if (pending?.learner && pending.creatives) {
				learner.setState(pending.learner);
				creatives.setState(pending.creatives);
			}
			pending = null;
		}
		return { learner, creatives };
	}

	return {
		id: identity.id,
		name: identity.name,
		cadence: 'day',
		observe(view) {
			const parts = ready(view);
			if (ceiling === null && view.day >= options.warmupDays)
				ceiling = CEILING_MULTIPLE * valuePerDollar(view, options.signal, view.day);
			if (ceiling !== null && learnedDays === creativeDays) {
				// Both learners are at the same day (always, after the warm-up): read each day once.
				for (; learnedDays < view.day; learnedDays++) {
					readDay(view, learnedDays, options.signal, evidence!);
					parts.creatives.learn(evidence!);
					parts.learner.learn(toLearnerDay(view, evidence!, ceiling, day!));
				}
				creativeDays = learnedDays;
				return;
			}
			for (; creativeDays < view.day; creativeDays++) {
				parts.creatives.learn(readDay(view, creativeDays, options.signal, evidence!));
			}
			if (ceiling === null) {
				if (view.day < options.warmupDays) return;
				ceiling = CEILING_MULTIPLE * valuePerDollar(view, options.signal, view.day);
			}
			for (; learnedDays < view.day; learnedDays++) {
				readDay(view, learnedDays, options.signal, evidence!);
				parts.learner.learn(toLearnerDay(view, evidence!, ceiling, day!));
			}
		},
		decide(view): Decision {
			const parts = ready(view);
			const { C, K, S } = view.layout;
			const budget = Math.max(0, view.dailyBudget);
			const decision = emptyDecision(view.layout);
			const channelBudget = new Float64Array(C);
			const context: AllocationContext = { view, chunkWeight: 0 };
			if (ceiling === null) {
				channelBudget.fill(budget / C);
				for (let c = 0; c < C; c++) decision.reasons[c].push('explore');
			} else {
				const floor = (options.explorationShare * budget) / C;
				const rest = budget - floor * C;
				context.chunkWeight = budget > 0 ? rest / options.chunks / (budget / C) : 0;
				const tilt = new Float64Array(C * S);
				if (parts.learner.tilt?.(context, tilt)) decision.segmentTilt = tilt;
				const counts = new Float64Array(C);
				parts.learner.allocate(context, rng, options.chunks, counts);
				parts.learner.estimate(context, decision.marginalReturn, decision.uncertainty);
				let best = -1;
				for (let c = 0; c < C; c++) {
					channelBudget[c] = floor + (rest * counts[c]) / options.chunks;
					if (best < 0 || decision.marginalReturn[c] > decision.marginalReturn[best]) best = c;
				}
				for (let c = 0; c < C; c++) {
					decision.marginalReturn[c] *= ceiling;
					decision.uncertainty[c] *= ceiling;
					decision.reasons[c].push(c === best && counts[c] > 0 ? 'exploit' : 'explore');
				}
			}
			// A channel that could not spend its budget is capped near what it can spend.
			capacity ??= new Float64Array(C).fill(Infinity);
			if (asked && askedDay === view.day - 1) {
				const spent = channelCellTotal(view, 'spend', view.day - 1);
				updateCapacity(capacity, asked, spent, (0.05 * budget) / C);
			}
			capToCapacity(channelBudget, capacity, decision.reasons);
			const placed = parts.creatives.split(
				channelBudget,
				view.creativeActive,
				rng,
				options.chunks,
				decision.spend
			);
			moveUnplaced(channelBudget, placed, decision.spend, K);
			for (let c = 0; c < C; c++) {
				if (parts.creatives.channelFatigued(c, view.creativeActive))
					decision.reasons[c].push('fatigue');
			}
			clampToBudget(decision.spend, budget);
			asked = new Float64Array(C);
			for (let ck = 0; ck < C * K; ck++) asked[Math.floor(ck / K)] += decision.spend[ck];
			askedDay = view.day;
			return decision;
		},
		getState: () => ({
			learnedDays,
			creativeDays,
			ceiling,
			rng: rng.state(),
			learner: learner ? learner.getState() : (pending?.learner ?? null),
			creatives: creatives ? creatives.getState() : (pending?.creatives ?? null),
			asked: asked ? Array.from(asked) : null,
			askedDay,
			// JSON has no Infinity: an unlimited channel is saved as null.
			capacity: capacity ? Array.from(capacity, (x) => (Number.isFinite(x) ? x : null)) : null
		}),
		setState(state) {
			learnedDays = state.learnedDays;
			creativeDays = state.creativeDays;
			ceiling = state.ceiling;
			rng = streamFromState(state.rng);
			asked = state.asked ? Float64Array.from(state.asked) : null;
			askedDay = state.askedDay;
			capacity = state.capacity ? Float64Array.from(state.capacity, (x) => x ?? Infinity) : null;
			if (learner && creatives && state.learner && state.creatives) {
				learner.setState(state.learner);
				creatives.setState(state.creatives);
			} else {
				// Not started yet, or restoring a state saved before it started: build on first view.
				learner = null;
				creatives = null;
				pending = state;
			}
		}
	};
}
