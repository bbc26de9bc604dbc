/**
 * The context a creative chooser sees before each decision in a simulated market: which
 * channel and audience segment the budget goes to, the weekday, and where the day falls in the
 * year. One-hot indicators (channel, segment, and their cell: clicks scale with a channel's
 * budget and differ by segment within it, so a linear model needs the interaction) and a yearly
 * sine/cosine pair, so a linear reward model can fit cell, weekly and seasonal levels.
 */
import * as pm from '../../sim/portable-math';
import type { Scenario } from '../../sim/scenario';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const YEAR_DAYS = 365.25;

/** Where each feature sits in a context vector, and its name. */
export interface ContextLayout {
	/** Feature names, in order. */
	names: string[];
	/** Offset of the channel one-hots (−1 when only one channel decides). */
	channelAt: number;
	/** Offset of the segment one-hots. */
	segmentAt: number;
	/** Offset of the channel × segment one-hots (−1 when only one channel decides). */
	cellAt: number;
	/** Segments S. */
	segments: number;
	/** Offset of the weekday one-hots (Monday first). */
	weekdayAt: number;
	/** Offset of the season sine (the cosine follows). */
	seasonAt: number;
	/** Weekday (0 = Monday) of day 0. */
	firstWeekday: number;
	/** Day of the year (0-based) of day 0. */
	firstDayOfYear: number;
	/** Position of each scenario channel among the deciding channels (−1 if not deciding) [C]. */
	channelSlot: Int32Array;
}

/** The feature layout for `scenario` with the channels (scenario indices) that decide. */
export function contextLayout(scenario: Scenario, channels: readonly number[]): ContextLayout {
	const names: string[] = [];
	const channelSlot = new Int32Array(scenario.channels.length).fill(-1);
	channels.forEach((c, j) => (channelSlot[c] = j));
	const channelAt = channels.length > 1 ? 0 : -1;
	if (channelAt >= 0) for (const c of channels) names.push(`channel_${scenario.channels[c].id}`);
	const segmentAt = names.length;
	for (const s of scenario.segments) names.push(`segment_${s.id}`);
	const cellAt = channelAt >= 0 && scenario.segments.length > 1 ? names.length : -1;
	if (cellAt >= 0) {
		for (const c of channels) {
			for (const s of scenario.segments) names.push(`cell_${scenario.channels[c].id}_${s.id}`);
		}
	}
	const weekdayAt = names.length;
	for (const w of WEEKDAYS) names.push(`weekday_${w}`);
	const seasonAt = names.length;
	names.push('season_sin', 'season_cos');
	const [y, m, d] = scenario.startDate.split('-').map(Number);
	const start = Date.UTC(y, m - 1, d);
	const firstWeekday = (new Date(start).getUTCDay() + 6) % 7;
	const firstDayOfYear = Math.round((start - Date.UTC(y, 0, 1)) / 86_400_000);
	return {
		names,
		channelAt,
		segmentAt,
		cellAt,
		segments: scenario.segments.length,
		weekdayAt,
		seasonAt,
		firstWeekday,
		firstDayOfYear,
		channelSlot
	};
}

/** The context vector of a decision for channel `c`, segment `s` on day `day`. */
export function contextOf(layout: ContextLayout, c: number, s: number, day: number): number[] {
	const x = new Array<number>(layout.names.length).fill(0);
	if (layout.channelAt >= 0) x[layout.channelAt + layout.channelSlot[c]] = 1;
	x[layout.segmentAt + s] = 1;
	if (layout.cellAt >= 0) x[layout.cellAt + layout.channelSlot[c] * layout.segments + s] = 1;
	x[layout.weekdayAt + ((layout.firstWeekday + day) % 7)] = 1;
	const angle = (2 * Math.PI * ((layout.firstDayOfYear + day) % YEAR_DAYS)) / YEAR_DAYS;
	x[layout.seasonAt] = pm.sin(angle);
	x[layout.seasonAt + 1] = pm.cos(angle);
	return x;
}
