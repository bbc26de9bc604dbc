/**
 * Plain answers to what allocator users ask most (Robyn #511/#409, PyMC-Marketing #1681): was the
 * budget fully spent, which constraints bind, and why did a channel not get more? Everything is
 * derived from the guardrail clips and the observables, so every view tells the same story.
 */
import type { Layout } from '../policies/policy';
import type { Observables } from '../sim/trace';
import { GUARDRAIL_RULES, type GuardrailClip, type GuardrailRule } from './types';

/** Share of the budget that counts as fully spent (rounding and auction granularity aside). */
export const FULLY_SPENT = 0.995;

/** One rule binding on one channel over a stretch of days. */
export interface BindingConstraint {
	rule: GuardrailRule;
	/** Channel index. */
	channel: number;
	/** Clips made (decisions or days on which it bound). */
	count: number;
	/** First and last day it bound (pilot days). */
	firstDay: number;
	lastDay: number;
	/**
	 * Total lowered (asked − allowed, summed over its clips where allowed < asked): currency/day
	 * per clip for budget rules, CPM for `max-bid`, impressions per audience member for
	 * `frequency-cap`. Changes from or to a non-finite value (no cap asked, NaN replaced) count
	 * in `count` but add nothing here.
	 */
	lowered: number;
	/** Total raised (allowed − asked where allowed > asked), same unit (floors raise budgets). */
	raised: number;
}

/**
 * The constraints that bound, one entry per rule × channel, in rule precedence order then by
 * channel. Pass one decision's clips or a whole run's; `from`/`to` restrict to pilot days.
 */
export function bindingConstraints(
	clips: readonly GuardrailClip[],
	from = -Infinity,
	to = Infinity
): BindingConstraint[] {
	const byKey = new Map<string, BindingConstraint>();
	for (const clip of clips) {
		if (clip.day < from || clip.day > to) continue;
		const key = `${clip.rule}:${clip.channel}`;
		let entry = byKey.get(key);
		if (!entry) {
			entry = {
				rule: clip.rule,
				channel: clip.channel,
				count: 0,
				firstDay: clip.day,
				lastDay: clip.day,
				lowered: 0,
				raised: 0
			};
			byKey.set(key, entry);
		}
		entry.count++;
		entry.firstDay = Math.min(entry.firstDay, clip.day);
		entry.lastDay = Math.max(entry.lastDay, clip.day);
		// Infinity (no limit asked) lowered to a cap counts as binding without adding to the total;
		// NaN asks (replaced by 0 or no cap) likewise.
		const change = clip.allowed - clip.asked;
		if (Number.isFinite(change)) {
			if (change < 0) entry.lowered -= change;
			else entry.raised += change;
		}
	}
	return [...byKey.values()].sort(
		(a, b) =>
			GUARDRAIL_RULES.indexOf(a.rule) - GUARDRAIL_RULES.indexOf(b.rule) || a.channel - b.channel
	);
}

/** Why one channel got what it got in one decision. */
export interface ChannelVerdict {
	channel: number;
	/** Daily budget the policy asked for and the guardrails allowed, currency/day. */
	asked: number;
	allowed: number;
	/** Rules that lowered it (why it did not get more), in the order they acted. */
	loweredBy: GuardrailRule[];
	/** Rules that raised it (floors, the shift's lower bound). */
	raisedBy: GuardrailRule[];
}

/** One decision, summarised: is the budget fully allocated, and what bound where. */
export interface DecisionSummary {
	/** Daily budget, currency/day. */
	dailyBudget: number;
	/** Total asked and allowed, currency/day. */
	asked: number;
	allowed: number;
	/** Whether the allowed total reaches FULLY_SPENT × the daily budget. */
	fullyAllocated: boolean;
	channels: ChannelVerdict[];
	/** Every rule that changed something, in precedence order. */
	binding: GuardrailRule[];
}

/**
 * Summarise a decision from its channel totals asked and allowed [C] (currency/day) and its
 * clips. Only channel-level budget clips (creative −1) count for a channel's verdict.
 */
export function summarizeDecision(
	asked: ArrayLike<number>,
	allowed: ArrayLike<number>,
	clips: readonly GuardrailClip[],
	dailyBudget: number
): DecisionSummary {
	const channels: ChannelVerdict[] = [];
	let askedTotal = 0;
	let allowedTotal = 0;
	for (let c = 0; c < allowed.length; c++) {
		const a = Number.isFinite(asked[c]) ? asked[c] : 0;
		askedTotal += a;
		allowedTotal += allowed[c];
		channels.push({ channel: c, asked: a, allowed: allowed[c], loweredBy: [], raisedBy: [] });
	}
	const binding = new Set<GuardrailRule>();
	for (const clip of clips) {
		binding.add(clip.rule);
		if (clip.creative !== -1 || clip.rule === 'max-bid' || clip.rule === 'frequency-cap') continue;
		if (clip.segment !== undefined) continue;
		const verdict = channels[clip.channel];
		if (!verdict) continue;
		const list =
			clip.allowed < clip.asked || Number.isNaN(clip.asked) ? verdict.loweredBy : verdict.raisedBy;
		if (!list.includes(clip.rule)) list.push(clip.rule);
	}
	return {
		dailyBudget,
		asked: askedTotal,
		allowed: allowedTotal,
		fullyAllocated: allowedTotal >= FULLY_SPENT * dailyBudget,
		channels,
		binding: GUARDRAIL_RULES.filter((rule) => binding.has(rule))
	};
}

/** How much of the budget a stretch of days actually spent (paid, from the platform reports). */
export interface BudgetUse {
	/** Days counted. */
	days: number;
	/** Budget over those days, currency units. */
	budget: number;
	/** Spend paid, currency units. */
	spent: number;
	/** spent / budget. */
	share: number;
	/** Whether spend reached FULLY_SPENT × budget. */
	fullySpent: boolean;
	/** Spend paid per channel, currency units [C]. */
	byChannel: Float64Array;
}

/** Budget use over days [from, to) of the observables (trace days, history included). */
export function budgetUse(
	observed: Observables,
	layout: Pick<Layout, 'C' | 'K' | 'S'>,
	dailyBudget: number,
	from: number,
	to: number
): BudgetUse {
	const { C, K, S } = layout;
	const byChannel = new Float64Array(C);
	for (let d = from; d < to; d++) {
		const base = d * C * K * S;
		for (let c = 0; c < C; c++)
			for (let i = 0; i < K * S; i++) byChannel[c] += observed.spend[base + c * K * S + i];
	}
	let spent = 0;
	for (let c = 0; c < C; c++) spent += byChannel[c];
	const days = Math.max(0, to - from);
	const budget = dailyBudget * days;
	const share = budget > 0 ? spent / budget : 0;
	return { days, budget, spent, share, fullySpent: share >= FULLY_SPENT, byChannel };
}
