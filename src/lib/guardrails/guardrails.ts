/**
 * The guardrails every policy runs under, put together from one file per rule: input cleaning
 * (inputs.ts), channel budgets (channels.ts), pacing and the 30-day window (pacing.ts),
 * frequency caps (frequency.ts) and budget protection (protection.ts). Precedence between rules
 * is listed in types.ts and channels.ts.
 *
 * `enforce` clips a decision; `control` turns the enforced daily budget into each step's action.
 * Some rules must act between decisions — a monthly policy must not blow through a 30-day window,
 * a weekly frequency cap or a protection threshold in the meantime — so `control` re-reads the
 * observables every step, and only ever lowers what `enforce` allowed.
 */
import type { Decision, Layout, PolicyView } from '../policies/policy';
import type { MarketAction } from '../sim/market';
import { formatFieldError } from '../sim/scenario';
import { boundChannelBudgets, ROUNDING, type ChannelRules } from './channels';
import { frequencyCapsFor } from './frequency';
import { cleanDecision, liveAfterOps } from './inputs';
import { paidOn, slotShare, windowAllowance } from './pacing';
import { createProtection, type ProtectionState } from './protection';
import { parseGuardrails } from './schema';
import type { Enforced, GuardrailClip, GuardrailConfig, Guardrails } from './types';

/** Plain-data state of a guardrail set (for saving a run). */
export interface GuardrailState {
	/** Decisions enforced so far (the first has no shift limit). */
	decisions: number;
	/** Day and slot of the last decision, and its creative operations [C·K]. */
	opsDay: number;
	opsSlot: number;
	ops: number[];
	/** Day the pacing clip was last reported (reported once a day). */
	pacingReported: number;
	protection: ProtectionState;
	/** Clips made at the end of a day, returned by the next `control`. */
	pending: GuardrailClip[];
}

/**
 * The day clips are dated with: days since the pilot started, as in the decision log (the view
 * counts from the first day of history).
 */
export function pilotDay(view: Pick<PolicyView, 'day' | 'pilotStart'>): number {
	return view.day - (view.pilotStart ?? 0);
}

/** Channel minimum and maximum per channel, currency/day, from the config's ranges by id. */
function channelRules(config: GuardrailConfig, layout: Layout, dailyBudget: number): ChannelRules {
	const { C, channelIds } = layout;
	const min = new Float64Array(C);
	const max = new Float64Array(C).fill(Infinity);
	for (let c = 0; c < C; c++) {
		const range = config.channelRange[channelIds[c]];
		if (range) {
			min[c] = range.min;
			max[c] = range.max ?? Infinity;
		}
	}
	return {
		dailyBudget,
		maxDailyOverdelivery: config.maxDailyOverdelivery,
		min,
		max,
		minExplorationShare: config.minExplorationShare,
		maxShiftPct: config.maxShiftPct
	};
}

/**
 * Guardrails for one run on a market of `layout` with `dailyBudget` (currency/day). Throws when
 * `config` is invalid or names channels the market does not have (validate with
 * `parseGuardrails` first to show the errors).
 */
