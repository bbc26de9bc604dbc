/**
 * Time axes of the MMM charts: period dates (ISO YYYY-MM-DD, UTC) as Dates, and month/year
 * ticks that never overlap nor repeat a label. Pure; shared by MmmDecomposition and MmmResiduals.
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

/** A UTC time scale over `dates` onto [0, width], with labelled ticks that keep apart. */
export function timeAxis(
	dates: readonly string[],
	width: number
): { x: (iso: string) => number; ticks: Tick<Date>[]; invert: (px: number) => number } {
	const parsed = dates.map(isoToDate);
	const scale = scaleUtc()
		.domain([parsed[0], parsed[parsed.length - 1]])
		.range([0, width]);
	const span = parsed[parsed.length - 1].getTime() - parsed[0].getTime();
	const format = span < SHORT_SPAN_MS ? monthDay : monthYear;
	// Distinct labels only: axes key their ticks by label.
	const seen = new Set<string>();
	const candidates = scale.ticks(Math.max(4, Math.floor(width / 70))).filter((d) => {
		const label = format(d);
		if (seen.has(label)) return false;
		seen.add(label);
		return true;
	});
	const ticks = horizontalTicks(candidates, (d) => scale(d), format);
	const positions = parsed.map((d) => scale(d));
	/** Index of the period nearest to pixel `px`. */
	const invert = (px: number) => {
		let best = 0;
		for (let i = 1; i < positions.length; i++) {
			if (Math.abs(positions[i] - px) < Math.abs(positions[best] - px)) best = i;
		}
		return best;
	};
	return { x: (iso) => scale(isoToDate(iso)), ticks, invert };
}
