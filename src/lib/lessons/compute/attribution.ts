/**
 * Lesson "last click vs true incrementality": a year of the usual split in the last-click-trap
 * market; each channel's last-click credit against the conversions it truly caused. Lower-
 * funnel channels (brand search, retargeting) catch people who were going to buy anyway.
 */
import { loadPreset } from '../../sim/presets';
import { runFixedSplit } from '../../sim/run';
import { csByChannel, totalOverDays } from '../../sim/trace';
import type { ControlValues, LessonOutcome } from '../lesson';
import { int } from './text';

export function attribution(values: ControlValues): LessonOutcome {
	const scenario = loadPreset(
		String(values.market) === 'dtc-default' ? 'dtc-default' : 'last-click-trap'
	);
	const days = Number(values.days);
	const market = runFixedSplit(scenario, { days });
	const trace = market.trace;
	const total = (series: Float64Array) =>
		totalOverDays(csByChannel(trace, series, days), trace.C, days);
	const truth = total(trace.truth.incConversions);
	const lastClick = total(trace.observables.lastClickConversions);
	const rows = scenario.channels.map((channel, c) => ({
		id: channel.id,
		name: channel.name,
		truth: truth[c],
		lastClick: lastClick[c],
		ratio: truth[c] > 0 ? lastClick[c] / truth[c] : Infinity
	}));
	const most = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
	const least = rows.reduce((a, b) => (b.ratio < a.ratio ? b : a));
	return {
		answer: most.id,
		reveal: [
			`Last click gives ${most.name} ${most.ratio.toFixed(1)}× the conversions it truly causes (${int(most.lastClick)} credited, ${int(most.truth)} caused over ${days} days).`,
			`${least.name} gets only ${least.ratio.toFixed(2)}× its true effect: its ads start journeys that end with a click on another channel.`,
			`A budget rule that follows last-click ROAS moves money toward ${most.name} — where it buys the least.`
		],
		table: {
			columns: ['Channel', 'Truly caused', 'Last-click credit', 'Credit ÷ truth'],
			rows: rows.map((r) => [r.name, int(r.truth), int(r.lastClick), `${r.ratio.toFixed(2)}×`])
		}
	};
}
