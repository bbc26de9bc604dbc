/**
 * Creative fatigue for the report: one channel's creatives' click rates over the pilot, averaged
 * over a trailing window weighted by impressions (days without impressions add nothing), and the
 * days a policy paused, launched or refreshed each of them. Pure.
 */
import type { CreativeEvent, CreativeSeries } from '../experiment/creative-series';

/**
 * Expected clicks a window needs before its click rate is drawn: with n clicks the rate's relative
 * standard error is about 1/√n, so 25 keeps it near 20 %. A creative kept at a sliver of its
 * channel's budget (a floor share, the days around a pause) otherwise draws 60 % or 10 % from a
 * dozen impressions — spikes that read as wear-out or recovery and are neither.
 */
export const MIN_WINDOW_CLICKS = 25;

/** One creative's line. */
export interface FatigueLine {
	/** Index into the series' creatives. */
	creative: number;
	/** Slot in its channel (for its colour). */
	slot: number;
	name: string;
	/**
	 * Smoothed click rate per day, clicks per impression; NaN while the window saw no impressions
	 * or too few to measure (see `windowImpressions`).
	 */
	clickRate: Float64Array;
	/** Impressions in each day's trailing window. */
	windowImpressions: Float64Array;
	/** Impressions over the pilot. */
	impressions: number;
	/** Its pauses, launches and refreshes. */
	events: CreativeEvent[];
}

/**
 * Lines of channel `channel`'s creatives, the click rate of each day the impression-weighted mean
 * over the trailing `window` days — left out (NaN) where the window's impressions are worth fewer
 * than `minClicks` clicks at the creative's click rate over the whole pilot.
 */
export function fatigueLines(
	series: CreativeSeries,
	channel: number,
	window = 7,
	minClicks = MIN_WINDOW_CLICKS
): FatigueLine[] {
	const { days } = series;
	const w = Math.max(1, Math.floor(window));
	const lines: FatigueLine[] = [];
	series.creatives.forEach((info, i) => {
		if (info.channel !== channel) return;
		const clickRate = new Float64Array(days);
		const windowImpressions = new Float64Array(days);
		const clicksOn = (d: number) => {
			const n = series.impressions[i * days + d];
			return n > 0 ? series.clickRate[i * days + d] * n : 0;
		};
		let impressions = 0;
		let allClicks = 0;
		for (let d = 0; d < days; d++) {
			impressions += series.impressions[i * days + d];
			allClicks += clicksOn(d);
		}
		// Impressions worth `minClicks` clicks at the creative's own click rate over the pilot.
		const enough =
			minClicks <= 0 ? 0 : allClicks > 0 ? (minClicks * impressions) / allClicks : Infinity;
		let clicks = 0;
		let shown = 0;
		for (let d = 0; d < days; d++) {
			clicks += clicksOn(d);
			shown += series.impressions[i * days + d];
			if (d >= w) {
				clicks -= clicksOn(d - w);
				shown -= series.impressions[i * days + d - w];
			}
			// Rounding can leave a tiny positive residue after the window passes the last impressions.
			windowImpressions[d] = shown > 1e-9 ? shown : 0;
			clickRate[d] = shown > 1e-9 && shown >= enough ? clicks / shown : NaN;
		}
		lines.push({
			creative: i,
			slot: info.slot,
			name: info.name,
			clickRate,
			windowImpressions,
			impressions,
			events: series.events.filter((e) => e.creative === i)
		});
	});
	return lines;
}

/** Channels that have at least one creative in the series, in order. */
export function channelsWithCreatives(series: CreativeSeries): number[] {
	return [...new Set(series.creatives.map((c) => c.channel))].sort((a, b) => a - b);
}

/** The channel whose creatives paused, launched or refreshed most (the chart opens on it). */
export function busiestChannel(series: CreativeSeries): number {
	const channels = channelsWithCreatives(series);
	let best = channels[0] ?? 0;
	let most = -1;
	for (const c of channels) {
		const n = series.events.filter((e) => series.creatives[e.creative].channel === c).length;
		if (n > most) {
			most = n;
			best = c;
		}
	}
	return best;
}
