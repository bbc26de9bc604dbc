/**
 * The one owner of the MMM worker: starts it on first use, forwards progress, cancels by
 * terminating it (the fit is a compute loop; terminating is immediate and frees the core), lets
 * the latest fit supersede a stale one, and shuts the worker down when idle. The split, budget
 * scenarios and twin run in their own instances of the same worker (WorkerClient), so
 * cancelling a stale split never kills a fit or a twin in progress.
 */
import type { Dataset } from '../data/dataset';
import type {
	Forecast,
	ForecastPlan,
	BudgetScenario,
	BudgetTarget,
	MmmFit,
	MmmOptions,
	SplitOptions,
	SplitResult,
	TargetResult,
	TwinResult
} from '../data/mmm';
import type { MmmApi } from './mmm.worker';
import { WorkerClient, type WorkerLike } from './worker-client';

export type { WorkerLike } from './worker-client';

/** Progress and cancellation of a fit in the worker. */
export interface FitHooks {
	/** Hears (work done, total work) a few times a second. */
	onProgress?: (done: number, total: number) => void;
	/** Aborting terminates the worker; the promise rejects with an AbortError. */
	signal?: AbortSignal;
}

/** Owns one MMM worker. */
export class MmmBridge {
	readonly #client: WorkerClient<MmmApi>;

	constructor(create: () => WorkerLike, options: { idleMs?: number } = {}) {
		this.#client = new WorkerClient<MmmApi>(create, {
			name: 'The MMM worker',
			idleMs: options.idleMs ?? 30_000,
			cancelled: 'The fit was cancelled.'
		});
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#client.started;
	}

	/** Fit in the worker. A new fit supersedes one still running (latest wins). */
	fit(dataset: Dataset, options: MmmOptions = {}, hooks: FitHooks = {}): Promise<MmmFit> {
		return this.#client.callLatest((remote, progress) => remote.fit(dataset, options, progress), {
			...hooks,
			superseded: 'Superseded by a newer fit.'
		});
	}

	/** Stop the worker now (a fit in progress is cancelled); the next fit starts a fresh one. */
	terminate(): void {
		this.#client.terminate();
	}
}

let bridge: MmmBridge | null = null;
let splitClient: WorkerClient<MmmApi> | null = null;
let twinClient: WorkerClient<MmmApi> | null = null;

const mmmWorker = () => new Worker(new URL('./mmm.worker.ts', import.meta.url), { type: 'module' });

/** The app's MMM bridge: one module worker, created lazily on the first fit. */
export function mmmBridge(): MmmBridge {
	bridge ??= new MmmBridge(mmmWorker);
	return bridge;
}

/** The worker for the split and budget scenarios (lazy; aborting a solve terminates it). */
function splitWorker(): WorkerClient<MmmApi> {
	splitClient ??= new WorkerClient<MmmApi>(mmmWorker, { name: 'The split calculator' });
	return splitClient;
}

/** The worker for twins (lazy; aborting terminates it). */
function twinWorker(): WorkerClient<MmmApi> {
	twinClient ??= new WorkerClient<MmmApi>(mmmWorker, { name: 'The twin builder' });
	return twinClient;
}

/**
 * The optimal split of a fit, computed in a worker. Aborting `signal` terminates that worker
 * (the solve is a compute loop) and rejects with an AbortError.
 */
export function optimalSplitInWorker(
	fit: MmmFit,
	options: SplitOptions,
	signal?: AbortSignal
): Promise<SplitResult> {
	return splitWorker().call((remote) => remote.optimalSplit(fit, options), signal);
}

/** The −20 % / same / +20 % budget scenarios of a fit, in a worker; cancellable like the split. */
export function budgetScenariosInWorker(
	fit: MmmFit,
	total: number,
	options?: Omit<SplitOptions, 'total'>,
	signal?: AbortSignal
): Promise<BudgetScenario[]> {
	return splitWorker().call((remote) => remote.budgetScenarios(fit, total, options), signal);
}

/** The budget for a target (see budgetForTarget), in the split's worker; cancellable like the split. */
export function budgetForTargetInWorker(
	fit: MmmFit,
	target: BudgetTarget,
	options?: Pick<SplitOptions, 'min' | 'max'>,
	signal?: AbortSignal
): Promise<TargetResult> {
	return splitWorker().call((remote) => remote.budgetForTarget(fit, target, options), signal);
}

/** A forecast of the periods after the data, in the split's worker; cancellable like the split. */
export function forecastInWorker(
	dataset: Dataset,
	fit: MmmFit,
	plan: ForecastPlan,
	signal?: AbortSignal
): Promise<Forecast> {
	return splitWorker().call((remote) => remote.forecast(dataset, fit, plan), signal);
}

/** The calibrated twin of a fit, built in a worker; aborting `signal` terminates it. */
export function twinScenarioInWorker(
	fit: MmmFit,
	dataset: Dataset,
	signal?: AbortSignal
): Promise<TwinResult> {
	return twinWorker().call((remote) => remote.twinScenario(fit, dataset), signal);
}

/**
 * Fit the MMM in the worker (the contract's entry point): progress through `onProgress`,
 * cancel through `signal` (the worker is terminated; rejects with an AbortError).
 */
export function fitInWorker(
	dataset: Dataset,
	options: MmmOptions = {},
	hooks: FitHooks = {}
): Promise<MmmFit> {
	return mmmBridge().fit(dataset, options, hooks);
}
