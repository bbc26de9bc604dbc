/**
 * Lesson "creative fatigue and refresh": the creative-fatigue market run on its usual split;
 * each creative's click rate week by week as the same people see it again and again.
 */
import { loadPreset } from '../../sim/presets';
import { runFixedSplit } from '../../sim/run';
import type { ControlValues, LessonOutcome } from '../lesson';
import { pct } from './text';

export function fatigue(values: ControlValues): LessonOutcome {
	const base = loadPreset('creative-fatigue');
	const scale = Number(values.budget);
	const scenario = { ...base, dailyBudget: base.dailyBudget * scale };
	const weeks = Number(values.weeks);
	const days = weeks * 7;
	const market = runFixedSplit(scenario, { days });
	const { C, K } = market.params;
	const { clicks, impressions } = market.trace.observables;
	const S = market.params.S;
	const c = 0;
	const channel = scenario.channels[c];
	const series = channel.creatives.map((creative, k) => {
		const weekly: number[] = [];
		for (let w = 0; w < weeks; w++) {
			let ck = 0;
			let imp = 0;
			for (let d = w * 7; d < (w + 1) * 7; d++) {
				ck += clicks[(d * C + c) * K + k];
				for (let s = 0; s < S; s++) imp += impressions[((d * C + c) * K + k) * S + s];
			}
			weekly.push(imp > 0 ? ck / imp : NaN);
		}
		return { id: creative.id, label: creative.name, values: weekly };
	});
	const live = series.filter(
		(s) => Number.isFinite(s.values[0]) && Number.isFinite(s.values[weeks - 1])
	);
	const drops = live.map((s) => 1 - s.values[weeks - 1] / s.values[0]);
	const meanDrop = drops.reduce((a, b) => a + b, 0) / Math.max(1, drops.length);
	const answer = meanDrop > 0.4 ? 'big-drop' : meanDrop > 0.1 ? 'some-drop' : 'steady';
	return {
		answer,
		reveal: [
			`Over ${weeks} weeks at ${scale}× the usual budget, the click rate of ${channel.name}'s creatives fell by ${pct(meanDrop, 0)} on average (from week 1 to week ${weeks}).`,
			`The same people see the same ads again and again; each extra exposure persuades less. More budget on a small audience means faster fatigue — which is why teams rotate and refresh creatives.`
		],
		chart: {
			xs: Array.from({ length: weeks }, (_, w) => w + 1),
			series,
			xTitle: 'Week',
			yTitle: 'Click rate (clicks ÷ impressions)',
			xFormat: 'week',
			yFormat: 'pct',
			caption: `Weekly click rate of each creative on ${channel.name}, the budget split evenly over them.`
		}
	};
}
