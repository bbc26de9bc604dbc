/**
 * The one owner of the MMM worker: starts it on first use, forwards progress, cancels by
 * terminating it (the fit is a compute loop; terminating is immediate and frees the core), lets
 * the latest fit supersede a stale one, and shuts the worker down when idle. The split, budget
 * scenarios and twin run in their own instances of the same worker (WorkerClient), so
 * cancelling a stale split never kills a fit or a twin in progress.
 */
import * as Comlink from 'comlink';
import type { Dataset } from '../data/dataset';
import type {
	BudgetScenario,
	MmmFit,
	MmmOptions,
	SplitOptions,
	SplitResult,
	TwinResult
} from '../data/mmm';
import type { MmmApi } from './mmm.worker';
import { WorkerClient } from './worker-client';

/** What the bridge needs of a worker (a `Worker`, or a message port in tests). */
export interface WorkerLike extends Comlink.Endpoint {
	terminate(): void;
}

/** Progress and cancellation of a fit in the worker. */
export interface FitHooks {
	/** Hears (work done, total work) a few times a second. */
	onProgress?: (done: number, total: number) => void;
	/** Aborting terminates the worker; the promise rejects with an AbortError. */
	signal?: AbortSignal;
}

/** A DOMException named AbortError, as `fetch` rejects with. */
export function fitAbortError(message = 'The fit was cancelled.'): DOMException {
	return new DOMException(message, 'AbortError');
}

/** Owns one MMM worker. */
export class MmmBridge {
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	#worker: WorkerLike | null = null;
	#remote: Comlink.Remote<MmmApi> | null = null;
	#fail: ((error: Error) => void) | null = null;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(create: () => WorkerLike, options: { idleMs?: number } = {}) {
		this.#create = create;
		this.#idleMs = options.idleMs ?? 30_000;
	}

	/** Whether a worker is alive. */
	get started(): boolean {
		return this.#worker !== null;
	}

	/** Fit in the worker. A new fit supersedes one still running (latest wins). */
	fit(dataset: Dataset, options: MmmOptions = {}, hooks: FitHooks = {}): Promise<MmmFit> {
		const { signal, onProgress } = hooks;
		if (signal?.aborted) return Promise.reject(fitAbortError());
		if (this.#fail) {
			this.#fail(fitAbortError('Superseded by a newer fit.'));
			this.terminate();
		}
		this.#clearIdle();
		const remote = this.#start();
		return new Promise<MmmFit>((resolve, reject) => {
			let settled = false;
			const onAbort = () => {
				fail(fitAbortError());
				this.terminate();
			};
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				if (this.#fail === fail) {
					this.#fail = null;
					this.#scheduleIdle();
				}
				finish();
			};
			const fail = (error: Error) => settle(() => reject(error));
			this.#fail = fail;
			signal?.addEventListener('abort', onAbort, { once: true });
			const progress = onProgress
				? Comlink.proxy((done: number, total: number) => {
						if (!settled) onProgress(done, total);
					})
				: undefined;
			remote.fit(dataset, options, progress).then(
				(fit) => settle(() => resolve(fit)),
				(error: unknown) => fail(error instanceof Error ? error : new Error(String(error)))
			);
		});
	}

	/** Stop the worker now (a fit in progress is cancelled); the next fit starts a fresh one. */
	terminate(): void {
		this.#clearIdle();
		const fail = this.#fail;
		this.#fail = null;
		fail?.(fitAbortError());
		this.#worker?.terminate();
		this.#worker = null;
		this.#remote = null;
	}

	#start(): Comlink.Remote<MmmApi> {
		if (this.#remote) return this.#remote;
		const worker = this.#create();
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			const message = (event as ErrorEvent).message || 'the worker could not start';
			this.#fail?.(new Error(`The MMM worker stopped: ${message}`));
			this.terminate();
		});
		this.#worker = worker;
		this.#remote = Comlink.wrap<MmmApi>(worker);
		return this.#remote;
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (!this.#fail) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
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
	splitClient ??= new WorkerClient<MmmApi>(mmmWorker, 'The split calculator');
	return splitClient;
}

/** The worker for twins (lazy; aborting terminates it). */
function twinWorker(): WorkerClient<MmmApi> {
	twinClient ??= new WorkerClient<MmmApi>(mmmWorker, 'The twin builder');
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
