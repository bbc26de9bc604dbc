import { describe, expect, it } from 'vitest';
import { createPolicy } from '../policies/registry';
import { loadPreset } from '../sim/presets';
import { cohortCurves, monthOf } from './cohort-curves';
import { runSeed } from './pilot';
import { parsePilotConfig } from './pilot-config';
import { detailTransferables, seedDetails } from './pilot-details';
import { runPolicy } from './runner';

// Creative fatigue: one channel, three live creatives and a reserve; the manual-ops BAU rule
// pauses creatives over target CPA and refreshes them every quarter.
const scenario = loadPreset('creative-fatigue');
const parsed = parsePilotConfig(
	{ policies: [{ kind: 'bau-fixed' }, { kind: 'bau-manual-ops' }], seeds: 1, days: 120 },
	scenario
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.value;
const details = seedDetails(scenario, config, scenario.seed)!;
const metrics = runSeed(scenario, config, scenario.seed)!.runs;

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);
/** Equal up to summation order (relative 1e-12). */
const expectSame = (actual: number, wanted: number) =>
	expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(1e-12 * Math.abs(wanted));

describe('seedDetails', () => {
	it('details every policy of the pilot, the oracle included, in order', () => {
		expect(Object.keys(details.policies)).toEqual(['bau-fixed', 'bau-manual-ops', 'oracle']);
		expect(details.days).toBe(120);
		expect(details.seed).toBe(scenario.seed);
	});

	it('shapes the same runs as runSeed: impressions and customers match its metrics', () => {
		for (const run of metrics) {
			const detail = details.policies[run.policyId];
			expectSame(sum(detail.creatives.impressions), run.impressions);
			expectSame(sum(detail.cohorts.months.map((m) => m.customers)), run.incConversions);
		}
	});

	it('lists every creative slot, the reserve as not live at the start', () => {
		const { creatives } = details.policies['bau-fixed'].creatives;
		expect(creatives.map((c) => c.name)).toEqual([
			'Bold offer',
			'Brand story',
			'Product demo',
			'New concept (reserve)'
		]);
		expect(creatives.map((c) => c.liveAtStart)).toEqual([true, true, true, false]);
	});

	it('records manual operations, and a paused creative serves nothing until it is back', () => {
		const fixed = details.policies['bau-fixed'].creatives;
		expect(fixed.events).toEqual([]);
		const ops = details.policies['bau-manual-ops'].creatives;
		const kinds = new Set(ops.events.map((e) => e.kind));
		expect(kinds.has('pause')).toBe(true);
		expect(kinds.has('refresh')).toBe(true);
		for (const event of ops.events.filter((e) => e.kind === 'pause')) {
			const back = ops.events.find(
				(e) => e.creative === event.creative && e.day > event.day && e.kind !== 'pause'
			);
			const until = back ? back.day : ops.days;
			for (let d = event.day + 1; d < until; d++) {
				expect(ops.impressions[event.creative * ops.days + d]).toBe(0);
				expect(ops.clickRate[event.creative * ops.days + d]).toBeNaN();
			}
		}
	});

	it('gives click rates between 0 and 1 where a creative served', () => {
		const { clickRate, impressions } = details.policies['bau-fixed'].creatives;
		let served = 0;
		clickRate.forEach((rate, i) => {
			if (impressions[i] > 0) {
				served++;
				expect(rate).toBeGreaterThan(0);
				expect(rate).toBeLessThan(1);
			}
		});
		expect(served).toBeGreaterThan(0);
	});

	it('stops when told to and lets its buffers be transferred', () => {
		let calls = 0;
		expect(seedDetails(scenario, config, scenario.seed, () => ++calls < 2)).toBeNull();
		expect(calls).toBe(2);
		expect(detailTransferables(details)).toHaveLength(3 * 3);
	});
});

describe('cohortCurves', () => {
	const { cohorts } = details.policies['bau-fixed'];
	const width = cohorts.ageMonths + 1;
	const segment = scenario.segments[0];

	it('groups the pilot days by calendar month', () => {
		expect(cohorts.months.map((m) => m.month)).toEqual([
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05'
		]);
		expect(sum(cohorts.months.map((m) => m.days))).toBe(120);
		expect(cohorts.months[0]).toMatchObject({ firstDay: 0, days: 27 });
		expect(monthOf('2026-01-05', 27)).toBe('2026-02');
	});

	it('starts each cohort at its first orders and only grows', () => {
		cohorts.months.forEach((month, m) => {
			expect(cohorts.revenue[m * width]).toBeCloseTo(month.customers * segment.orderValue, 6);
			for (let a = 1; a < width; a++) {
				expect(cohorts.revenue[m * width + a]).toBeGreaterThan(cohorts.revenue[m * width + a - 1]);
			}
		});
	});

	it('scales with the customers acquired: revenue per customer is the same for every month', () => {
		const perCustomer = cohorts.months.map(
			(month, m) => cohorts.revenue[m * width + 12] / month.customers
		);
		for (const value of perCustomer) expect(value).toBeCloseTo(perCustomer[0], 9);
		// A year of repeat orders adds to the first order's value, but less than 12 months' worth.
		expect(perCustomer[0]).toBeGreaterThan(segment.orderValue);
		expect(perCustomer[0]).toBeLessThan(
			segment.orderValue * (1 + 12 * segment.repeatOrdersPerMonth)
		);
	});

	it('reaches as many months as asked, with the same values', () => {
		const policy = createPolicy({ kind: 'bau-fixed' }, scenario.seed, scenario);
		const run = runPolicy(scenario, policy, {
			seed: scenario.seed,
			days: 120,
			objective: config.objective,
			guardrails: config.guardrails
		});
		const short = cohortCurves(run, scenario, 6);
		expect(short.ageMonths).toBe(6);
		expect(short.revenue).toHaveLength(short.months.length * 7);
		short.months.forEach((_, m) => {
			for (let a = 0; a <= 6; a++)
				expectSame(short.revenue[m * 7 + a], cohorts.revenue[m * width + a]);
		});
	});
});
