/**
 * The decision log: why spend moved. One row per decision, per channel: the previous and new
 * daily budget, the policy's estimate of the marginal return with its uncertainty, reason tags,
 * and the guardrail clips that changed the policy's request. Compact typed arrays (it is stored
 * with every run), grown by doubling.
 */
import type { GuardrailClip } from '../guardrails/types';
import type { ReasonTag } from '../policies/policy';

export const REASON_TAGS: readonly ReasonTag[] = [
	'exploit',
	'explore',
	'fatigue',
	'saturation',
	'seasonality',
	'rule',
	'hold',
	'guardrail',
	// Last so that saved bitmasks keep their meaning.
	'drift',
	'value'
];

/** Bitmask of reason tags. */
export function reasonMask(tags: readonly ReasonTag[]): number {
	let mask = 0;
	for (const tag of tags) mask |= 1 << REASON_TAGS.indexOf(tag);
	return mask;
}

export function reasonsOf(mask: number): ReasonTag[] {
	return REASON_TAGS.filter((_, i) => mask & (1 << i));
}

export interface DecisionLog {
	/** Channels per row. */
	C: number;
	/** Decisions recorded. */
	length: number;
	/** Day of each decision [n]. */
	day: Int32Array;
	/** Daily budget per channel before and after the decision (after guardrails) [n·C]. */
	previousSpend: Float64Array;
	newSpend: Float64Array;
	/** What the policy asked for, before guardrails [n·C]. */
	askedSpend: Float64Array;
	/** The policy's marginal-return estimate and its uncertainty [n·C] (NaN when it has none). */
	marginalReturn: Float64Array;
	uncertainty: Float64Array;
	/** Reason-tag bitmask [n·C] (see REASON_TAGS). */
	reasons: Uint16Array;
	/** Every guardrail clip, in order. */
	clips: GuardrailClip[];
	/**
	 * Drift alerts of weekly KS checks on the run's observables (pilot day of the check, drifted
	 * features, smallest p-value). Optional: runs saved before drift checks have none.
	 */
	alerts?: DriftLogAlert[];
}

/** One drift alert in a decision log. */
export interface DriftLogAlert {
	/** Pilot day (0 = first pilot day) of the check that fired. */
	day: number;
	/**
	 * Features whose KS test crossed the corrected level, e.g. `display.cpm`; or
	 * `revenuePerDollar` for a performance-decay alert.
	 */
	features: string[];
	/** Smallest p-value among the KS tests (1 for a performance-decay alert alone). */
	pValue: number;
	/** Performance-decay alerts: new-customer revenue per ad dollar, recent over reference, − 1. */
	decay?: number;
}

export function createDecisionLog(C: number, capacity = 64): DecisionLog {
	return {
		C,
		length: 0,
		day: new Int32Array(capacity),
		previousSpend: new Float64Array(capacity * C),
		newSpend: new Float64Array(capacity * C),
		askedSpend: new Float64Array(capacity * C),
		marginalReturn: new Float64Array(capacity * C),
		uncertainty: new Float64Array(capacity * C),
		reasons: new Uint16Array(capacity * C),
		clips: []
	};
}

function grow<T extends Int32Array | Float64Array | Uint16Array>(array: T, size: number): T {
	if (array.length >= size) return array;
	const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
	next.set(array);
	return next;
}

export interface DecisionRow {
	day: number;
	previousSpend: ArrayLike<number>;
	askedSpend: ArrayLike<number>;
	newSpend: ArrayLike<number>;
	marginalReturn: ArrayLike<number>;
	uncertainty: ArrayLike<number>;
	reasons: readonly (readonly ReasonTag[])[];
	clips: readonly GuardrailClip[];
}

export function appendDecision(log: DecisionLog, row: DecisionRow): void {
	const { C } = log;
	const n = log.length + 1;
	log.day = grow(log.day, n);
	for (const key of [
		'previousSpend',
		'newSpend',
		'askedSpend',
		'marginalReturn',
		'uncertainty'
	] as const) {
		log[key] = grow(log[key], n * C);
	}
	log.reasons = grow(log.reasons, n * C);
	const i = log.length;
	log.day[i] = row.day;
	for (let c = 0; c < C; c++) {
		log.previousSpend[i * C + c] = row.previousSpend[c];
		log.askedSpend[i * C + c] = row.askedSpend[c];
		log.newSpend[i * C + c] = row.newSpend[c];
		log.marginalReturn[i * C + c] = row.marginalReturn[c];
		log.uncertainty[i * C + c] = row.uncertainty[c];
		const clipped = row.clips.some((clip) => clip.channel === c);
		log.reasons[i * C + c] = reasonMask(
			clipped ? [...row.reasons[c], 'guardrail'] : row.reasons[c]
		);
	}
	log.clips.push(...row.clips);
	log.length = n;
}

/** The log trimmed to its length (for storage and transfer). */
export function trimDecisionLog(log: DecisionLog): DecisionLog {
	const n = log.length;
	const C = log.C;
	return {
		C,
		length: n,
		day: log.day.slice(0, n),
		previousSpend: log.previousSpend.slice(0, n * C),
		newSpend: log.newSpend.slice(0, n * C),
		askedSpend: log.askedSpend.slice(0, n * C),
		marginalReturn: log.marginalReturn.slice(0, n * C),
		uncertainty: log.uncertainty.slice(0, n * C),
		reasons: log.reasons.slice(0, n * C),
		clips: log.clips,
		...(log.alerts ? { alerts: log.alerts } : {})
	};
}

/** The typed arrays' buffers of a decision log, to transfer (not copy) across a worker boundary. */
export function decisionLogBuffers(log: DecisionLog): ArrayBuffer[] {
	return [
		log.day,
		log.previousSpend,
		log.newSpend,
		log.askedSpend,
		log.marginalReturn,
		log.uncertainty,
		log.reasons
	].map((array) => array.buffer as ArrayBuffer);
}
