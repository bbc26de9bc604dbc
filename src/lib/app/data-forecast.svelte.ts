/**
 * The data page's forecast: how many periods ahead, under which spend plan (today's average
 * split, or the recommended one), computed in the MMM worker (latest wins, cancellable).
 */
import type { Dataset } from '$lib/data/dataset';
import type { Forecast, ForecastPlan, MmmFit, SplitResult } from '$lib/data/mmm';
import { isAbortError } from '$lib/workers/worker-client';

/** What the page needs to forecast (the worker bridge, or a direct call in tests). */
export type Forecaster = (
	dataset: Dataset,
	fit: MmmFit,
	plan: ForecastPlan,
	signal?: AbortSignal
) => Promise<Forecast>;

/** The spend plans offered. */
export type PlanKind = 'current' | 'recommended';

/** Periods of observed KPI drawn before the forecast. */
export const RECENT_PERIODS = 26;

/** The spend per period per channel of a plan (null: the recommended split is not there yet). */
export function planSpend(
	fit: MmmFit,
	kind: PlanKind,
	split: SplitResult | null
): Record<string, number> | null {
	if (kind === 'current')
		return Object.fromEntries(fit.channels.map((c) => [c.id, c.currentSpend]));
	if (!split) return null;
	return Object.fromEntries(split.channels.map((c) => [c.id, c.recommended]));
}

/** A forecast and what it was made for. */
export interface ForecastView {
	forecast: Forecast;
	recent: { dates: string[]; kpi: number[] };
	planName: string;
	/** Total spend per period of the plan, currency units. */
	spendPerPeriod: number;
}

export class DataForecast {
	/** Periods ahead, as typed. */
	periods = $state('13');
	plan = $state<PlanKind>('current');
	view = $state.raw<ForecastView | null>(null);
	errors = $state.raw<string[]>([]);
	running = $state(false);

	readonly #forecaster: Forecaster;
	#controller: AbortController | null = null;

	constructor(forecaster: Forecaster) {
		this.#forecaster = forecaster;
	}

	/** Forget the last forecast (a new fit or dataset). */
	reset(): void {
		this.cancel();
		this.view = null;
		this.errors = [];
	}

	/** Stop the forecast in flight. */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		this.running = false;
	}

	/** Forecast `dataset` with `fit` under the chosen plan. */
	async run(dataset: Dataset, fit: MmmFit, split: SplitResult | null): Promise<void> {
		const periods = Number(this.periods);
		const errors: string[] = [];
		if (!Number.isInteger(periods) || periods < 1 || periods > 104)
			errors.push('Periods ahead: a whole number from 1 to 104.');
		const spend = planSpend(fit, this.plan, split);
		if (!spend) errors.push('The recommended split is not computed yet: compute it above first.');
		this.errors = errors;
		if (errors.length > 0 || !spend) return;
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.running = true;
		try {
			const forecast = await this.#forecaster(dataset, fit, { periods, spend }, controller.signal);
			if (this.#controller !== controller) return;
			const T = fit.dates.length;
			const from = Math.max(0, T - RECENT_PERIODS);
			this.view = {
				forecast,
				recent: { dates: fit.dates.slice(from), kpi: fit.kpi.slice(from) },
				planName: this.plan === 'current' ? 'today’s average split' : 'the recommended split',
				spendPerPeriod: Object.values(spend).reduce((a, b) => a + b, 0)
			};
		} catch (error) {
			if (this.#controller !== controller) return;
			if (!isAbortError(error))
				this.errors = [error instanceof Error ? error.message : String(error)];
		} finally {
			if (this.#controller === controller) {
				this.#controller = null;
				this.running = false;
			}
		}
	}
}
