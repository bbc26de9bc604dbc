/**
 * Why spend moved and where the guardrails stepped in, read from a policy's decision log (the
 * pilot keeps the first seed's): clips per rule, reason tags weighted by the budget they moved,
 * and each channel's spend at the start and end of the pilot. Pure; part of the report's facts.
 */
import { bindingConstraints } from '../guardrails/summary';
import type { GuardrailRule } from '../guardrails/types';
import type { ReasonTag } from '../policies/policy';
import { REASON_TAGS, reasonsOf, type DecisionLog } from './decision-log';
import type { PilotResult, PolicySummary } from './pilot';

/** A policy as the report names it. */
export interface NamedPolicy {
	id: string;
	name: string;
}

/** One guardrail rule's clips on one policy's first-seed decisions. */
export interface GuardrailFact {
	rule: GuardrailRule;
	/** Clips made (a clip = one rule changing one channel's or creative's request). */
	clips: number;
	/** Decisions it changed (distinct decision days). */
	decisions: number;
	/** Names of the channels it clipped. */
	channels: string[];
}

/** A policy's guardrail record on the first seed. */
export interface PolicyGuardrails extends NamedPolicy {
	/** Decisions logged. */
	decisions: number;
	/** Rules that clipped, most clips first. */
	rules: GuardrailFact[];
}

/** One reason tag's part in the budget the recommended policy moved. */
export interface ReasonFact {
	tag: ReasonTag;
	/** Channel moves carrying the tag. */
	moves: number;
	/** Budget moved under the tag, currency/day summed over moves. */
	moved: number;
	/** moved / all budget moved, 0–1 (tags overlap, so shares can sum to more than 1). */
	share: number;
}

/** A channel's mean daily spend at the start and end of the pilot (recommended policy). */
export interface ChannelShift {
	channel: string;
	/** Mean daily spend over the first and last SHIFT_DAYS pilot days, currency/day. */
	first: number;
	last: number;
	/** last − first, currency/day. */
	change: number;
}

/** Why spend moved, for the recommended policy (or the baseline when nothing else ran). */
export interface ReportReasons extends NamedPolicy {
	/** Seed whose decision log is read (the pilot keeps the first seed's logs). */
	seed: number;
	/** Channel moves counted (first decision excluded: it sets budgets from zero). */
	moves: number;
	/** Budget moved in all, currency/day summed over moves. */
	moved: number;
	/** Tags by budget moved, largest first; tags that moved nothing are left out. */
	reasons: ReasonFact[];
	/** Channels by |change|, largest first. */
	shifts: ChannelShift[];
}

/** Pilot days averaged at each end for channel shifts. */
export const SHIFT_DAYS = 7;
/** A channel's budget change below this (currency/day) is float noise, not a move. */
const MOVE_EPSILON = 0.5;

/** A policy's id and display name. */
export const named = (p: PolicySummary): NamedPolicy => ({ id: p.id, name: p.name });

/** Clips per rule of one decision log, most clips first. */
export function guardrailFacts(log: DecisionLog, channelNames: readonly string[]): GuardrailFact[] {
	const byRule = new Map<
		GuardrailRule,
		{ clips: number; days: Set<number>; channels: Set<number> }
	>();
	for (const clip of log.clips) {
		const entry = byRule.get(clip.rule) ?? { clips: 0, days: new Set(), channels: new Set() };
		entry.clips++;
		entry.days.add(clip.day);
		entry.channels.add(clip.channel);
		byRule.set(clip.rule, entry);
	}
	// bindingConstraints orders rules by precedence; keep that order among equal counts.
	const order = [...new Set(bindingConstraints(log.clips).map((b) => b.rule))];
	return order
		.map((rule) => {
			const e = byRule.get(rule)!;
			const channels = [...e.channels].sort((a, b) => a - b).map((c) => channelNames[c] ?? `#${c}`);
			return { rule, clips: e.clips, decisions: e.days.size, channels };
		})
		.sort((a, b) => b.clips - a.clips);
}

/** Why one policy's spend moved: reason tags weighted by the budget they moved. */
export function reasonFacts(
	result: PilotResult,
	policy: PolicySummary,
	log: DecisionLog
): ReportReasons {
	const { C } = log;
	const tally = new Map<ReasonTag, { moves: number; moved: number }>();
	let moves = 0;
	let moved = 0;
	for (let i = 1; i < log.length; i++) {
		for (let c = 0; c < C; c++) {
			const change = Math.abs(log.newSpend[i * C + c] - log.previousSpend[i * C + c]);
			if (change < MOVE_EPSILON) continue;
			moves++;
			moved += change;
			for (const tag of reasonsOf(log.reasons[i * C + c])) {
				const t = tally.get(tag) ?? { moves: 0, moved: 0 };
				t.moves++;
				t.moved += change;
				tally.set(tag, t);
			}
		}
	}
	const reasons = REASON_TAGS.filter((tag) => tally.has(tag))
		.map((tag) => ({
			tag,
			...tally.get(tag)!,
			share: moved > 0 ? tally.get(tag)!.moved / moved : 0
		}))
		.sort((a, b) => b.moved - a.moved);
	return {
		...named(policy),
		seed: result.seeds[0],
		moves,
		moved,
		reasons,
		shifts: shiftsOf(result, policy)
	};
}

function shiftsOf(result: PilotResult, policy: PolicySummary): ChannelShift[] {
	const C = result.channelNames.length;
	const days = result.days;
	const span = Math.max(1, Math.min(SHIFT_DAYS, days));
	const mean = (c: number, from: number) => {
		let sum = 0;
		for (let d = from; d < from + span; d++) sum += policy.meanDailySpend[d * C + c] ?? 0;
		return sum / span;
	};
	return result.channelNames
		.map((channel, c) => {
			const first = mean(c, 0);
			const last = mean(c, Math.max(0, days - span));
			return { channel, first, last, change: last - first };
		})
		.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}
