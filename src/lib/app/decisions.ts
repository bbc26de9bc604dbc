/**
 * "Why spend moved": a policy's decision log shaped for the lab — a timeline of decisions, and
 * for one decision each channel's move with the policy's estimate, its uncertainty, the reasons
 * and the guardrail clips that changed what the policy asked for. Pure; tested in node.
 */
import { reasonsOf, type DecisionLog } from '../experiment/decision-log';
import type { GuardrailClip } from '../guardrails/types';
import type { ReasonTag } from '../policies/policy';

/** One decision on the timeline. */
export interface DecisionMark {
	/** Row in the log. */
	index: number;
	/** Pilot day (0 = the pilot's first day). */
	day: number;
	/** Daily budget before and after the decision, summed over channels, currency/day. */
	previousTotal: number;
	newTotal: number;
	/** Budget that changed channel: Σ|new − previous| / 2, currency/day (0 for the first decision). */
	moved: number;
	/** Channels whose request a guardrail changed. */
	clippedChannels: number;
	/** Reason tags of any channel. */
	reasons: ReasonTag[];
}

/** One channel's part in a decision. */
export interface ChannelMove {
	channel: number;
	/** Daily budget before, asked for by the policy, and after the guardrails, currency/day. */
	previous: number;
	asked: number;
	next: number;
	/** next − previous, currency/day. */
	change: number;
	/** The policy's estimate of the next unit's return on its objective, and its uncertainty (NaN: none). */
	marginalReturn: number;
	uncertainty: number;
	reasons: ReasonTag[];
	/** Guardrail changes to this channel on the decision's day, in rule order. */
	clips: GuardrailClip[];
}

/** Every decision of a log, in order. The first decision sets the starting budget, so it moves nothing. */
export function decisionTimeline(log: DecisionLog): DecisionMark[] {
	const { C } = log;
	const clippedByDay = new Map<number, Set<number>>();
	for (const clip of log.clips) {
		if (!clippedByDay.has(clip.day)) clippedByDay.set(clip.day, new Set());
		clippedByDay.get(clip.day)!.add(clip.channel);
	}
	const marks: DecisionMark[] = [];
	for (let i = 0; i < log.length; i++) {
		let previousTotal = 0;
		let newTotal = 0;
		let shifted = 0;
		let mask = 0;
		for (let c = 0; c < C; c++) {
			const before = log.previousSpend[i * C + c];
			const after = log.newSpend[i * C + c];
			previousTotal += before;
			newTotal += after;
			shifted += Math.abs(after - before);
			mask |= log.reasons[i * C + c];
		}
		const day = log.day[i];
		marks.push({
			index: i,
			day,
			previousTotal,
			newTotal,
			moved: i === 0 ? 0 : shifted / 2,
			clippedChannels: clippedByDay.get(day)?.size ?? 0,
			reasons: reasonsOf(mask)
		});
	}
	return marks;
}

/** Each channel's move in decision `index` of the log. */
export function decisionMoves(log: DecisionLog, index: number): ChannelMove[] {
	const { C } = log;
	if (index < 0 || index >= log.length) return [];
	const day = log.day[index];
	const clips = log.clips.filter((clip) => clip.day === day);
	return Array.from({ length: C }, (_, c): ChannelMove => {
		const at = index * C + c;
		return {
			channel: c,
			previous: log.previousSpend[at],
			asked: log.askedSpend[at],
			next: log.newSpend[at],
			change: log.newSpend[at] - log.previousSpend[at],
			marginalReturn: log.marginalReturn[at],
			uncertainty: log.uncertainty[at],
			reasons: reasonsOf(log.reasons[at]),
			clips: clips.filter((clip) => clip.channel === c)
		};
	});
}

/**
 * The decision that moved most budget (the one the lab opens on), or the first one if none
 * moved any; -1 for an empty log.
 */
export function largestMove(marks: readonly DecisionMark[]): number {
	let best = marks.length ? 0 : -1;
	for (const mark of marks) if (mark.moved > marks[best].moved) best = mark.index;
	return best;
}
