import { beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '$lib/data/import';
import { expectOk, fixtureCsv } from '$lib/data/import/test-fixtures';
import {
	budgetForTarget,
	budgetScenarios,
	fitMmm,
	optimalSplit,
	responseAt,
	type MmmFit
} from '$lib/data/mmm';
import { DataSplit, type SplitSolver } from './data-split.svelte';

/** The real solver, answering asynchronously as the worker does. */
const solver: SplitSolver = {
	optimalSplit: async (fit, options) => optimalSplit(fit, options),
	budgetScenarios: async (fit, total, options) => budgetScenarios(fit, total, options),
	budgetForTarget: async (fit, target, options) => budgetForTarget(fit, target, options)
};
let fit: MmmFit;

beforeAll(async () => {
	const { dataset } = expectOk(importCsvText(fixtureCsv('pymc_weekly.csv')));
	fit = await fitMmm(dataset, { effort: 'fast', draws: 10 });
}, 60_000);

describe('DataSplit', () => {
	it('starts from today’s total and finds a split of exactly that budget, with ±20 % scenarios', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const today = fit.channels.reduce((s, c) => s + c.currentSpend, 0);
		expect(Number(split.total)).toBe(Math.round(today));
		await split.solve(fit);
		expect(split.errors).toEqual([]);
		const spent = split.result!.channels.reduce((s, c) => s + c.recommended, 0);
		expect(spent).toBeCloseTo(Math.round(today), 0);
		expect(split.scenarios.map((s) => s.factor)).toEqual([0.8, 1, 1.2]);
		expect(split.result!.explanation.length).toBeGreaterThan(0);
	});

	it('respects a channel maximum typed in the form', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const [first] = fit.channels;
		split.bounds[first.id].max = String(Math.round(first.currentSpend / 2));
		await split.solve(fit);
		const channel = split.result!.channels.find((c) => c.id === first.id)!;
		expect(channel.recommended).toBeLessThanOrEqual(Math.round(first.currentSpend / 2) + 1e-6);
	});

	it('names the field that is wrong and keeps no stale result', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const [a, b] = fit.channels;
		split.total = 'a lot';
		split.bounds[a.id] = { min: '-5', max: '' };
		split.bounds[b.id] = { min: '10', max: '5' };
		await split.solve(fit);
		expect(split.result).toBeNull();
		expect(split.errors).toEqual([
			'Total budget per period: enter an amount above 0.',
			`${a.name} minimum: enter an amount of 0 or more, or leave it empty.`,
			`${b.name}: the minimum is above the maximum.`
		]);
		split.total = '10';
		split.bounds[a.id] = { min: '8', max: '' };
		split.bounds[b.id] = { min: '8', max: '' };
		await split.solve(fit);
		expect(split.errors).toEqual(['The channel minimums add up to more than the total budget.']);
	});

	it('cancels a stale solve when a newer one starts and keeps only the newer result', async () => {
		const signals: AbortSignal[] = [];
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const split = new DataSplit({
			optimalSplit: async (f, options, signal) => {
				signals.push(signal!);
				// The first (stale) solve answers only after the newer one has finished.
				if (signals.length === 1) await gate;
				return optimalSplit(f, options);
			},
			budgetScenarios: solver.budgetScenarios,
			budgetForTarget: solver.budgetForTarget
		});
		split.reset(fit);
		const stale = split.solve(fit);
		split.total = String(Math.round(Number(split.total) / 2));
		await split.solve(fit);
		expect(signals.map((s) => s.aborted)).toEqual([true, false]);
		release();
		await stale;
		const spent = split.result!.channels.reduce((s, c) => s + c.recommended, 0);
		expect(spent).toBeCloseTo(Number(split.total), 0);
		expect(split.errors).toEqual([]);
	});

	it('turns a solver failure into a message', async () => {
		const split = new DataSplit({
			optimalSplit: async () => {
				throw new Error('no curves');
			},
			budgetScenarios: async () => [],
			budgetForTarget: solver.budgetForTarget
		});
		split.reset(fit);
		await split.solve(fit);
		expect(split.errors).toEqual(['The split could not be computed: no curves']);
	});

	it('holds a channel at today’s spend and splits the rest around it', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const [first, second] = fit.channels;
		split.hold(first, true);
		expect(split.held(first)).toBe(true);
		expect(split.held(second)).toBe(false);
		await split.solve(fit);
		const held = split.result!.channels.find((c) => c.id === first.id)!;
		expect(held.recommended).toBeCloseTo(Number(split.bounds[first.id].min), 6);
		expect(Math.abs(held.recommended - first.currentSpend)).toBeLessThanOrEqual(0.5);
		split.hold(first, false);
		expect(split.bounds[first.id]).toEqual({ min: '', max: '' });
		expect(split.held(first)).toBe(false);
	});

	it('finds the budget for a ROAS floor and splits it', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const today = Number(split.total);
		const current = fit.channels.reduce((s, c) => s + responseAt(c.curve, c.currentSpend), 0);
		// A floor a little below today's average return: the budget may grow past today's.
		split.targetKind = 'efficiency';
		split.targetValue = String(((0.9 * current) / today).toFixed(3));
		// The split shown is the one the search assumed (most KPI), whatever objective was chosen.
		split.objective = 'profit';
		await split.findBudget(fit);
		expect(split.objective).toBe('kpi');
		expect(split.errors).toEqual([]);
		expect(split.searching).toBe(false);
		const found = split.target!;
		expect(found.status).not.toBe('unreachable');
		expect(Number(split.total)).toBe(Math.round(found.budget!));
		expect(Number(split.total)).toBeGreaterThan(today);
		// The split shown is of that budget, and meets the floor.
		const spent = split.result!.channels.reduce((s, c) => s + c.recommended, 0);
		expect(spent).toBeCloseTo(Number(split.total), 0);
		expect(split.result!.kpiRecommended.mean / spent).toBeGreaterThanOrEqual(
			0.9 * (current / today) - 1e-3
		);
	});

	it('searches a cost per conversion as its inverse, and a volume as typed', () => {
		const split = new DataSplit(solver);
		const conversions = { ...fit, dataset: { ...fit.dataset, kpiKind: 'conversions' as const } };
		split.targetKind = 'efficiency';
		split.targetValue = '40';
		expect(split.targetOf(conversions)).toEqual({
			ok: true,
			value: { kind: 'efficiency', value: 1 / 40 }
		});
		split.targetKind = 'kpi';
		expect(split.targetOf(conversions)).toEqual({ ok: true, value: { kind: 'kpi', value: 40 } });
		split.targetKind = 'marginal';
		expect(split.targetOf(fit)).toEqual({ ok: true, value: { kind: 'marginal', value: 40 } });
	});

	it('an unreachable target keeps the total and says so; a bad one names the field', async () => {
		const split = new DataSplit(solver);
		split.reset(fit);
		const before = split.total;
		split.targetKind = 'kpi';
		split.targetValue = String(1e15);
		await split.findBudget(fit);
		expect(split.target!.status).toBe('unreachable');
		expect(split.total).toBe(before);
		split.targetValue = 'lots';
		await split.findBudget(fit);
		expect(split.target).toBeNull();
		expect(split.errors).toEqual(['Target: enter a number above 0.']);
	});
});
