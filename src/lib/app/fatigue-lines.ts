/**
 * Creative fatigue for the report: one channel's creatives' click rates over the pilot, averaged
 * over a trailing window weighted by impressions (days without impressions add nothing), and the
 * days a policy paused, launched or refreshed each of them. Pure.
 */
import type { CreativeEvent, CreativeSeries } from '../experiment/creative-series';

/** One creative's line. */
export interface FatigueLine {
	/** Index into the series' creatives. */
	creative: number;
	/** Slot in its channel (for its colour). */
	slot: number;
	name: string;
	/** Smoothed click rate per day, clicks per impression; NaN while the window saw no impressions. */
	clickRate: Float64Array;
	/** Impressions over the pilot. */
	impressions: number;
	/** Its pauses, launches and refreshes. */
	events: CreativeEvent[];
}

/**
 * Lines of channel `channel`'s creatives, the click rate of each day the impression-weighted mean
 * over the trailing `window` days.
 */
export function fatigueLines(series: CreativeSeries, channel: number, window = 7): FatigueLine[] {
	const { days } = series;
	const w = Math.max(1, Math.floor(window));
	const lines: FatigueLine[] = [];
	series.creatives.forEach((info, i) => {
		if (info.channel !== channel) return;
		const clickRate = new Float64Array(days);
		let clicks = 0;
		let shown = 0;
		let impressions = 0;
		const clicksOn = (d: number) => {
			const n = series.impressions[i * days + d];
			return n > 0 ? series.clickRate[i * days + d] * n : 0;
		};
		for (let d = 0; d < days; d++) {
			clicks += clicksOn(d);
			shown += series.impressions[i * days + d];
			impressions += series.impressions[i * days + d];
			if (d >= w) {
				clicks -= clicksOn(d - w);
				shown -= series.impressions[i * days + d - w];
			}
			// Rounding can leave a tiny positive residue after the window passes the last impressions.
			clickRate[d] = shown > 1e-9 ? clicks / shown : NaN;
		}
		lines.push({
			creative: i,
			slot: info.slot,
			name: info.name,
			clickRate,
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
