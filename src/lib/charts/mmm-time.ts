/**
 * Time axes of the MMM charts: period dates (ISO YYYY-MM-DD, UTC) as Dates, and month/year
 * ticks that never overlap nor repeat a label, for plots whose x is the period index (LinePlot).
 * Pure; shared by MmmDecomposition, MmmResiduals and MmmForecast.
 */
import { scaleUtc, utcFormat } from 'd3';
import { horizontalTicks, type Tick } from './ticks';

/** An ISO date as a UTC Date. */
export function isoToDate(iso: string): Date {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}

const monthYear = utcFormat('%b %Y');
const monthDay = utcFormat('%b %-d');

/** Under about eight months, ticks fall inside months: label them by day ("Mar 14"). */
const SHORT_SPAN_MS = 240 * 86_400_000;

/**
 * Labelled calendar ticks for evenly spaced periods `dates` (weeks or days) drawn at x indices
 * 0 … n − 1 with `position(i)` (px) over `width` px. A tick's value is its fractional period
 * index (a month's first day between two week starts sits between them), so the ticks fall on
 * their dates. Labels are "Mar 2024", or "Mar 14" under eight months; distinct (axes key their
 * ticks by label) and never closer than their widths allow.
 */
export function periodTicks(
	dates: readonly string[],
	position: (i: number) => number,
	width: number
): Tick<number>[] {
	if (dates.length === 0) return [];
	const first = isoToDate(dates[0]);
	const last = isoToDate(dates[dates.length - 1]);
	const span = last.getTime() - first.getTime();
	const format = span < SHORT_SPAN_MS ? monthDay : monthYear;
	if (span <= 0) return [{ value: 0, position: position(0), label: format(first) }];
	/** Fractional period index of a moment: periods are evenly spaced from first to last. */
	const indexOf = (d: Date) => ((d.getTime() - first.getTime()) / span) * (dates.length - 1);
	const seen = new Set<string>();
	const candidates = scaleUtc()
		.domain([first, last])
		.ticks(Math.max(4, Math.floor(width / 70)))
		.filter((d) => {
			const label = format(d);
			if (seen.has(label)) return false;
			seen.add(label);
			return true;
		});
	return horizontalTicks(candidates, (d) => position(indexOf(d)), format).map((t) => ({
		value: indexOf(t.value),
		position: t.position,
		label: t.label
	}));
}
