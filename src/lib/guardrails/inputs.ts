/**
 * Make a decision usable before any rule weighs it: a policy may return anything (NaN, negative
 * or infinite budgets, unknown creative operations, negative targeting weights), and the market
 * must never see it. Each replacement is a clip, so a buggy policy shows up in the decision log.
 */
import type { Decision, Layout } from '../policies/policy';
import { CREATIVE_OP } from '../sim/market';
import type { GuardrailClip } from './types';

/** A decision's controls, cleaned. */
export interface CleanDecision {
	/** Daily budget per channel × creative, finite and ≥ 0, currency/day [C·K]. */
	spend: Float64Array;
	/** Bid cap per channel, CPM, ≥ 0 (Infinity = none) [C]. */
	bidCap: Float64Array;
	/** Known CREATIVE_OP codes on existing slots only [C·K]. */
	creativeOps: Uint8Array;
	/** Targeting weights, finite and ≥ 0, with a positive sum per channel [C·S]. */
	segmentTilt: Float64Array;
}

/** Largest targeting weight kept as is; larger sets are rescaled (the market uses ratios only). */
const MAX_TILT = 1e6;

/** Clean `decision` for `layout`, appending a clip for every value replaced. */
export function cleanDecision(
	decision: Decision,
	layout: Layout,
	day: number,
	clips: GuardrailClip[]
): CleanDecision {
	const { C, K, S } = layout;
	const spend = new Float64Array(C * K);
	const bidCap = new Float64Array(C).fill(Infinity);
	const creativeOps = new Uint8Array(C * K);
	const segmentTilt = new Float64Array(C * S).fill(1);
	for (let ck = 0; ck < C * K; ck++) {
		const asked = decision.spend?.[ck];
		if (typeof asked === 'number' && Number.isFinite(asked) && asked >= 0) spend[ck] = asked;
		else {
			clips.push({
				day,
				rule: 'non-negative',
				channel: Math.floor(ck / K),
				creative: ck % K,
				asked: typeof asked === 'number' ? asked : NaN,
				allowed: 0
			});
		}
	}
	if (decision.bidCap) {
		for (let c = 0; c < C; c++) {
			const asked = decision.bidCap[c];
			// A bid cap may be 0 (do not bid) or Infinity (no cap); NaN and negatives mean no cap.
			if (typeof asked === 'number' && asked >= 0) bidCap[c] = asked;
			else {
				clips.push({
					day,
					rule: 'non-negative',
					channel: c,
					creative: -1,
					asked: typeof asked === 'number' ? asked : NaN,
					allowed: Infinity
				});
			}
		}
	}
	if (decision.creativeOps) {
		for (let ck = 0; ck < C * K; ck++) {
			const op = decision.creativeOps[ck] ?? 0;
			if (op === CREATIVE_OP.none) continue;
			const known =
				op === CREATIVE_OP.launch || op === CREATIVE_OP.pause || op === CREATIVE_OP.refresh;
			if (known && layout.creativeExists[ck]) creativeOps[ck] = op;
			else {
				// The market would read an unknown code as "activate"; an empty slot has nothing to run.
				clips.push({
					day,
					rule: 'invalid-input',
					channel: Math.floor(ck / K),
					creative: ck % K,
					asked: op,
					allowed: CREATIVE_OP.none
				});
			}
		}
	}
	if (decision.segmentTilt) {
		for (let c = 0; c < C; c++) {
			let sum = 0;
			let max = 0;
			for (let s = 0; s < S; s++) {
				const asked = decision.segmentTilt[c * S + s];
				if (typeof asked === 'number' && Number.isFinite(asked) && asked >= 0) {
					segmentTilt[c * S + s] = asked;
					sum += asked;
					if (asked > max) max = asked;
				} else {
					clips.push({
						day,
						rule: 'invalid-input',
						channel: c,
						creative: -1,
						segment: s,
						asked: typeof asked === 'number' ? asked : NaN,
						allowed: 1
					});
					sum += 1;
					if (max < 1) max = 1;
				}
			}
			if (sum === 0) {
				// All-zero weights would leave the channel's budget unspent: back to default delivery.
				for (let s = 0; s < S; s++) {
					clips.push({
						day,
						rule: 'invalid-input',
						channel: c,
						creative: -1,
						segment: s,
						asked: 0,
						allowed: 1
					});
					segmentTilt[c * S + s] = 1;
				}
			} else if (max > MAX_TILT) {
				for (let s = 0; s < S; s++) segmentTilt[c * S + s] /= max;
			}
		}
	}
	return { spend, bidCap, creativeOps, segmentTilt };
}

/**
 * Which creative slots will be live once `ops` are applied [C·K]: a pause stops a creative, a
 * launch or refresh starts one (empty slots never run). Mirrors Market.applyCreativeOps.
 */
export function liveAfterOps(
	active: ArrayLike<number>,
	ops: ArrayLike<number> | null,
	exists: ArrayLike<number>,
	out: Uint8Array
): Uint8Array {
	for (let ck = 0; ck < out.length; ck++) {
		const op = ops ? ops[ck] : CREATIVE_OP.none;
		if (!exists[ck]) out[ck] = 0;
		else if (op === CREATIVE_OP.pause) out[ck] = 0;
		else if (op === CREATIVE_OP.launch || op === CREATIVE_OP.refresh) out[ck] = 1;
		else out[ck] = active[ck] ? 1 : 0;
	}
	return out;
}
