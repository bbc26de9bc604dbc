/**
 * The LTV model's inputs: a cohort record (cohort-log.ts) as a row of numbers, in named groups
 * so importance and partial dependence speak of "segment" or "repeat orders, days 1–7" rather
 * than column 14. Everything here is known 28 days after acquisition.
 *
 * Columns: segment one-hot [S], channel one-hot [C + 1, the last = direct], creative-slot
 * one-hot [K + 1, the last = none], promotion share, season (sin, cos of the day of year),
 * log(1 + customers) / 5, repeat orders per customer in days 1–7, 8–14, 15–28 (× 10, so
 * typical values are near 1), first-order value / 100.
 */
import type { CohortRecord } from './cohort-log';

/** The layout a feature matrix was built for (saved with a model). */
export interface LtvLayout {
	/** Segments, channels (without direct) and creative slots. */
	S: number;
	C: number;
	K: number;
	segmentNames: string[];
	channelNames: string[];
}

/** A named group of columns. */
export interface FeatureGroup {
	/** Stable key. */
	key: string;
	/** Readable label for charts. */
	label: string;
	/** Column indices. */
	columns: number[];
	/** Whether the group is one numeric column (partial dependence can sweep it). */
	numeric: boolean;
}

/** Column groups of the layout, in column order. */
export function ltvFeatureGroups(layout: LtvLayout): FeatureGroup[] {
	const { S, C, K } = layout;
	let next = 0;
	const take = (n: number) => Array.from({ length: n }, () => next++);
	return [
		{ key: 'segment', label: 'Segment', columns: take(S), numeric: false },
		{ key: 'channel', label: 'Channel', columns: take(C + 1), numeric: false },
		{ key: 'creative', label: 'Creative slot', columns: take(K + 1), numeric: false },
		{ key: 'promotion', label: 'Bought in a promotion', columns: take(1), numeric: true },
		{ key: 'season', label: 'Season', columns: take(2), numeric: false },
		{ key: 'size', label: 'Cohort size', columns: take(1), numeric: true },
		{ key: 'repeats7', label: 'Repeat orders, days 1–7', columns: take(1), numeric: true },
		{ key: 'repeats14', label: 'Repeat orders, days 8–14', columns: take(1), numeric: true },
		{ key: 'repeats28', label: 'Repeat orders, days 15–28', columns: take(1), numeric: true },
		{ key: 'firstOrder', label: 'First-order value', columns: take(1), numeric: true }
	];
}

/** Columns per row. */
export function ltvColumnCount(layout: LtvLayout): number {
	return layout.S + layout.C + 1 + layout.K + 1 + 1 + 2 + 1 + 3 + 1;
}

/** Scale of the repeat-order columns (per customer × 10). */
export const REPEAT_SCALE = 10;
/** Divisor of the first-order value column (currency units → about 1). */
export const FIRST_ORDER_SCALE = 100;

/** Rows of features [n × columns], row-major, for `records`. */
export function ltvFeatures(records: readonly CohortRecord[], layout: LtvLayout): Float32Array {
	const { S, C, K } = layout;
	const width = ltvColumnCount(layout);
	const out = new Float32Array(records.length * width);
	records.forEach((r, i) => {
		const row = i * width;
		out[row + r.segment] = 1;
		out[row + S + Math.min(r.channel, C)] = 1;
		out[row + S + C + 1 + (r.creative < 0 ? K : r.creative)] = 1;
		let col = S + C + 1 + K + 1;
		out[row + col++] = r.promotion;
		const angle = (2 * Math.PI * r.dayOfYear) / 365;
		out[row + col++] = Math.sin(angle);
		out[row + col++] = Math.cos(angle);
		out[row + col++] = Math.log1p(r.customers) / 5;
		out[row + col++] = r.repeats7 * REPEAT_SCALE;
		out[row + col++] = r.repeats14 * REPEAT_SCALE;
		out[row + col++] = r.repeats28 * REPEAT_SCALE;
		out[row + col] = r.firstOrderValue / FIRST_ORDER_SCALE;
	});
	return out;
}

/** Targets: value per customer [n]. */
export function ltvTargets(records: readonly CohortRecord[]): Float64Array {
	return Float64Array.from(records, (r) => r.value);
}

/** Weights: customers per cohort [n] (errors are per customer, not per cohort). */
export function ltvWeights(records: readonly CohortRecord[]): Float64Array {
	return Float64Array.from(records, (r) => r.customers);
}
