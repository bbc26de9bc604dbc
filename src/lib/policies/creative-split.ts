/**
 * How a bandit allocator splits a channel's budget over its live creatives: Beta–Bernoulli
 * Thompson sampling on each creative's click-through rate, discounted day by day so wear-out
 * shows (creative fatigue lowers CTR; see sim/fatigue.ts). Every live creative keeps a floor
 * share (the rest goes in chunks, each to the argmax of a fresh CTR draw), so a resting
 * creative is still measured and its recovery seen. A creative whose CTR estimate has fallen a
 * given share below its own best is flagged as fatigued.
 */
import * as v from 'valibot';
import type { Rng } from '../sim/random';
import { checkLength } from './bandits/arm-means';
import {
	createDiscountedThompson,
	type DriftingThompson,
	type DriftingThompsonState
} from './bandits/discounted-thompson';
import { between, positive } from './bandits/schema';
import type { DayEvidence } from './bandit-evidence';
import type { Layout } from './policy';

/** Config fields for the creative split (part of every bandit allocator's config). */
export const creativeSplitEntries = {
	/** Share of CTR evidence kept from one day to the next, 0–1 (default 0.8: a memory of ~5 days). */
	creativeDiscount: v.optional(between(0, 1), 0.8),
	/**
	 * Impressions one day's CTR counts for at most, per creative (default 5,000). Impressions are
	 * not independent trials — audiences, placements and wear-out move CTR more than binomial
	 * noise — so millions of them must not make the estimate certain; clicks scale along.
	 */
	creativeTrialsPerDay: v.optional(positive(), 5000),
	/** Share of its channel's budget every live creative keeps, 0–1 (default 0.1; capped at an equal split). */
	creativeMinShare: v.optional(between(0, 1), 0.1),
	/** Drop of a creative's CTR estimate below its own best that flags it as fatigued, 0–1 (default 0.25). */
	fatigueDrop: v.optional(between(0, 1), 0.25)
};

/** The creative split's config values (meaning and units in `creativeSplitEntries`). */
export interface CreativeSplitOptions {
	/** Share of CTR evidence kept per day, 0–1. */
	creativeDiscount: number;
	/** Most impressions one day's CTR counts for, per creative. */
	creativeTrialsPerDay: number;
	/** Budget share every live creative keeps, 0–1. */
	creativeMinShare: number;
	/** CTR drop below a creative's best that flags fatigue, 0–1. */
	fatigueDrop: number;
}

/** Plain-data state of the creative split. */
export interface CreativeSplitState {
	/** One discounted Thompson sampler per channel, over its creative slots. */
	channels: DriftingThompsonState[];
	/** Best CTR estimate each creative slot has reached [C·K]. */
	peakCtr: number[];
	/** 1 where the creative slot was fatigued at the last day learned [C·K]. */
	fatigued: number[];
}

/** CTR learning and budget split over the creatives of every channel. */
export class CreativeSplit {
	private readonly bandits: DriftingThompson[];
	private readonly peakCtr: Float64Array;
	/** 1 where a creative slot was fatigued at the last day learned [C·K]. */
	readonly fatigued: Uint8Array;
	private readonly counts: Float64Array;

	constructor(
		private readonly layout: Pick<Layout, 'C' | 'K'>,
		private readonly options: CreativeSplitOptions
	) {
		const { C, K } = layout;
		this.bandits = Array.from({ length: C }, () =>
			createDiscountedThompson(
				{ kind: 'discounted-thompson', discount: options.creativeDiscount },
				K
			)
		);
		this.peakCtr = new Float64Array(C * K);
		this.fatigued = new Uint8Array(C * K);
		this.counts = new Float64Array(K);
	}

	/** Learn one completed day's clicks and impressions, then age the evidence by a day. */
	learn(day: DayEvidence): void {
		const { C, K } = this.layout;
		const cap = this.options.creativeTrialsPerDay;
		for (let c = 0; c < C; c++) {
			const bandit = this.bandits[c];
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				const impressions = day.impressions[ck];
				if (!(impressions > 0)) continue;
				const trials = Math.min(impressions, cap);
				const clicks = Math.min(day.clicks[ck], impressions) * (trials / impressions);
				bandit.update(k, clicks, trials - clicks);
			}
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				// Only a creative measured today updates its best or can be called fatigued: with
				// no impressions its estimate drifts back towards the prior, which means nothing.
				if (!(day.impressions[ck] > 0)) continue;
				const ctr = bandit.mean(k);
				if (ctr > this.peakCtr[ck]) this.peakCtr[ck] = ctr;
				this.fatigued[ck] = ctr < (1 - this.options.fatigueDrop) * this.peakCtr[ck] ? 1 : 0;
			}
			bandit.advance();
		}
	}

	/**
	 * Split `channelBudget` [C] over live creatives into `out` [C·K] with `chunks` Thompson
	 * chunks per channel. Returns, per channel, whether it had a live creative to take its
	 * budget (if not, its cells in `out` are 0 and the caller moves the budget elsewhere).
	 */
	split(
		channelBudget: Float64Array,
		active: Uint8Array,
		rng: Rng,
		chunks: number,
		out: Float64Array
	): boolean[] {
		const { C, K } = this.layout;
		const placed: boolean[] = [];
		for (let c = 0; c < C; c++) {
			const live = active.subarray(c * K, (c + 1) * K);
			let liveCount = 0;
			for (let k = 0; k < K; k++) liveCount += live[k] === 1 ? 1 : 0;
			placed.push(liveCount > 0);
			if (liveCount === 0) {
				for (let k = 0; k < K; k++) out[c * K + k] = 0;
				continue;
			}
			const floor = Math.min(this.options.creativeMinShare, 1 / liveCount);
			const rest = 1 - floor * liveCount;
			this.counts.fill(0);
			if (rest > 0) this.bandits[c].selectMany(rng, chunks, this.counts, live);
			for (let k = 0; k < K; k++) {
				const share = live[k] === 1 ? floor + (rest * this.counts[k]) / chunks : 0;
				out[c * K + k] = channelBudget[c] * share;
			}
		}
		return placed;
	}

	/** True when a live creative of channel `c` is fatigued. */
	channelFatigued(c: number, active: Uint8Array): boolean {
		const { K } = this.layout;
		for (let k = 0; k < K; k++)
			if (active[c * K + k] === 1 && this.fatigued[c * K + k] === 1) return true;
		return false;
	}

	/** The learned state as plain data (JSON-safe). */
	getState(): CreativeSplitState {
		return {
			channels: this.bandits.map((b) => b.getState()),
			peakCtr: Array.from(this.peakCtr),
			fatigued: Array.from(this.fatigued)
		};
	}

	/** Restore a state from `getState` (throws if it does not fit). */
	setState(state: CreativeSplitState): void {
		if (state.channels.length !== this.bandits.length) {
			throw new RangeError(
				`saved creative state does not fit: ${state.channels.length} channels, expected ${this.bandits.length}`
			);
		}
		checkLength(state.peakCtr, this.peakCtr.length, 'peakCtr');
		checkLength(state.fatigued, this.fatigued.length, 'fatigued');
		state.channels.forEach((s, c) => this.bandits[c].setState(s));
		this.peakCtr.set(state.peakCtr);
		this.fatigued.set(state.fatigued);
	}
}
