import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { CREATIVE_OP } from '../sim/market';
import { loadPreset } from '../sim/presets';
import { formatFieldError, type Scenario } from '../sim/scenario';
import {
	createBauManualOps,
	parseBauManualOps,
	type BauManualOpsInput,
	type ManualOpsState
} from './bau-manual-ops';
import type { Decision, Policy } from './policy';

function manualOps(input: Partial<BauManualOpsInput> & Pick<BauManualOpsInput, 'shares'>) {
	const parsed = parseBauManualOps({ kind: 'bau-manual-ops', ...input });
	if (!parsed.ok) throw new Error(parsed.errors.map(formatFieldError).join('; '));
	return createBauManualOps(parsed.value);
}

/** Record every decision with its pilot day. */
function recording(policy: Policy<ManualOpsState>) {
	const decisions: { day: number; decision: Decision }[] = [];
	const decide = policy.decide.bind(policy);
	policy.decide = (view) => {
		const decision = decide(view);
		decisions.push({ day: view.day - view.pilotStart, decision });
		return decision;
	};
	return decisions;
}

/** Two channels; search runs a good and a poor creative, with four weeks of history. */
function withPoorCreative(days: number): Scenario {
	const scenario = structuredClone(loadPreset('two-channels'));
	scenario.days = days;
	scenario.history = { days: 28, flighting: 0 };
	scenario.channels[0].creatives = [
		{ ...scenario.channels[0].creatives[0], id: 'good', quality: 1.2 },
		{ ...scenario.channels[0].creatives[0], id: 'poor', quality: 0.2 }
	];
	return scenario;
}
const shares = { search: 0.3, social: 0.7 };
const run = (scenario: Scenario, policy: Policy<ManualOpsState>, seed = 1) =>
	runPolicy(scenario, policy, { seed, objective: 'conversions', guardrails: DEFAULT_GUARDRAILS });

describe('BAU (d) config', () => {
	it('fills defaults and names bad fields', () => {
		const parsed = parseBauManualOps({ kind: 'bau-manual-ops', shares });
		expect(parsed.ok && parsed.value).toMatchObject({
			targetCpa: {},
			targetDays: 28,
			reviewEveryDays: 7,
			pauseOver: 0.2,
			bidStep: 0.1,
			refreshEveryDays: 90
		});
		const bad = parseBauManualOps({ kind: 'bau-manual-ops', shares, targetCpa: { search: 0 } });
		expect(bad.ok ? [] : bad.errors.map(formatFieldError)).toEqual([
			'targetCpa.search: must be > 0'
		]);
	});
});

describe('BAU (d): manual operations', () => {
	it('pauses a creative whose platform CPA is more than 20 % over target at the weekly review', () => {
		const scenario = withPoorCreative(15);
		const policy = manualOps({ shares });
		const decisions = recording(policy);
		const { market } = run(scenario, policy);
		const K = market.params.K;
		const paused = decisions.filter(
			({ decision }) => decision.creativeOps?.[1] === CREATIVE_OP.pause
		);
		expect(paused.map((d) => d.day)).toEqual([7]);
		expect(market.state.active[0 * K + 0]).toBe(1);
		expect(market.state.active[0 * K + 1]).toBe(0);
		// From the pause on, the channel's budget goes to the good creative alone.
		const after = decisions.find((d) => d.day === 8)!.decision;
		expect(after.spend[0]).toBeCloseTo(0.3 * scenario.dailyBudget, 9);
		expect(after.spend[1]).toBe(0);
	});

	it("leaves both creatives alone when the target is generous, and never pauses a channel's last creative", () => {
		const generous = manualOps({ shares, targetCpa: { search: 1e6, social: 1 } });
		const { market } = run(withPoorCreative(15), generous);
		// Search: nothing over a huge target; social: far over target, but its only creative.
		expect(Array.from(market.state.active.slice(0, 2))).toEqual([1, 1]);
		expect(market.state.active[market.params.K]).toBe(1);
	});

	it('changes bid caps only at weekly reviews, lowering them while the CPA is over target', () => {
		const policy = manualOps({ shares, targetCpa: { search: 1e6, social: 1 } });
		const decisions = recording(policy);
		run(withPoorCreative(29), policy);
		const social = decisions.map(({ decision }) => decision.bidCap![1]);
		for (let t = 1; t < social.length; t++) {
			if (t % 7 !== 0) expect(social[t]).toBe(social[t - 1]);
		}
		expect(social[6]).toBe(Infinity);
		// First review: the observed CPM × 1.5; then -10 % a week (CPA stays far over 1).
		expect(Number.isFinite(social[7])).toBe(true);
		expect(social[14]).toBeCloseTo(social[7] * 0.9, 9);
		expect(social[21]).toBeCloseTo(social[7] * 0.81, 9);
		expect(social[28]).toBeCloseTo(social[7] * 0.729, 9);
	});

	it('refreshes every live creative every 90 days, and leaves reserves alone', () => {
		const scenario = { ...loadPreset('creative-fatigue'), days: 200 };
		const policy = manualOps({ shares: { social: 1 }, pauseOver: 10 });
		const decisions = recording(policy);
		const { market } = run(scenario, policy);
		const refreshDays = decisions
			.filter(({ decision }) => decision.creativeOps?.some((op) => op === CREATIVE_OP.refresh))
			.map((d) => d.day);
		expect(refreshDays).toEqual([90, 180]);
		expect(Array.from(market.state.refreshCount)).toEqual([2, 2, 2, 0]);
		expect(decisions[90].decision.reasons[0]).toEqual(['rule', 'fatigue']);
	});

	it('stays within the daily budget and is deterministic', () => {
		const scenario = withPoorCreative(40);
		const a = run(scenario, manualOps({ shares }), 4);
		const b = run(scenario, manualOps({ shares }), 4);
		expect(Array.from(a.trace.observables.spend)).toEqual(Array.from(b.trace.observables.spend));
		for (let i = 0; i < a.log.length; i++) {
			const asked = a.log.askedSpend[i * 2] + a.log.askedSpend[i * 2 + 1];
			expect(asked).toBeCloseTo(scenario.dailyBudget, 9);
		}
	});
});
