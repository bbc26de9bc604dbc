/**
 * Colours and line styles of chart marks. The values live in app.css as design tokens
 * (`--channel-1` … `--channel-8`, `--series-*`); here only their names, so one place sets them.
 * Channel colours follow Okabe & Ito's colour-blind-safe palette; the daily chart's lines also
 * differ by dash pattern, so they read without colour.
 */
import type { DailyLine } from './series';

/** Distinct channel colours before they repeat. */
export const CHANNEL_COLOURS = 8;

/** CSS colour of channel `c` (0-based). */
export function channelColour(c: number): string {
	return `var(--channel-${(c % CHANNEL_COLOURS) + 1})`;
}

/** How each line of the daily chart is drawn and named. */
export interface LineStyle {
	label: string;
	/** What the line is, in a phrase (legend and tooltip titles). */
	note: string;
	colour: string;
	/** SVG stroke-dasharray ('' = solid). */
	dash: string;
	/** Stroke width, px. */
	width: number;
}

export const DAILY_LINE_STYLES: Record<DailyLine, LineStyle> = {
	spend: {
		label: 'Spend',
		note: 'paid to the platforms',
		colour: 'var(--series-spend)',
		dash: '',
		width: 1.5
	},
	incRevenue: {
		label: 'True incremental revenue',
		note: 'ground truth: caused by the ads',
		colour: 'var(--series-truth)',
		dash: '',
		width: 2.5
	},
	lastClickRevenue: {
		label: 'Last-click revenue',
		note: 'credited by the site’s last-click report',
		colour: 'var(--series-last-click)',
		dash: '6 3',
		width: 2
	},
	platformRevenue: {
		label: 'Platform-reported revenue',
		note: 'claimed by the ad platforms',
		colour: 'var(--series-platform)',
		dash: '2 3',
		width: 2
	}
};

/** Distinct policy colours before they repeat (the baseline and the oracle have their own). */
export const POLICY_COLOURS = 8;

/** How a policy is drawn in every chart of the lab. */
export interface PolicyStyle {
	colour: string;
	/** SVG stroke-dasharray ('' = solid). */
	dash: string;
}

/**
 * Styles of a pilot's policies, the same in every chart: the baseline slate, the oracle ink and
 * dashed (it is a bound, not a contender), the others distinct hues in the pilot's order.
 */
export function policyStyles(
	ids: readonly string[],
	baseline: string
): Record<string, PolicyStyle> {
	const out: Record<string, PolicyStyle> = {};
	let next = 0;
	for (const id of ids) {
		if (id === baseline) out[id] = { colour: 'var(--policy-baseline)', dash: '' };
		else if (id.startsWith('oracle')) out[id] = { colour: 'var(--policy-oracle)', dash: '5 3' };
		else out[id] = { colour: `var(--policy-${(next++ % POLICY_COLOURS) + 1})`, dash: '' };
	}
	return out;
}

/** Distinct creative colours within a channel before they repeat. */
export const CREATIVE_COLOURS = 6;

/** CSS colour of creative slot `k` of a channel. */
export function creativeColour(k: number): string {
	return `var(--creative-${(k % CREATIVE_COLOURS) + 1})`;
}
