/**
 * Words for the "why spend moved" view: what each reason tag and guardrail clip means, with the
 * clip's amounts in their own units. Pure.
 */
import type { GuardrailClip, GuardrailRule } from '../guardrails/types';
import type { ReasonTag } from '../policies/policy';

/** What a reason tag says about a channel's move. */
export const REASON_TEXT: Record<ReasonTag, string> = {
	exploit: 'best estimate',
	explore: 'exploring',
	fatigue: 'creative fatigue',
	saturation: 'saturating',
	seasonality: 'seasonality',
	rule: 'BAU rule',
	hold: 'held',
	guardrail: 'guardrail',
	drift: 'market drift',
	value: 'customer value re-estimated'
};

/** Rule names as people say them. */
export const RULE_TEXT: Record<GuardrailRule, string> = {
	'total-budget': 'Total budget',
	'channel-min': 'Channel minimum',
	'channel-max': 'Channel maximum',
	'max-shift': 'Max shift per decision',
	'max-bid': 'Bid cap',
	'frequency-cap': 'Frequency cap',
	pacing: '30-day pacing',
	'exploration-floor': 'Exploration floor',
	'budget-protection': 'Budget protection',
	'non-negative': 'No negative spend',
	'inactive-creative': 'Inactive creative',
	'invalid-input': 'Invalid request'
};

/**
 * "Max shift per decision: asked $90/day, allowed $70/day". Budgets in money per day, bids as
 * CPM, frequency caps in impressions per person per day; `money` formats currency amounts.
 */
export function clipText(clip: GuardrailClip, money: (value: number) => string): string {
	const amount = (v: number) => {
		if (clip.rule === 'max-bid') return `${money(v)} CPM`;
		if (clip.rule === 'frequency-cap') return `${v.toFixed(1)} per person/day`;
		if (clip.rule === 'invalid-input' || clip.rule === 'inactive-creative') return String(v);
		return `${money(v)}/day`;
	};
	const where = clip.creative >= 0 ? ` (creative ${clip.creative + 1})` : '';
	return `${RULE_TEXT[clip.rule]}${where}: asked ${amount(clip.asked)}, allowed ${amount(clip.allowed)}`;
}
