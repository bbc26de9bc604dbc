/**
 * State of the Experiments page: a Bayesian A/B(/n) test, a factorial test and the fixed-split
 * vs Thompson-sampling simulation. Inputs are plain serializable data; the numbers come from
 * the experiments worker, never the main thread. Each tool keeps its last good result while the
 * inputs have problems, and shows the problems instead of computing.
 */
import type { ArmCounts, StoppingRule, AbVerdict } from '$lib/experiment/ab/decision';
import { countsProblems } from '$lib/experiment/ab/decision';
import type { Beta } from '$lib/experiment/ab/beta';
import {
	factorialCells,
	factorialProblems,
	type Factor,
	type FactorialCell,
	type FactorialResult
} from '$lib/experiment/ab/factorial';
import {
	setupProblems,
	type DesignOutcome,
	type SequentialSetup
} from '$lib/experiment/ab/sequential';
import { isAbortError, WorkerClient } from '$lib/workers/worker-client';
import type { ExperimentsApi } from '$lib/workers/experiments.worker';

const client = new WorkerClient<ExperimentsApi>(
	() =>
		new Worker(new URL('../workers/experiments.worker.ts', import.meta.url), { type: 'module' }),
	{ name: 'The experiment calculator' }
);

/** A result being computed, with the latest request winning. */
class Computation<T> {
	result = $state<T | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#controller: AbortController | null = null;

	async run(work: (signal: AbortSignal) => Promise<T>): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.busy = true;
		this.error = null;
		try {
			const value = await work(controller.signal);
			if (this.#controller === controller) this.result = value;
		} catch (error) {
			if (!isAbortError(error) && this.#controller === controller)
				this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (this.#controller === controller) {
				this.busy = false;
				this.#controller = null;
			}
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}
}

export interface AbResult {
	verdict: AbVerdict;
	rates: number[];
	densities: number[][];
}

/** The A/B(/n) test tool. */
export class AbTool {
	arms = $state<ArmCounts[]>([
		{ name: 'A', visitors: 10_000, conversions: 480 },
		{ name: 'B', visitors: 10_000, conversions: 545 }
	]);
	prior = $state<Beta>({ alpha: 1, beta: 1 });
	rule = $state<StoppingRule>({ probability: 0.95, lossTolerance: 0 });
	readonly computation = new Computation<AbResult>();
	readonly problems = $derived.by(() => {
		const problems = countsProblems(this.arms, this.prior);
		if (!(this.rule.probability > 0.5 && this.rule.probability < 1))
			problems.push('stopping probability: between 50 % and 100 %');
		if (!(this.rule.lossTolerance >= 0)) problems.push('loss tolerance: a number ≥ 0');
		return problems;
	});

	addArm(): void {
		if (this.arms.length >= 6) return;
		const name = String.fromCharCode(65 + this.arms.length);
		this.arms.push({ name, visitors: 1000, conversions: 50 });
	}

	removeArm(i: number): void {
		if (this.arms.length > 2) this.arms.splice(i, 1);
	}

	compute(): Promise<void> {
		if (this.problems.length) return Promise.resolve();
		const arms = $state.snapshot(this.arms);
		const prior = $state.snapshot(this.prior);
		const rule = $state.snapshot(this.rule);
		return this.computation.run((signal) =>
			client.call((api) => api.abTest(arms, prior, rule), signal)
		);
	}

	/** Fill the arms with one channel's creatives from a simulated market. */
	async fromMarket(preset: string, channel: number, days: number, seed: number): Promise<void> {
		const test = await client.call((api) => api.creativeTest(preset, channel, days, seed));
		this.arms = test.arms.map((arm) => ({ ...arm, name: arm.name }));
		await this.compute();
	}
}

/** The factorial (multivariate) test tool. */
export class FactorialTool {
	factors = $state<Factor[]>([
		{ name: 'Creative', levels: ['Story', 'Offer'] },
		{ name: 'Audience', levels: ['New', 'Returning'] },
		{ name: 'Call to action', levels: ['Buy now', 'Learn more'] }
	]);
	/** Counts per cell, keyed by the cell's level indices joined with '.'. */
	counts = $state<Record<string, { visitors: number; conversions: number }>>({});
	readonly computation = new Computation<FactorialResult>();
	readonly cells = $derived<FactorialCell[]>(
		factorialCells(this.factors).map((levels) => ({
			levels,
			...(this.counts[levels.join('.')] ?? { visitors: 0, conversions: 0 })
		}))
	);
	readonly problems = $derived.by(() => {
		const problems: string[] = [];
		this.factors.forEach((f, i) => {
			if (!f.name.trim()) problems.push(`factors[${i}].name: give the factor a name`);
			if (f.levels.some((l, i) => !l.trim() || f.levels.indexOf(l) !== i))
				problems.push(`factors[${i}] (${f.name}): levels must be distinct and not empty`);
		});
		problems.push(...factorialProblems(this.factors, this.cells));
		return problems;
	});

	constructor() {
		this.fillExample();
	}

	setCount(key: string, field: 'visitors' | 'conversions', value: number): void {
		const current = this.counts[key] ?? { visitors: 0, conversions: 0 };
		this.counts[key] = { ...current, [field]: value };
	}

	/** Example counts with planted effects: Offer, Returning and Buy now each help. */
	fillExample(): void {
		const counts: Record<string, { visitors: number; conversions: number }> = {};
		for (const levels of factorialCells(this.factors)) {
			const lift = levels.reduce(
				(sum, level, f) => sum + (level === 0 ? 0 : ([0.006, 0.01, -0.004][f] ?? 0)),
				0
			);
			const visitors = 3000;
			// Deterministic example counts (expected values), not a random draw.
			counts[levels.join('.')] = { visitors, conversions: Math.round(visitors * (0.04 + lift)) };
		}
		this.counts = counts;
	}

	compute(): Promise<void> {
		if (this.problems.length) return Promise.resolve();
		const factors = $state.snapshot(this.factors);
		const cells = $state.snapshot(this.cells) as FactorialCell[];
		return this.computation.run((signal) =>
			client.call((api) => api.factorial(factors, cells, { alpha: 1, beta: 1 }), signal)
		);
	}
}

/** The fixed split vs sequential Thompson sampling simulation. */
export class DesignsTool {
	setup = $state<SequentialSetup>({
		rates: [0.05, 0.06, 0.045],
		visitorsPerDay: 1000,
		days: 30,
		threshold: 0.95,
		replications: 100,
		seed: 1
	});
	readonly computation = new Computation<[DesignOutcome, DesignOutcome]>();
	readonly problems = $derived(setupProblems(this.setup));

	compute(): Promise<void> {
		if (this.problems.length) return Promise.resolve();
		const setup = $state.snapshot(this.setup);
		return this.computation.run((signal) => client.call((api) => api.designs(setup), signal));
	}
}
