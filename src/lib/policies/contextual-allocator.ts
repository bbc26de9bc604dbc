/**
 * The learner shared by the contextual allocators (LinUCB, LinTS): one linear model per channel
 * of value per dollar (÷ the reward ceiling) on the context
 *
 *     x = [1, segment (S − 1 indicators), weekday (6 indicators, Monday = baseline),
 *          sin and cos of the day of the year]
 *
 * With last click on a conversion objective each channel × segment × day is an observation
 * with its segment's indicator; otherwise (platform claims, clicks) each channel × day is one,
 * its segment part being the day's spend mix — the same linear model, averaged. To decide, a
 * channel's context is today's weekday and season with the segment mix it is expected to
 * deliver; per-segment predictions also set the targeting tilt towards segments that return
 * more per dollar (within [1/maxTilt, maxTilt]).
 */
import * as v from 'valibot';
import type { Rng } from '../sim/random';
import type { LinearBandit } from './bandits/linucb';
import type { RidgeState } from './bandits/ridge';
import { between } from './bandits/schema';
import type { AllocationContext, ChannelLearner } from './bandit-allocator';
import type { LearnerDay } from './bandit-evidence';
import * as pm from '../sim/portable-math';

/** Config fields for segment targeting (part of the contextual allocators' configs). */
export const tiltEntries = {
	/** Tilt each channel's delivery towards the segments it serves best (default true; last click only). */
	segmentTilt: v.optional(v.boolean('must be true or false'), true),
	/** Largest targeting weight, and 1/maxTilt the smallest, 1–10 (default 2). */
	maxTilt: v.optional(between(1, 10), 2)
};

/** Context features for S segments: 1 + (S − 1) + 6 + 2. */
export const contextDimension = (S: number): number => S + 8;

/** Write the context of `day` with segment mix `mix` (S shares, from `offset`) into `out`. */
export function writeContext(
	out: Float64Array,
	S: number,
	mix: ArrayLike<number>,
	offset: number,
	weekday: number,
	day: number
): Float64Array {
	out[0] = 1;
	for (let s = 1; s < S; s++) out[s] = mix[offset + s];
	for (let w = 1; w < 7; w++) out[S - 1 + w] = weekday === w ? 1 : 0;
	const phase = (2 * Math.PI * day) / 365.25;
	out[S + 6] = pm.sin(phase);
	out[S + 7] = pm.cos(phase);
	return out;
}

/** Plain-data state of the contextual learner. */
export interface ContextualState {
	/** The per-channel regressions. */
	models: RidgeState;
	/** Spend mix over segments each channel delivered on the last day it spent [C·S]. */
	mix: number[];
	/** Targeting weights of the latest decision [C·S] (1 = default). */
	tilt: number[];
	/** Whether the latest day learned had value by segment. */
	bySegment: boolean;
}

/** How the two contextual kinds score channels when splitting the budget. */
export interface ContextualScoring {
	/** Fill counts [C] with `chunks` slices given contexts xs [C·D] (row c is channel c's context). */
	allocate(
		xs: Float64Array,
		chunkWeight: number,
		chunks: number,
		counts: Float64Array,
		rng: Rng
	): void;
	/** Standard deviation of channel c's prediction at x (learner units). */
	sd(c: number, x: Float64Array): number;
}

/** The contextual learner over `bandit` (C arms, dimension S + 8). */
export function createContextualLearner<Config>(
	bandit: LinearBandit<Config>,
	layout: { C: number; S: number },
	tilt: { segmentTilt: boolean; maxTilt: number },
	scoring: ContextualScoring
): ChannelLearner<ContextualState> {
	const { C: channels, S } = layout;
	const D = contextDimension(S);
	const x = new Float64Array(D);
	const oneHot = new Float64Array(S);
	const mix = new Float64Array(channels * S).fill(1 / S);
	const currentTilt = new Float64Array(channels * S).fill(1);
	let bySegment = false;
	const xs = new Float64Array(channels * D);
	const expectedMix = new Float64Array(S);

	/** Channel contexts for the decision day, the mix shifted by `nextTilt`. */
	function contexts(context: AllocationContext, nextTilt: Float64Array): Float64Array {
		const { day } = context.view;
		const weekday = context.view.weekday(day);
		for (let c = 0; c < channels; c++) {
			let total = 0;
			for (let s = 0; s < S; s++) {
				const cs = c * S + s;
				expectedMix[s] = (mix[cs] * nextTilt[cs]) / currentTilt[cs];
				total += expectedMix[s];
			}
			for (let s = 0; s < S; s++) expectedMix[s] = total > 0 ? expectedMix[s] / total : 1 / S;
			xs.set(writeContext(x, S, expectedMix, 0, weekday, day), c * D);
		}
		return xs;
	}

	let decidedTilt: Float64Array = currentTilt;
	return {
		learn(d: LearnerDay) {
			bySegment = d.bySegment;
			for (let c = 0; c < channels; c++) {
				if (!(d.weight[c] > 0)) continue;
				for (let s = 0; s < S; s++) mix[c * S + s] = d.segmentMix[c * S + s];
				if (d.bySegment) {
					for (let s = 0; s < S; s++) {
						const cs = c * S + s;
						if (!(d.segmentWeight[cs] > 0) || Number.isNaN(d.segmentReward[cs])) continue;
						oneHot.fill(0);
						oneHot[s] = 1;
						writeContext(x, S, oneHot, 0, d.weekday, d.day);
						bandit.update(c, x, d.segmentReward[cs], d.segmentWeight[cs]);
					}
				} else if (!Number.isNaN(d.reward[c])) {
					writeContext(x, S, d.segmentMix, c * S, d.weekday, d.day);
					bandit.update(c, x, d.reward[c], d.weight[c]);
				}
			}
		},
		tilt(context, out) {
			out.fill(1);
			if (!tilt.segmentTilt || !bySegment || S < 2) {
				decidedTilt = out;
				return false;
			}
			const { day } = context.view;
			const weekday = context.view.weekday(day);
			for (let c = 0; c < channels; c++) {
				let average = 0;
				for (let s = 0; s < S; s++) {
					oneHot.fill(0);
					oneHot[s] = 1;
					const value = bandit.estimate(c, writeContext(x, S, oneHot, 0, weekday, day));
					out[c * S + s] = value;
					average += mix[c * S + s] * value;
				}
				for (let s = 0; s < S; s++) {
					const cs = c * S + s;
					const ratio = average > 0 ? out[cs] / average : 1;
					out[cs] = Math.min(tilt.maxTilt, Math.max(1 / tilt.maxTilt, ratio));
				}
			}
			decidedTilt = out;
			return true;
		},
		allocate(context, rng, chunks, counts) {
			scoring.allocate(contexts(context, decidedTilt), context.chunkWeight, chunks, counts, rng);
			currentTilt.set(decidedTilt);
		},
		// Called after `allocate`, at the contexts it built.
		estimate(_context, mean, sd) {
			for (let c = 0; c < channels; c++) {
				const xc = xs.subarray(c * D, (c + 1) * D);
				mean[c] = bandit.estimate(c, xc);
				sd[c] = scoring.sd(c, xc);
			}
		},
		getState: () => ({
			models: bandit.getState(),
			mix: Array.from(mix),
			tilt: Array.from(currentTilt),
			bySegment
		}),
		setState(state) {
			bandit.setState(state.models);
			mix.set(state.mix);
			currentTilt.set(state.tilt);
			bySegment = state.bySegment;
		}
	};
}
