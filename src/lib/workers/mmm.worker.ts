/**
 * The MMM worker: runs fitMmm, and the optimal split, budget scenarios and twin built from a
 * fit and its forecast (30–300 ms each), off the main thread. Thin by design: the model is in
 * src/lib/data/mmm (tested in node). The UI imports only `MmmApi` (a type) via mmm-bridge.ts;
 * progress comes back through a `Comlink.proxy` callback; cancelling terminates the worker.
 */
import * as Comlink from 'comlink';
import {
	budgetForTarget,
	budgetScenarios,
	fitMmm,
	forecastKpi,
	optimalSplit,
	twinScenario,
	type BudgetScenario,
	type BudgetTarget,
	type Forecast,
	type ForecastPlan,
	type MmmFit,
	type MmmOptions,
	type SplitOptions,
	type SplitResult,
	type TargetResult,
	type TwinResult
} from '$lib/data/mmm';
import type { Dataset } from '$lib/data/dataset';

const api = {
	/**
	 * Fit the MMM to a dataset.
	 * @param onProgress pass `Comlink.proxy(fn)`; hears (work done, total work) a few times a second
	 */
	async fit(
		dataset: Dataset,
		options: MmmOptions = {},
		onProgress?: (done: number, total: number) => void
	): Promise<MmmFit> {
		return fitMmm(dataset, options, {
			onProgress: onProgress ? (done, total) => void onProgress(done, total) : undefined
		});
	},

	/** The budget split that maximises the objective under `options` (see optimalSplit). */
	optimalSplit(fit: MmmFit, options: SplitOptions): SplitResult {
		return optimalSplit(fit, options);
	},

	/** The optimal split at 80 %, 100 % and 120 % of `total` per period (see budgetScenarios). */
	budgetScenarios(
		fit: MmmFit,
		total: number,
		options?: Omit<SplitOptions, 'total'>
	): BudgetScenario[] {
		return budgetScenarios(fit, total, options);
	},

	/** The budget whose optimal split meets `target` within the bounds (see budgetForTarget). */
	budgetForTarget(
		fit: MmmFit,
		target: BudgetTarget,
		options?: Pick<SplitOptions, 'min' | 'max'>
	): TargetResult {
		return budgetForTarget(fit, target, options);
	},

	/** The KPI of the periods after the data under a spend plan (see forecastKpi). */
	forecast(dataset: Dataset, fit: MmmFit, plan: ForecastPlan): Forecast {
		return forecastKpi(dataset, fit, plan);
	},

	/** A Marginal scenario calibrated on the fit (see twinScenario). */
	twinScenario(fit: MmmFit, dataset: Dataset): TwinResult {
		return twinScenario(fit, dataset);
	}
};

/** The worker's API, for `Comlink.wrap<MmmApi>`. */
export type MmmApi = typeof api;

Comlink.expose(api);
