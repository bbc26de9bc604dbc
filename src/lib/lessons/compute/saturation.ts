/**
 * Lesson "saturation and the next marginal dollar": each channel's true response to daily
 * spend in dtc-default, and what the next dollar earns at today's split — the channel with the
 * best average return is rarely the one where the next dollar earns most.
 */
import { Market } from '../../sim/market';
import { loadPreset } from '../../sim/presets';
import { marginalLtvProfit, trueResponse } from '../../sim/response';
import type { ControlValues, LessonOutcome } from '../lesson';
import { money } from './text';

export function saturation(values: ControlValues): LessonOutcome {
	const scenario = loadPreset('dtc-default');
	const budget = Number(values.budget);
	const market = new Market(scenario, scenario.seed, 1);
	const p = market.params;
	let shareSum = 0;
	for (let c = 0; c < p.C; c++) shareSum += p.historicalShare[c];
	const rows = scenario.channels.map((channel, c) => {
		const spend = (budget * p.historicalShare[c]) / shareSum;
		const point = trueResponse(market, c, spend);
		const average = spend > 0 ? point.ltvMargin / spend : 0;
		const marginal = marginalLtvProfit(market, c, spend) + 1; // margin per extra dollar
		return { name: channel.name, id: channel.id, spend, average, marginal };
	});
	const bestMarginal = rows.reduce((a, b) => (b.marginal > a.marginal ? b : a));
	const bestAverage = rows.reduce((a, b) => (b.average > a.average ? b : a));
	const xs = Array.from(
		{ length: 41 },
		(_, i) => (i / 40) * Math.max(...rows.map((r) => r.spend)) * 2.5
	);
	return {
		answer: bestMarginal.id,
		reveal: [
			`At ${money(budget)} a day on the usual split, the next dollar earns the most lifetime margin on ${bestMarginal.name}: ${bestMarginal.marginal.toFixed(2)} per dollar.`,
			bestAverage.id === bestMarginal.id
				? `${bestAverage.name} also has the best average return (${bestAverage.average.toFixed(2)} per dollar) — here the two agree.`
				: `The best average return is ${bestAverage.name} (${bestAverage.average.toFixed(2)} per dollar), but it is saturated: its next dollar earns only ${bestAverage.marginal.toFixed(2)}.`,
			`A budget is spent well when every channel's next dollar earns the same; moving money from low to high marginal return raises profit until they meet.`
		],
		table: {
			columns: ['Channel', 'Spend a day', 'Average margin per $', 'Next $ earns'],
			rows: rows.map((r) => [r.name, money(r.spend), r.average.toFixed(2), r.marginal.toFixed(2)])
		},
		chart: {
			xs,
			series: rows.map((r, c) => ({
				id: r.id,
				label: r.name,
				channel: c,
				values: xs.map((x) => marginalLtvProfit(market, c, x) + 1)
			})),
			xTitle: 'Daily spend on the channel',
			yTitle: 'Lifetime margin of the next dollar',
			xFormat: 'money',
			yFormat: 'decimal',
			caption:
				'What one more dollar a day returns in lifetime margin, by channel and spend level (true curves of the simulator). Above 1 the dollar pays for itself.'
		}
	};
}
