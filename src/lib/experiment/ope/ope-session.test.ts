/**
 * The OPE session on logs simulated on Marginal's own market, where every row's potential
 * outcomes — and so every target's true value — come from running the market, not from an
 * estimator: intervals cover the truth across seeds, the truth of a deterministic target equals
 * what running that target in the market gives, and bad sources and targets are messages.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../sim/presets';
import { parseLogCsv } from './csv';
import { ESTIMATORS } from './estimators';
import { OpeSession, simulatedPresets, type OpeSource } from './ope-session';
import { exportDecisionLog, runTargetPolicy } from './simulated-log';
import { buildTargetTable, type TargetSpec } from './target-policies';

type Logging = { kind: 'uniform' } | { kind: 'epsilon-greedy'; epsilon: number };

const simulated = (
	seed: number,
	days: number,
	logging: Logging = { kind: 'uniform' }
): OpeSource => ({
	kind: 'simulated',
	preset: 'dtc-default',
	seed,
	days,
	logging
});

/** Interval hits per estimator over seeds 1 … seeds. */
function coverage(target: TargetSpec, seeds: number, days: number, logging: Logging) {
	const session = new OpeSession();
	const hits: Record<string, number> = Object.fromEntries(ESTIMATORS.map((e) => [e, 0]));
	const warnings: Record<string, string[]> = {};
	for (let seed = 1; seed <= seeds; seed++) {
		const result = session.evaluate(simulated(seed, days, logging), target, {
			seed,
			replicates: 200
		});
		if (!result.ok) throw new Error(result.errors[0].message);
		const { report, truth } = result.value;
		expect(truth).not.toBeNull();
		for (const e of report.estimates) {
			if (e.lower <= truth! && truth! <= e.upper) hits[e.estimator]++;
			warnings[e.estimator] = e.warnings;
		}
	}
	return { hits, warnings };
}

describe('on logs simulated on the dtc-default market', () => {
	it('offers the presets with creatives to choose among', () => {
		expect(simulatedPresets()).toContain('dtc-default');
		expect(simulatedPresets()).not.toContain('two-channels');
	});

	it('every estimator’s 95 % interval covers the truth at about the nominal rate (uniform logging)', () => {
		// 20 market seeds × 2 targets: hits ~ Binomial(20, 0.95), mean 19; ≥ 16 allows for the
		// bootstrap's slight shortfall on 360-row logs while an estimator that ignored its own
		// error (or a biased one) falls far below.
		for (const target of [
			{ kind: 'softmax-model', temperature: 0.5 },
			{ kind: 'fixed', action: 2 }
		] as TargetSpec[]) {
			const { hits } = coverage(target, 20, 60, { kind: 'uniform' });
			for (const name of ESTIMATORS)
				expect(hits[name], `${target.kind} ${name}`).toBeGreaterThanOrEqual(16);
		}
	});

	it('IPW, SNIPW, DM and DR cover the truth under ε-greedy logging, and replay says it is biased', () => {
		const { hits, warnings } = coverage({ kind: 'fixed', action: 1 }, 5, 365, {
			kind: 'epsilon-greedy',
			epsilon: 0.3
		});
		for (const name of ['ipw', 'snipw', 'dm', 'dr'])
			expect(hits[name], name).toBeGreaterThanOrEqual(4);
		expect(warnings.replay.join(' ')).toMatch(/not uniformly random/);
	});

	it('the truth of a deterministic target is what running it in the market gives', () => {
		const scenario = loadPreset('dtc-default');
		const options = { seed: 4, days: 30, logging: { kind: 'uniform' } as const };
		const sim = exportDecisionLog(scenario, options);
		expect(sim.carryoverFree).toBe(true);
		const table = buildTargetTable(sim.log, { kind: 'greedy-model' }, { available: sim.available });
		if (!table.ok) throw new Error(table.errors[0].message);
		const session = new OpeSession();
		const result = session.evaluate(
			simulated(4, 30),
			{ kind: 'greedy-model' },
			{ seed: 1, replicates: 0 }
		);
		if (!result.ok) throw new Error(result.errors[0].message);
		const run = runTargetPolicy(scenario, options, (_x, i) => table.value[i]);
		expect(result.value.truth).toBeCloseTo(run.value, 9);
		// The target is not trivial: it does not take one creative everywhere.
		expect(new Set(run.actions).size).toBeGreaterThan(1);
	});

	it('writes a CSV that reads back to the same log and the same estimates', () => {
		const session = new OpeSession();
		const source = simulated(2, 20);
		const csv = session.csv(source);
		if (!csv.ok) throw new Error(csv.errors[0].message);
		expect(csv.value.split('\n')[0]).toMatch(
			/^x_channel_brand-search,.*,action,reward,propensity$/
		);
		const parsed = parseLogCsv(csv.value);
		expect(parsed.ok).toBe(true);
		const target: TargetSpec = { kind: 'uniform' };
		const a = session.evaluate(source, target, { seed: 1, replicates: 50 });
		const b = session.evaluate({ kind: 'csv', name: 'log.csv', text: csv.value }, target, {
			seed: 1,
			replicates: 50
		});
		if (!a.ok || !b.ok) throw new Error('evaluation failed');
		expect(b.value.truth).toBeNull();
		expect(b.value.report.estimates.map((e) => e.value)).toEqual(
			a.value.report.estimates.map((e) => e.value)
		);
	});
});

describe('bad sources and targets', () => {
	const session = new OpeSession();

	it('names the field of a bad simulated source', () => {
		const bad: [Partial<OpeSource & { kind: 'simulated' }>, string][] = [
			[{ preset: 'two-channels' }, 'preset'],
			[{ seed: -1 }, 'seed'],
			[{ logging: { kind: 'epsilon-greedy', epsilon: 0 } }, 'epsilon'],
			[{ days: 5000 }, 'days']
		];
		for (const [change, field] of bad) {
			const result = session.load({ ...simulated(1, 30), ...change } as OpeSource);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors[0].field).toBe(field);
		}
	});

	it('passes on CSV errors with their row and column', () => {
		const text = [
			'x_a,action,reward,propensity',
			...Array.from({ length: 12 }, (_, i) => `${i},0,1,${i === 3 ? 'high' : 0.5}`)
		].join('\n');
		const result = session.load({ kind: 'csv', name: 'bad.csv', text });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ row: 5, field: 'propensity' });
	});

	it('says when a fixed creative is not live on some rows, naming the row', () => {
		const fatigue = { ...simulated(1, 20), preset: 'creative-fatigue' } as OpeSource;
		const loaded = session.load(fatigue);
		if (!loaded.ok) throw new Error(loaded.errors[0].message);
		const results = [0, 1, 2, 3].map((action) =>
			session.evaluate(fatigue, { kind: 'fixed', action }, { seed: 1, replicates: 0 })
		);
		const failed = results.filter((r) => !r.ok);
		expect(failed.length).toBeGreaterThan(0);
		expect(results.some((r) => r.ok)).toBe(true);
		if (!failed[0].ok) expect(failed[0].errors[0].message).toMatch(/not available on row 1/);
	});

	it('asks for pi_ columns when the file target is chosen without them', () => {
		const result = session.evaluate(simulated(1, 20), { kind: 'file' }, { seed: 1, replicates: 0 });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0].message).toMatch(/pi_0/);
	});

	it('rejects a softmax temperature that is not positive', () => {
		const result = session.evaluate(
			simulated(1, 20),
			{ kind: 'softmax-model', temperature: 0 },
			{ seed: 1, replicates: 0 }
		);
		expect(result.ok).toBe(false);
	});
});
