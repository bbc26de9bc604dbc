/**
 * Lesson "CPA vs LTV": the same allocator with audience targeting, told to maximise
 * conversions (cheapest customers) or lifetime profit. Chasing CPA buys many cheap customers
 * from the low-value segment; LTV-profit buys fewer, better ones and makes more money.
 */
import { loadPreset } from '../../sim/presets';
import type { ControlValues, LessonOutcome } from '../lesson';
import { pilotOnce } from './pilot-once';
import { int, money, pct } from './text';

export function objective(values: ControlValues): LessonOutcome {
	const scenario = loadPreset('dtc-default');
	const days = Number(values.days);
	const run = (objective: string) =>
		pilotOnce(scenario, { policies: [{ kind: 'oracle', targeting: true }], days, objective }).get(
			'oracle-targeting'
		)!;
	const cpa = run('conversions');
	const ltv = run('ltv-profit');
	const moreCustomers = cpa.incConversions > ltv.incConversions;
	const moreProfit = ltv.ltvProfit > cpa.ltvProfit;
	const answer =
		moreCustomers && moreProfit
			? 'cpa-more-customers-less-profit'
			: moreCustomers
				? 'cpa-wins'
				: 'ltv-wins';
	const share = (m: typeof cpa, s: number) =>
		m.segments.customers[s] / m.segments.customers.reduce((a, b) => a + b, 0);
	const cheapest = scenario.segments.reduce(
		(best, seg, s) =>
			share(cpa, s) - share(ltv, s) > share(cpa, best) - share(ltv, best) ? s : best,
		0
	);
	return {
		answer,
		reveal: [
			`Optimising conversions bought ${int(cpa.incConversions)} customers at ${money(cpa.cpa, scenario.currency)} each; optimising LTV-profit bought ${int(ltv.incConversions)} at ${money(ltv.cpa, scenario.currency)}.`,
			`But lifetime profit was ${money(cpa.ltvProfit, scenario.currency)} when chasing conversions against ${money(ltv.ltvProfit, scenario.currency)} when aiming at LTV-profit.`,
			`The CPA objective put ${pct(share(cpa, cheapest), 0)} of its new customers in "${scenario.segments[cheapest].name}" (vs ${pct(share(ltv, cheapest), 0)} under LTV-profit): cheap to win, worth little over their lifetime.`
		],
		table: {
			columns: [
				'Objective',
				'New customers',
				'CPA',
				'LTV-profit',
				...scenario.segments.map((s) => `${s.name} share`)
			],
			rows: [
				[
					'Conversions (CPA)',
					int(cpa.incConversions),
					money(cpa.cpa, scenario.currency),
					money(cpa.ltvProfit, scenario.currency),
					...scenario.segments.map((_, s) => pct(share(cpa, s), 0))
				],
				[
					'LTV-profit',
					int(ltv.incConversions),
					money(ltv.cpa, scenario.currency),
					money(ltv.ltvProfit, scenario.currency),
					...scenario.segments.map((_, s) => pct(share(ltv, s), 0))
				]
			]
		}
	};
}
