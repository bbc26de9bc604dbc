/**
 * Ticks for charts whose x axis is the pilot's days (0 … days − 1) drawn on a linear scale:
 * d3's calendar ticks (months, or weeks on short runs) mapped back to day indices, labelled
 * "Mar" or, for January, the year. Pure; tested in node.
 */
import { scaleUtc, utcFormat } from 'd3';
import { dayDate } from './format';
import { horizontalTicks, type Tick } from './ticks';

const month = utcFormat('%b');
const year = utcFormat('%Y');
const dayOfMonth = utcFormat('%b %-d');
const DAY_MS = 86_400_000;

/**
 * Labelled ticks for days 0 … days − 1 of a run starting on `startDate` (YYYY-MM-DD), placed
 * with `position(day)` over `width` px, never closer than their labels allow.
 */
export function dayTicks(
	startDate: string,
	days: number,
	position: (day: number) => number,
	width: number
): Tick<number>[] {
	if (days <= 0) return [];
	const first = dayDate(startDate, 0);
	const last = dayDate(startDate, Math.max(0, days - 1));
	const time = scaleUtc().domain([first, last]);
	const dates = time.ticks(Math.max(2, Math.floor(width / 60)));
	const monthly = dates.every((d) => d.getUTCDate() === 1);
	const label = (d: Date) =>
		monthly ? (d.getUTCMonth() === 0 ? year(d) : month(d)) : dayOfMonth(d);
	const values = dates.map((d) => Math.round((d.getTime() - first.getTime()) / DAY_MS));
	return horizontalTicks(values, position, (day) => label(dayDate(startDate, day)));
}

/** "Mon, Jan 5, 2026" for day `day` of a run starting on `startDate`. */
const weekday = utcFormat('%a, %b %-d, %Y');
export function formatDay(startDate: string, day: number): string {
	return weekday(dayDate(startDate, day));
}