export function createGuardrails(
	config: GuardrailConfig,
	layout: Layout,
	dailyBudget: number
): Guardrails {
	const checked = parseGuardrails(config, { channelIds: layout.channelIds });
	if (!checked.ok) {
		throw new Error(`Invalid guardrails: ${checked.errors.map(formatFieldError).join('; ')}`);
	}
	const { C, K } = layout;
	const rules = channelRules(config, layout, dailyBudget);
	const totalCap = dailyBudget * config.maxDailyOverdelivery;
	const protection = createProtection(layout, config.protectionThreshold);
	const state = {
		decisions: 0,
		opsDay: -1,
		opsSlot: -1,
		ops: new Uint8Array(C * K),
		pacingReported: -1,
		pending: [] as GuardrailClip[]
	};
	// Per-day cache: frequency caps and the 30-day window allowance for `cacheDay`.
	let cacheDay = -1;
	const caps = new Float64Array(C);
	let allowance = Infinity;
	// Scratch.
	const live = new Uint8Array(C * K);
	const usable = new Uint8Array(C * K);
	const paid = new Float64Array(C);
	/** The daily budget last enforced or paced (to say what a halt stopped). */
	let lastDaily: Float64Array = new Float64Array(C * K);

	/** Refresh the per-day cache for `view.day`; weekly caps that bind are reported once a day. */
	function startDay(view: PolicyView, clips: GuardrailClip[]): void {
		if (cacheDay === view.day) return;
		cacheDay = view.day;
		frequencyCapsFor(
			view.observed,
			layout,
			view.day,
			config.frequencyCapPerDay,
			config.frequencyCapPerWeek,
			caps
		);
		for (let c = 0; c < C; c++) {
			if (caps[c] < config.frequencyCapPerDay) {
				clips.push({
					day: pilotDay(view),
					rule: 'frequency-cap',
					channel: c,
					creative: -1,
					asked: config.frequencyCapPerDay,
					allowed: caps[c]
				});
			}
		}
		allowance = windowAllowance(view.observed, layout, view.day, dailyBudget, view.pilotStart ?? 0);
	}

	/** Count the platform reports so far; report new halts with the budget they stop. */
	function syncProtection(view: PolicyView, daily: ArrayLike<number>, clips: GuardrailClip[]) {
		for (const [c, k] of protection.sync(view.observed, view.day, view.pilotStart ?? 0)) {
			let asked = 0;
			if (k >= 0) asked = daily[c * K + k];
			else for (let j = 0; j < K; j++) asked += daily[c * K + j];
			clips.push({
				day: pilotDay(view),
				rule: 'budget-protection',
				channel: c,
				creative: k,
				asked,
				allowed: 0
			});
		}
	}

	/** Slots that can spend now: live after `ops`, not halted, on a channel not halted. */
	function markUsable(view: PolicyView, ops: ArrayLike<number> | null): void {
		liveAfterOps(view.creativeActive, ops, layout.creativeExists, live);
		for (let ck = 0; ck < C * K; ck++) {
			usable[ck] =
				live[ck] && !protection.haltedCreative[ck] && !protection.haltedChannel[Math.floor(ck / K)]
					? 1
					: 0;
		}
	}

	/** Spread `total` over channel c's usable slots in proportion to `weights` (evenly if none). */
	function split(c: number, total: number, weights: ArrayLike<number>, out: Float64Array): void {
		let sum = 0;
		let n = 0;
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			if (!usable[ck]) continue;
			sum += weights[ck];
			n++;
		}
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			if (!usable[ck] || n === 0) out[ck] = 0;
			else out[ck] = sum > 0 ? (total * weights[ck]) / sum : total / n;
		}
	}

	/** The budget to offer in the current slot [C·K] (pacing, window, protection). */
	function offer(daily: Float64Array, view: PolicyView, out: Float64Array, clips: GuardrailClip[]) {
		lastDaily = daily;
		startDay(view, clips);
		syncProtection(view, daily, clips);
		const pending = state.opsDay === view.day && state.opsSlot === view.slot ? state.ops : null;
		markUsable(view, pending);
		paidOn(view.observed, layout, view.day, paid);
		// The day's plan: the enforced daily budget, scaled to what the 30-day window leaves.
		const dayCap = Math.min(totalCap, allowance);
		let planned = 0;
		let paidToday = 0;
		for (let ck = 0; ck < C * K; ck++) planned += daily[ck];
		for (let c = 0; c < C; c++) paidToday += paid[c];
		const scale = planned > dayCap ? dayCap / planned : 1;
		if (scale < 1 - ROUNDING && state.pacingReported !== view.day) {
			state.pacingReported = view.day;
			for (let c = 0; c < C; c++) {
				let asked = 0;
				for (let k = 0; k < K; k++) asked += daily[c * K + k];
				if (asked > 0)
					clips.push({
						day: pilotDay(view),
						rule: 'pacing',
						channel: c,
						creative: -1,
						asked,
						allowed: asked * scale
					});
			}
		}
		const share = slotShare(config.pacing, view.slot, view.stepsPerDay);
		let offered = 0;
		for (let c = 0; c < C; c++) {
			let plan = 0;
			for (let k = 0; k < K; k++) plan += daily[c * K + k];
			const channelOffer = Math.min(
				Math.max(0, plan * scale - paid[c]) * share,
				protection.channelAllowance(c)
			);
			split(c, channelOffer, daily, out);
			// A creative may not pass its own protection allowance; what it cannot take is not moved.
			let sum = 0;
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				if (out[ck] > 0) out[ck] = Math.min(out[ck], protection.creativeAllowance(ck));
				sum += out[ck];
			}
			offered += sum;
		}
		// With slot-cadence decisions the plan can move between channels during a day: hold the
		// day's total to what is left of the day's cap.
		const left = Math.max(0, dayCap - paidToday);
		if (offered > left) {
			const cut = left / offered;
			for (let ck = 0; ck < C * K; ck++) out[ck] *= cut;
		}
	}

	const guard: Guardrails = {
		config,
		enforce(decision: Decision, view: PolicyView, previous: Float64Array): Enforced {
			const day = pilotDay(view);
			const clips: GuardrailClip[] = [];
			const clean = cleanDecision(decision, layout, day, clips);
			startDay(view, state.pending);
			syncProtection(view, previous, clips);
			markUsable(view, clean.creativeOps);
			let before: Float64Array | null = null;
			if (state.decisions > 0) {
				before = new Float64Array(C);
				for (let ck = 0; ck < C * K; ck++) before[Math.floor(ck / K)] += previous[ck];
			}
			// Channel totals asked and whether each channel can run at all.
			const asked = new Float64Array(C);
			const available = new Uint8Array(C);
			for (let c = 0; c < C; c++) {
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					asked[c] += clean.spend[ck];
					if (usable[ck]) available[c] = 1;
					else if (clean.spend[ck] > 0) {
						const halted = protection.haltedCreative[ck] || protection.haltedChannel[c];
						clips.push({
							day,
							rule: halted ? 'budget-protection' : 'inactive-creative',
							channel: c,
							creative: k,
							asked: clean.spend[ck],
							allowed: 0
						});
					}
				}
				// A channel that cannot run is reported even when it was asked nothing, if a floor or
				// the shift limit would have funded it: that is why they did not apply.
				const range = config.channelRange[layout.channelIds[c]];
				const held =
					(range?.min ?? 0) > 0 ||
					config.minExplorationShare > 0 ||
					(before !== null && before[c] > 0 && config.maxShiftPct !== Infinity);
				if (!available[c] && (asked[c] > 0 || held)) {
					let halted = protection.haltedChannel[c] === 1;
					for (let k = 0; k < K; k++)
						if (live[c * K + k] && protection.haltedCreative[c * K + k]) halted = true;
					clips.push({
						day,
						rule: halted ? 'budget-protection' : 'inactive-creative',
						channel: c,
						creative: -1,
						asked: asked[c],
						allowed: 0
					});
				}
			}
			const totals = boundChannelBudgets(asked, available, before, rules, day, clips);
			const spend = new Float64Array(C * K);
			for (let c = 0; c < C; c++) split(c, totals[c], clean.spend, spend);

			const bidCap = clean.bidCap;
			for (let c = 0; c < C; c++) {
				if (bidCap[c] > config.maxBidCpm) {
					clips.push({
						day,
						rule: 'max-bid',
						channel: c,
						creative: -1,
						asked: bidCap[c],
						allowed: config.maxBidCpm
					});
					bidCap[c] = config.maxBidCpm;
				}
			}
			state.decisions++;
			state.opsDay = view.day;
			state.opsSlot = view.slot;
			state.ops.set(clean.creativeOps);
			return {
				spend,
				bidCap,
				frequencyCap: Float64Array.from(caps),
				excludeUnsafe: new Uint8Array(C).fill(config.excludeBrandUnsafe ? 1 : 0),
				suppressExisting: new Uint8Array(C).fill(config.suppressExistingCustomers ? 1 : 0),
				creativeOps: clean.creativeOps,
				segmentTilt: clean.segmentTilt,
				clips
			};
		},
		pace(daily: Float64Array, view: PolicyView, out: Float64Array): void {
			offer(daily, view, out, state.pending);
		},
		control(daily: Float64Array, view: PolicyView, action: MarketAction): GuardrailClip[] {
			const clips = state.pending;
			state.pending = [];
			offer(daily, view, action.spend, clips);
			action.frequencyCap.set(caps);
			return clips;
		},
		endDay(view: PolicyView): void {
			syncProtection(view, lastDaily, state.pending);
		},
		getState: (): GuardrailState => ({
			decisions: state.decisions,
			opsDay: state.opsDay,
			opsSlot: state.opsSlot,
			ops: Array.from(state.ops),
			pacingReported: state.pacingReported,
			protection: protection.getState(),
			pending: state.pending.map((clip) => ({ ...clip }))
		}),
		setState(saved: unknown): void {
			const s = saved as GuardrailState;
			state.decisions = s.decisions;
			state.opsDay = s.opsDay;
			state.opsSlot = s.opsSlot;
			state.ops.set(s.ops);
			state.pacingReported = s.pacingReported;
			state.pending = s.pending.map((clip) => ({ ...clip }));
			protection.setState(s.protection);
			cacheDay = -1;
		}
	};
	return guard;
}
