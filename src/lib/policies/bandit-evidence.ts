/**
 * What a bandit allocator learns from one completed day: per channel, the spend and the value
 * the chosen attribution signal credits it with, split by segment where the signal allows, and
 * per creative the impressions and clicks (`DayEvidence`); and the same day in the units its
 * learners work in (`LearnerDay`). Observables only (see observe.ts).
 */
import * as v from 'valibot';
import { channelCellTotal, conversionValue, lastClickValue, platformValue } from './observe';
import type { Layout, PolicyView } from './policy';

/**
 * The attributed signal a real bandit tool would read: the site's last-click report (by channel
 * and segment) or what the ad platforms claim (by channel and creative, no segments).
 */
export const SignalSchema = v.picklist(
	['last-click', 'platform'],
	'must be "last-click" or "platform"'
);
/** 'last-click' or 'platform'. */
export type Signal = v.InferOutput<typeof SignalSchema>;

/** One completed day as the allocator sees it. Reused across days (fill, read, fill again). */
export interface DayEvidence {
	/** Day index. */
	day: number;
	/** Spend paid per channel, currency units [C]. */
	spend: Float64Array<ArrayBuffer>;
	/** Value the signal credits per channel, on the objective (currency, conversions or clicks) [C]. */
	value: Float64Array<ArrayBuffer>;
	/** Spend paid per channel × segment, currency units [C·S]. */
	segmentSpend: Float64Array;
	/** Value credited per channel × segment [C·S]; only meaningful when `bySegment`. */
	segmentValue: Float64Array;
	/** True when the signal splits value by segment (last click on a conversion objective). */
	bySegment: boolean;
	/** Impressions per channel × creative [C·K]. */
	impressions: Float64Array;
	/** Clicks per channel × creative [C·K]. */
	clicks: Float64Array;
}

/** Empty evidence buffers for a layout. */
export function createDayEvidence(layout: Pick<Layout, 'C' | 'K' | 'S'>): DayEvidence {
	const { C, K, S } = layout;
	return {
		day: 0,
		spend: new Float64Array(C),
		value: new Float64Array(C),
		segmentSpend: new Float64Array(C * S),
		segmentValue: new Float64Array(C * S),
		bySegment: false,
		impressions: new Float64Array(C * K),
		clicks: new Float64Array(C * K)
	};
}

/** Fill `out` with the observables of completed day `day` (< view.day). */
export function readDay(
	view: PolicyView,
	day: number,
	signal: Signal,
	out: DayEvidence
): DayEvidence {
	const { C, K, S } = view.layout;
	const obs = view.observed;
	out.day = day;
	channelCellTotal(view, 'spend', day, out.spend);
	if (signal === 'last-click') lastClickValue(view, day, out.value);
	else platformValue(view, day, out.value);
	out.segmentSpend.fill(0);
	out.impressions.fill(0);
	for (let c = 0; c < C; c++) {
		for (let k = 0; k < K; k++) {
			const ck = c * K + k;
			for (let s = 0; s < S; s++) {
				const cell = day * C * K * S + ck * S + s;
				out.segmentSpend[c * S + s] += obs.spend[cell];
				out.impressions[ck] += obs.impressions[cell];
			}
			out.clicks[ck] = obs.clicks[day * C * K + ck];
		}
	}
	// Last click reports conversions by segment; clicks and platform claims are not split.
	out.bySegment = signal === 'last-click' && view.objective !== 'clicks';
	for (let c = 0; c < C; c++) {
		for (let s = 0; s < S; s++) {
			out.segmentValue[c * S + s] = out.bySegment
				? obs.lastClickConversions[day * C * S + c * S + s] * conversionValue(view, s)
				: NaN;
		}
	}
	return out;
}

/** One completed day in the learner's units. Buffers are reused: copy what you keep. */
export interface LearnerDay {
	/** Day index (from the first day of history). */
	day: number;
	/** Monday = 0 … Sunday = 6. */
	weekday: number;
	/** Reward per channel: value per dollar ÷ ceiling, NaN where the channel spent nothing [C]. */
	reward: Float64Array;
	/** Weight per channel: spend ÷ an even share of the daily budget [C]. */
	weight: Float64Array;
	/** Reward per channel × segment when `bySegment` (NaN where nothing was spent) [C·S]. */
	segmentReward: Float64Array;
	/** Weight per channel × segment: spend ÷ an even channel share [C·S]. */
	segmentWeight: Float64Array;
	/** Spend share of each segment within each channel (0 where nothing was spent) [C·S]. */
	segmentMix: Float64Array;
	/** True when `segmentReward` holds values (last click on a conversion objective). */
	bySegment: boolean;
}

/** Empty learner-day buffers for a layout. */
export function createLearnerDay(layout: Pick<Layout, 'C' | 'S'>): LearnerDay {
	const { C, S } = layout;
	return {
		day: 0,
		weekday: 0,
		reward: new Float64Array(C),
		weight: new Float64Array(C),
		segmentReward: new Float64Array(C * S),
		segmentWeight: new Float64Array(C * S),
		segmentMix: new Float64Array(C * S),
		bySegment: false
	};
}

/**
 * Turn a day's evidence into learner units: value per dollar ÷ `ceiling` (value per dollar),
 * and spend ÷ an even share of the daily budget as the weight.
 */
export function toLearnerDay(
	view: PolicyView,
	e: DayEvidence,
	ceiling: number,
	out: LearnerDay
): LearnerDay {
	const { C, S } = view.layout;
	const evenShare = view.dailyBudget > 0 ? view.dailyBudget / C : 1;
	out.day = e.day;
	out.weekday = view.weekday(e.day);
	out.bySegment = e.bySegment;
	for (let c = 0; c < C; c++) {
		out.reward[c] = e.spend[c] > 0 ? e.value[c] / e.spend[c] / ceiling : NaN;
		out.weight[c] = e.spend[c] / evenShare;
		for (let s = 0; s < S; s++) {
			const cs = c * S + s;
			const spend = e.segmentSpend[cs];
			out.segmentReward[cs] = e.bySegment && spend > 0 ? e.segmentValue[cs] / spend / ceiling : NaN;
			out.segmentWeight[cs] = spend / evenShare;
			out.segmentMix[cs] = e.spend[c] > 0 ? spend / e.spend[c] : 0;
		}
	}
	return out;
}

/** Value per dollar over days [0, days), all channels together (1 when nothing was spent or credited). */
export function valuePerDollar(view: PolicyView, signal: Signal, days: number): number {
	const { C } = view.layout;
	// readDay's spend and value, without the rest of the day's evidence.
	const spendOf = new Float64Array(C);
	const valueOf = new Float64Array(C);
	let value = 0;
	let spend = 0;
	for (let d = 0; d < days; d++) {
		channelCellTotal(view, 'spend', d, spendOf);
		if (signal === 'last-click') lastClickValue(view, d, valueOf);
		else platformValue(view, d, valueOf);
		for (let c = 0; c < C; c++) {
			value += valueOf[c];
			spend += spendOf[c];
		}
	}
	return spend > 0 && value > 0 ? value / spend : 1;
}
