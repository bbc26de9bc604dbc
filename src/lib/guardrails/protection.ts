/**
 * Budget protection: stop money flowing into a channel or creative that keeps spending without
 * a single conversion reported by its platform. The tracker follows the platform reports step
 * by step (observables accumulate during the day, as a platform's dashboard does), counts the
 * spend since the last reported conversion per channel × creative and per channel, and lets
 * spend through only up to the threshold. Reaching it halts the channel or creative for the rest
 * of the run: an automated rule pauses, a person decides.
 *
 * Within a step, conversions are taken to come after that step's spend (the step's spend is
 * forgiven by its conversions), the only order the daily reports allow to check.
 */
import type { Layout } from '../policies/policy';
import type { Observables } from '../sim/trace';

/** Share of the threshold below which the remaining allowance counts as used up. */
const USED_UP = 1e-9;

/** Plain-data state of the tracker. */
export interface ProtectionState {
	/** Spend since the last reported conversion, currency units, per channel × creative [C·K] and per channel [C]. */
	sinceCreative: number[];
	sinceChannel: number[];
	/** 1 = halted [C·K] / [C]. */
	haltedCreative: number[];
	haltedChannel: number[];
	/** Day being followed (−1 before the first sync) and what of it has been counted (spend and conversions per C·K). */
	day: number;
	seenSpend: number[];
	seenConversions: number[];
}

/** The budget-protection tracker of one run. */
export interface Protection {
	/** Threshold, currency units (Infinity = off). */
	readonly threshold: number;
	/** 1 where a creative slot is halted [C·K] (read-only). */
	readonly haltedCreative: Uint8Array;
	/** 1 where a channel is halted [C] (read-only). */
	readonly haltedChannel: Uint8Array;
	/**
	 * Count everything observed up to now: days < `day` in full, and `day` so far, starting at
	 * `from` on the first call (the pilot's first day: history spent under other rules). Returns
	 * the slots and channels halted by this call, as [channel, creative] pairs (creative −1 =
	 * channel).
	 */
	sync(observed: Observables, day: number, from?: number): [number, number][];
	/** Spend still allowed before a creative slot halts, currency units. */
	creativeAllowance(ck: number): number;
	/** Spend still allowed before a channel halts, currency units. */
	channelAllowance(c: number): number;
	getState(): ProtectionState;
	setState(state: ProtectionState): void;
}

/** A tracker for a market of `layout`, halting at `threshold` currency units (Infinity = off). */
export function createProtection(
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	threshold: number
): Protection {
	const { C, K, S } = layout;
	const sinceCreative = new Float64Array(C * K);
	const sinceChannel = new Float64Array(C);
	const haltedCreative = new Uint8Array(C * K);
	const haltedChannel = new Uint8Array(C);
	const seenSpend = new Float64Array(C * K);
	const seenConversions = new Float64Array(C * K);
	let followed = -1;
	const limit = threshold * (1 - USED_UP);

	/** Count what `followed` reports beyond what was seen; returns new halts. */
	function count(observed: Observables, halts: [number, number][]): void {
		const day = followed;
		for (let c = 0; c < C; c++) {
			let spent = 0;
			let converted = 0;
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				let spend = 0;
				const base = day * C * K * S + ck * S;
				for (let s = 0; s < S; s++) spend += observed.spend[base + s];
				const conversions = observed.platformConversions[day * C * K + ck];
				const newSpend = spend - seenSpend[ck];
				const newConversions = conversions - seenConversions[ck];
				seenSpend[ck] = spend;
				seenConversions[ck] = conversions;
				spent += newSpend;
				converted += newConversions;
				sinceCreative[ck] = newConversions > 0 ? 0 : sinceCreative[ck] + newSpend;
				if (!haltedCreative[ck] && sinceCreative[ck] >= limit) {
					haltedCreative[ck] = 1;
					halts.push([c, k]);
				}
			}
			sinceChannel[c] = converted > 0 ? 0 : sinceChannel[c] + spent;
			if (!haltedChannel[c] && sinceChannel[c] >= limit) {
				haltedChannel[c] = 1;
				halts.push([c, -1]);
			}
		}
	}

	return {
		threshold,
		haltedCreative,
		haltedChannel,
		sync(observed, day, from = 0) {
			const halts: [number, number][] = [];
			if (threshold === Infinity) return halts;
			if (followed < 0) followed = from;
			const days = observed.spend.length / (C * K * S);
			while (followed < day) {
				count(observed, halts);
				followed++;
				seenSpend.fill(0);
				seenConversions.fill(0);
			}
			if (day < days) count(observed, halts);
			return halts;
		},
		creativeAllowance: (ck) =>
			haltedCreative[ck] ? 0 : Math.max(0, threshold - sinceCreative[ck]),
		channelAllowance: (c) => (haltedChannel[c] ? 0 : Math.max(0, threshold - sinceChannel[c])),
		getState: () => ({
			sinceCreative: Array.from(sinceCreative),
			sinceChannel: Array.from(sinceChannel),
			haltedCreative: Array.from(haltedCreative),
			haltedChannel: Array.from(haltedChannel),
			day: followed,
			seenSpend: Array.from(seenSpend),
			seenConversions: Array.from(seenConversions)
		}),
		setState(state) {
			sinceCreative.set(state.sinceCreative);
			sinceChannel.set(state.sinceChannel);
			haltedCreative.set(state.haltedCreative);
			haltedChannel.set(state.haltedChannel);
			followed = state.day;
			seenSpend.set(state.seenSpend);
			seenConversions.set(state.seenConversions);
		}
	};
}
