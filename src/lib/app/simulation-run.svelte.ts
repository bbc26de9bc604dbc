/**
 * UI state of one simulation: its status, progress and result. The page starts it; the work
 * happens in the simulator worker behind the bridge. Latest wins: starting again supersedes a
 * run still in progress, and only the latest run's progress and result are kept.
 */
import type { ProgressCallback, RunRequest, RunSummary } from './run-summary';

/** What the state needs of the bridge (the real `SimBridge`, or a fake in tests). */
export interface SimulationRunner {
	run(
		request: RunRequest,
		options: { signal?: AbortSignal; onProgress?: ProgressCallback }
	): Promise<RunSummary>;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export class SimulationRun {
	/** Where the latest run stands. */
	status = $state<RunStatus>('idle');
	/** Days simulated so far by the latest run. */
	daysDone = $state(0);
	/** Days the latest run simulates (0 until the first progress report). */
	days = $state(0);
	/** The latest finished run (kept while a newer one runs). */
	summary = $state.raw<RunSummary | null>(null);
	/** What went wrong, in words, when status is 'error'. */
	error = $state<string | null>(null);
	/** Share of the latest run done, 0–1. */
	readonly progress = $derived(this.days > 0 ? Math.min(1, this.daysDone / this.days) : 0);

	readonly #runner: SimulationRunner;
	#controller: AbortController | null = null;

	constructor(runner: SimulationRunner) {
		this.#runner = runner;
	}

	/** Run `request`; resolves when it has finished, failed or been superseded. */
	async start(request: RunRequest): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const latest = () => this.#controller === controller;
		this.status = 'running';
		this.daysDone = 0;
		this.days = request.days ?? 0;
		this.error = null;
		try {
			const summary = await this.#runner.run(request, {
				signal: controller.signal,
				onProgress: (done, days) => {
					if (!latest()) return;
					this.daysDone = done;
					this.days = days;
				}
			});
			if (!latest()) return;
			this.summary = summary;
			this.daysDone = summary.days;
			this.days = summary.days;
			this.status = 'done';
		} catch (error) {
			if (!latest()) return;
			if (controller.signal.aborted) this.status = 'cancelled';
			else {
				this.status = 'error';
				this.error = error instanceof Error ? error.message : String(error);
			}
		} finally {
			if (latest()) this.#controller = null;
		}
	}

	/** Cancel the run in progress, if any. */
	cancel(): void {
		this.#controller?.abort();
	}
}
