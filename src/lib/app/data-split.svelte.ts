/**
 * UI state of the optimal split on the data page: the total budget per period, per-channel
 * bounds and the objective (text fields, as typed), and the split and −20 % / same / +20 %
 * scenarios computed from the fitted curves. Bad input names its field; nothing throws.
 */
import {
	spendToday,
	type BudgetScenario,
	type BudgetTarget,
	type MmmFit,
	type SplitOptions,
	type SplitResult,
	type TargetResult
} from '$lib/data/mmm';

/**
 * What the state needs of the MMM: the worker versions (mmm-bridge.ts), or fakes in tests.
 * Aborting `signal` cancels a solve that a newer one has made stale (rejecting is fine).
 */
export interface SplitSolver {
	optimalSplit(fit: MmmFit, options: SplitOptions, signal?: AbortSignal): Promise<SplitResult>;
	budgetScenarios(
		fit: MmmFit,
		total: number,
		options?: Omit<SplitOptions, 'total'>,
		signal?: AbortSignal
	): Promise<BudgetScenario[]>;
	budgetForTarget(
		fit: MmmFit,
		target: BudgetTarget,
		options?: Pick<SplitOptions, 'min' | 'max'>,
		signal?: AbortSignal
	): Promise<TargetResult>;
}

/**
 * The targets the form offers. For a conversions KPI the efficiency targets are typed as costs
 * (cost per conversion, and of the next conversion) and searched as their inverses.
 */
export type TargetKind = 'kpi' | 'efficiency' | 'marginal';

/** Bounds of one channel as typed (empty = default). */
export interface BoundForm {
	min: string;
	max: string;
}

/** The optimal-split form and its result on the current fit. */
export class DataSplit {
	/** Total budget per period, currency units, as typed. */
	total = $state('');
	objective = $state<'kpi' | 'profit'>('kpi');
	/** Per channel id. */
	bounds = $state<Record<string, BoundForm>>({});

	/** Budget for a target: what to reach, and the value as typed (a cost for conversions). */
	targetKind = $state<TargetKind>('kpi');
	targetValue = $state('');
	target = $state.raw<TargetResult | null>(null);
	/** Whether the target search is running. */
	searching = $state(false);

	result = $state.raw<SplitResult | null>(null);
	scenarios = $state.raw<BudgetScenario[]>([]);
	errors = $state.raw<string[]>([]);

	readonly #solver: SplitSolver;
	/** Counts solves, so a stale one does not overwrite a newer one. */
	#token = 0;
	/** Cancels the solve in flight, if any. */
	#controller: AbortController | null = null;

	constructor(solver: SplitSolver) {
		this.#solver = solver;
	}

	/** Reset the form for a fit: today's total budget, no bounds. */
	reset(fit: MmmFit | null): void {
		this.cancel();
		this.result = null;
		this.scenarios = [];
		this.errors = [];
		this.target = null;
		if (!fit) return;
		this.total = String(Math.round(spendToday(fit)));
		this.bounds = Object.fromEntries(fit.channels.map((c) => [c.id, { min: '', max: '' }]));
		if (fit.valuePerKpi === null) this.objective = 'kpi';
	}

