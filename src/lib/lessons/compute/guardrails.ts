/**
 * Lesson "guardrails and pacing": the response-curve learner with and without a cap on how far
 * a decision may move budget. A cap protects against a bad estimate moving everything at once;
 * it costs some of the gain over business-as-usual while the learner is right.
 */
import { loadPreset } from '../../sim/presets';
import type { ControlValues, LessonOutcome } from '../lesson';
import { pilotOnce } from './pilot-once';
import { money, pct } from './text';

export function guardrails(values: ControlValues): LessonOutcome {
	const scenario = loadPreset('dtc-default');
	const days = Number(values.days);
	const cap = Number(values.maxShift);
	const policies = [{ kind: 'bau-fixed' }, { kind: 'ts-curve' }];
	const free = pilotOnce(scenario, { policies, days, guardrails: { maxShiftPct: null } });
	const capped = pilotOnce(scenario, { policies, days, guardrails: { maxShiftPct: cap } });
	const base = free.get('bau-fixed')!.ltvProfit;
	const gainFree = free.get('ts-curve')!.ltvProfit - base;
	const gainCapped = capped.get('ts-curve')!.ltvProfit - capped.get('bau-fixed')!.ltvProfit;
	const cost = gainFree > 0 ? (gainFree - gainCapped) / gainFree : 0;
	const answer = cost < 0.02 ? 'little' : cost < 0.1 ? 'some' : 'a-lot';
	const cur = scenario.currency;
	return {
		answer,
		reveal: [
			`Without a cap the learner made ${money(gainFree, cur)} more LTV-profit than the fixed split over ${days} days; with moves capped at ${cap} % per decision it made ${money(gainCapped, cur)} more.`,
			cost >= 0
				? `The cap cost ${pct(cost, 1)} of the gain: the price of moving slowly. In exchange, no single decision — right or wrong — could move more than ${cap} % of a channel's budget.`
				: `Here the cap even helped (${pct(-cost, 1)} more gain): moving slowly damped the learner's early, noisy estimates.`
		],
		table: {
			columns: ['Setting', 'LTV-profit (learner)', 'Gain over fixed split'],
			rows: [
				['No cap', money(free.get('ts-curve')!.ltvProfit, cur), money(gainFree, cur)],
				[
					`Max shift ${cap} %`,
					money(capped.get('ts-curve')!.ltvProfit, cur),
					money(gainCapped, cur)
				]
			]
		}
	};
}