	/** Today's spend of a channel as the form types it (whole units, or 3 digits below 100). */
	#today(channel: MmmFit['channels'][number]): string {
		const x = channel.currentSpend;
		return String(x >= 100 ? Math.round(x) : Number(x.toPrecision(3)));
	}

	/** Whether a channel is held at today's spend (minimum = maximum = today). */
	held(channel: MmmFit['channels'][number]): boolean {
		const bound = this.bounds[channel.id];
		return !!bound && bound.min === this.#today(channel) && bound.max === bound.min;
	}

	/** Hold a channel at today's spend, or release it (no limits). */
	hold(channel: MmmFit['channels'][number], on: boolean): void {
		const today = this.#today(channel);
		this.bounds[channel.id] = on ? { min: today, max: today } : { min: '', max: '' };
	}

	/** The per-channel bounds from the form, and the problems with them. */
	#bounds(fit: MmmFit): {
		min: Record<string, number>;
		max: Record<string, number>;
		errors: string[];
	} {
		const errors: string[] = [];
		const min: Record<string, number> = {};
		const max: Record<string, number> = {};
		for (const channel of fit.channels) {
			const bound = this.bounds[channel.id] ?? { min: '', max: '' };
			const lo = bound.min.trim() === '' ? undefined : Number(bound.min);
			const hi = bound.max.trim() === '' ? undefined : Number(bound.max);
			if (lo !== undefined && !(Number.isFinite(lo) && lo >= 0))
				errors.push(`${channel.name} minimum: enter an amount of 0 or more, or leave it empty.`);
			if (hi !== undefined && !(Number.isFinite(hi) && hi >= 0))
				errors.push(`${channel.name} maximum: enter an amount of 0 or more, or leave it empty.`);
			if (lo !== undefined && hi !== undefined && lo > hi)
				errors.push(`${channel.name}: the minimum is above the maximum.`);
			if (lo !== undefined) min[channel.id] = lo;
			if (hi !== undefined) max[channel.id] = hi;
		}
		return { min, max, errors };
	}

	/** The split options from the form, or the problems. */
	options(fit: MmmFit): { ok: true; value: SplitOptions } | { ok: false; errors: string[] } {
		const total = Number(this.total);
		const errors: string[] = [];
		if (this.total.trim() === '' || !Number.isFinite(total) || total <= 0)
			errors.push('Total budget per period: enter an amount above 0.');
		const { min, max, errors: boundErrors } = this.#bounds(fit);
		errors.push(...boundErrors);
		const mins = Object.values(min).reduce((a, b) => a + b, 0);
		if (errors.length === 0 && mins > total)
			errors.push('The channel minimums add up to more than the total budget.');
		if (this.objective === 'profit' && fit.valuePerKpi === null)
			errors.push(
				'Objective: profit needs the value of one KPI unit, which this dataset does not give; maximise the KPI.'
			);
		if (errors.length > 0) return { ok: false, errors };
		return { ok: true, value: { total, min, max, objective: this.objective } };
	}

	/** The target typed in the form, in the search's terms (costs inverted), or the problem. */
	targetOf(fit: MmmFit): { ok: true; value: BudgetTarget } | { ok: false; error: string } {
		const typed = Number(this.targetValue);
		if (this.targetValue.trim() === '' || !Number.isFinite(typed) || typed <= 0)
			return { ok: false, error: 'Target: enter a number above 0.' };
		const cost = fit.dataset.kpiKind === 'conversions' && this.targetKind !== 'kpi';
		return { ok: true, value: { kind: this.targetKind, value: cost ? 1 / typed : typed } };
	}

	/**
	 * Find the budget for the target typed in the form (in the worker), then split it: the
	 * total becomes that budget and the split below shows it. An unreachable target leaves the
	 * total as it was and says what the curves allow.
	 */
	async findBudget(fit: MmmFit): Promise<void> {
		this.cancel();
		const token = this.#token;
		const target = this.targetOf(fit);
		const { min, max, errors } = this.#bounds(fit);
		if (!target.ok || errors.length > 0) {
			this.target = null;
			this.errors = [...(target.ok ? [] : [target.error]), ...errors];
			return;
		}
		const controller = new AbortController();
		this.#controller = controller;
		this.searching = true;
		try {
			const found = await this.#solver.budgetForTarget(
				fit,
				target.value,
				{ min, max },
				controller.signal
			);
			if (token !== this.#token) return;
			this.searching = false;
			this.target = found;
			this.errors = [];
			if (found.budget !== null) {
				// The search splits every budget for the most KPI: show that split of the budget.
				this.total = String(Math.round(found.budget));
				this.objective = 'kpi';
				await this.solve(fit);
			}
		} catch (error) {
			if (token !== this.#token) return;
			this.searching = false;
			this.target = null;
			this.errors = [
				`The budget for the target could not be found: ${error instanceof Error ? error.message : String(error)}`
			];
		}
	}

	/** Stop the solve in flight (its results are dropped); the form and last result stay. */
	cancel(): void {
		this.#token++;
		this.searching = false;
		this.#controller?.abort();
		this.#controller = null;
	}

	/**
	 * Compute the split and the budget scenarios for `fit` (in a worker: 30–100 ms each); a
	 * newer call wins and cancels the stale one.
	 */
	async solve(fit: MmmFit): Promise<void> {
		this.cancel();
		const token = this.#token;
		const parsed = this.options(fit);
		if (!parsed.ok) {
			this.result = null;
			this.scenarios = [];
			this.errors = parsed.errors;
			return;
		}
		const controller = new AbortController();
		this.#controller = controller;
		const { signal } = controller;
		const { total, ...rest } = parsed.value;
		try {
			const result = await this.#solver.optimalSplit(fit, parsed.value, signal);
			if (token !== this.#token) return;
			this.result = result;
			this.errors = [];
			const scenarios = await this.#solver.budgetScenarios(fit, total, rest, signal);
			if (token !== this.#token) return;
			this.scenarios = scenarios;
			this.#controller = null;
		} catch (error) {
			if (token !== this.#token) return;
			this.result = null;
			this.scenarios = [];
			this.errors = [
				`The split could not be computed: ${error instanceof Error ? error.message : String(error)}`
			];
		}
	}
}
