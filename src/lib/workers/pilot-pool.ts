/**
 * The one owner of the pilot workers: about hardwareConcurrency − 1 seed runners (at least one)
 * and one analyst. A pilot's seeds are handed out one at a time to whichever runner is free;
 * each finished seed goes to the analyst, which summarises the seeds so far, so results fill in
 * while the pilot runs. Progress counts policies × seeds with an estimate of the time left.
 *
 * Latest wins: a new pilot supersedes one in progress. Cancelling is prompt: the pilot's promise
 * rejects at once (AbortError); busy workers are asked to stop and terminated if they have not
 * within a short grace (a seed is one synchronous loop). Idle workers are shut down after a while.
 *
 * Faults: a worker that dies (`error`), sends an unreadable message (`messageerror`), throws, or
 * stays silent while busy for `stallMs` stops the pilot with a `PilotInterrupted` that carries
 * the seeds finished so far (kept here on the main thread, since the analyst may be the one that
 * died); running again with them as `completed` runs only the missing seeds.
 */
import * as Comlink from 'comlink';
import { pilotPolicies, pilotSeeds, type PilotResult, type SeedResult } from '../experiment/pilot';
import type { PilotDetails } from '../experiment/pilot-details';
import type { PilotSnapshot } from '../app/pilot-analyst';
import type { PilotCurves } from '../app/pilot-curves';
import { ProgressTracker } from '../app/run-progress';
import { errorEventCause, isPilotInterrupted, PilotInterrupted } from './pilot-interrupted';
import type {
	PilotOutcome,
	PilotPoolOptions,
	PilotRequest,
	PilotRunOptions
} from './pilot-request';
import { PilotSlot as Slot } from './pilot-slot';
import { abortError, type WorkerLike } from './worker-client';

export type { PilotOutcome, PilotPoolOptions, PilotRequest, PilotRunOptions };

/** Seed runners for a machine with `cores` logical cores: one core stays with the page. */
export function poolSize(cores: number | undefined): number {
	return Math.max(1, Math.min(16, (cores ?? 2) - 1));
}

export class PilotPool {
	readonly size: number;
	readonly #create: () => WorkerLike;
	readonly #idleMs: number;
	readonly #graceMs: number;
	readonly #gapMs: number;
	readonly #stallMs: number;
	#runners: Slot[] = [];
	#analyst: Slot | null = null;
	#cancelCurrent: ((error: Error) => void) | null = null;
	#nextId = 1;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;
	#failure: ((error: Error) => void) | null = null;

	constructor(create: () => WorkerLike, options: PilotPoolOptions = {}) {
		this.#create = create;
		this.size = Math.max(1, Math.floor(options.size ?? 1));
		this.#idleMs = options.idleMs ?? 30_000;
		this.#graceMs = options.cancelGraceMs ?? 60;
		this.#gapMs = options.snapshotGapMs ?? 0;
		this.#stallMs = options.stallMs ?? 90_000;
	}

	/** Workers alive (runners and analyst). */
	get workers(): number {
		return this.#runners.length + (this.#analyst ? 1 : 0);
	}

	/** Run a pilot. A new pilot supersedes one in progress (latest wins). */
	run(request: PilotRequest, options: PilotRunOptions = {}): Promise<PilotOutcome> {
		const { scenario, config } = request;
		const { signal } = options;
		if (signal?.aborted) return Promise.reject(abortError('The pilot was cancelled.'));
		this.#cancelCurrent?.(abortError('Superseded by a newer pilot.'));
		this.#clearIdle();
		const id = this.#nextId++;
		const seeds = pilotSeeds(config);
		const tracker = new ProgressTracker(pilotPolicies(config).length, seeds.length, now());
		/** Finished seeds by seed: main-thread copies, so a fault anywhere loses none of them. */
		const done = new Map<number, SeedResult>();
		for (const result of options.completed ?? []) {
			if (seeds.includes(result.seed) && !done.has(result.seed)) {
				done.set(result.seed, result);
				tracker.seedDone(result.seed);
			}
		}
		const queue = seeds.filter((seed) => !done.has(seed));
		const analyst = this.#analystSlot();
		const runners = this.#runnerSlots(Math.min(this.size, queue.length));

		return new Promise<PilotOutcome>((resolve, reject) => {
			let settled = false;
			let seedsDone = done.size;
			let summarizing = false;
			let summarizedAt = -Infinity;
			let held: ReturnType<typeof setTimeout> | null = null;
			let dirty = false;
			let last: PilotSnapshot | null = null;
			let details: PilotDetails | null | undefined;
			const ticker = setInterval(() => report(), 1000);
			const watchdog = setInterval(
				() => {
					for (const slot of [...runners, analyst]) {
						const silent = slot.silentMs();
						if (slot.retired || silent <= this.#stallMs) continue;
						this.#retire(slot, 0);
						fail(new PilotInterrupted(`it stopped answering for ${seconds(silent)} s`, []));
					}
				},
				Math.min(1000, Math.max(5, this.#stallMs / 4))
			);

			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				clearInterval(ticker);
				clearInterval(watchdog);
				if (held !== null) clearTimeout(held);
				signal?.removeEventListener('abort', onAbort);
				if (this.#cancelCurrent === cancel) this.#cancelCurrent = null;
				this.#failure = null;
				finish();
				this.#scheduleIdle();
			};
			const cancel = (error: Error) =>
				settle(() => {
					for (const slot of [...runners, analyst]) if (slot.pending > 0) this.#retire(slot);
					reject(error);
				});
			/** Any failure but a cancel interrupts the pilot, keeping the seeds done. */
			const fail = (error: unknown) => {
				const cause = isPilotInterrupted(error)
					? error.message.replace(/^A simulation worker stopped unexpectedly: /, '')
					: error instanceof Error
						? error.message
						: String(error);
				cancel(new PilotInterrupted(cause, [...done.values()]));
			};
			const onAbort = () => cancel(abortError('The pilot was cancelled.'));
			const report = () => {
				if (!settled) options.onProgress?.(tracker.at(now()));
			};
			const finishIfDone = () => {
				if (seedsDone < seeds.length || summarizing || dirty || held !== null) return;
				if (!last || last.result.seeds.length < seeds.length || details === undefined) return;
				const outcome = { ...last, details };
				settle(() => resolve(outcome));
			};
			const summarize = () => {
				if (held !== null && seedsDone === seeds.length) {
					// The last seed is in: its summary is not held back.
					clearTimeout(held);
					held = null;
				}
				if (summarizing || held !== null) {
					dirty = summarizing;
					return;
				}
				const wait = summarizedAt + this.#gapMs - now();
				if (wait > 0 && seedsDone < seeds.length) {
					held = setTimeout(() => {
						held = null;
						summarize();
					}, wait);
					return;
				}
				summarizing = true;
				dirty = false;
				analyst
					.call((api) => api.summarize(id))
					.then((snapshot) => {
						summarizing = false;
						summarizedAt = now();
						if (settled) return;
						if (snapshot) {
							last = snapshot;
							options.onSnapshot?.(snapshot);
						}
						if (dirty) summarize();
						else finishIfDone();
					}, fail);
			};
			const pump = (slot: Slot) => {
				const seed = queue.shift();
				if (seed === undefined || settled) return;
				const progress = Comlink.proxy((s: number, runsDone: number) => {
					slot.heard();
					if (settled) return;
					tracker.policyDone(s, runsDone);
					report();
				});
				slot
					.call((api) => api.runSeeds(scenario, config, [seed], seeds[0], progress))
					.then((results) => {
						if (settled) return;
						if (!results) return fail(new Error('it gave up on its seed'));
						for (const result of results) {
							if (done.has(result.seed)) continue;
							done.set(result.seed, result);
							tracker.seedDone(result.seed);
							seedsDone++;
							// Copied, not transferred: the main thread keeps every finished seed.
							void analyst.call((api) => api.addSeed(id, result));
						}
						report();
						summarize();
						pump(slot);
					}, fail);
			};

			this.#cancelCurrent = cancel;
			this.#failure = fail;
			signal?.addEventListener('abort', onAbort, { once: true });
			analyst.call((api) => api.begin(id, scenario, config)).catch(fail);
			for (const result of done.values()) void analyst.call((api) => api.addSeed(id, result));
			analyst
				.call((api) => api.details(id))
				.then((result) => {
					if (settled) return;
					details = result;
					if (result) options.onDetails?.(result);
					finishIfDone();
				}, fail);
			report();
			if (done.size > 0) summarize();
			for (const slot of runners) pump(slot);
		});
	}

	/**
	 * The curve view and first-seed detail of a finished pilot (a run opened from storage or a
	 * link). Latest wins with `run`: a pilot started meanwhile cancels it.
	 */
	describe(
		request: PilotRequest,
		result: PilotResult,
		signal?: AbortSignal
	): Promise<{ curves: PilotCurves; details: PilotDetails | null }> {
		if (signal?.aborted) return Promise.reject(abortError('The simulation was cancelled.'));
		this.#cancelCurrent?.(abortError('Superseded.'));
		this.#clearIdle();
		const analyst = this.#analystSlot();
		return new Promise((resolve, reject) => {
			let settled = false;
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				if (this.#cancelCurrent === cancel) this.#cancelCurrent = null;
				finish();
				this.#scheduleIdle();
			};
			const cancel = (error: Error) =>
				settle(() => {
					if (analyst.pending > 0) this.#retire(analyst);
					reject(error);
				});
			const onAbort = () => cancel(abortError('The simulation was cancelled.'));
			this.#cancelCurrent = cancel;
			signal?.addEventListener('abort', onAbort, { once: true });
			analyst
				.call((api) => api.describe(request.scenario, request.config, result))
				.then(
					(value) => settle(() => resolve(value)),
					(error: unknown) => cancel(error instanceof Error ? error : new Error(String(error)))
				);
		});
	}

	/**
	 * The summary of the seeds kept from an interrupted pilot, to show them (null when none, or
	 * when a pilot started meanwhile took the analyst over).
	 */
	async summarizeSeeds(
		request: PilotRequest,
		completed: readonly SeedResult[]
	): Promise<PilotSnapshot | null> {
		if (completed.length === 0) return null;
		this.#clearIdle();
		const analyst = this.#analystSlot();
		const id = this.#nextId++;
		try {
			await analyst.call((api) => api.begin(id, request.scenario, request.config));
			for (const result of completed) void analyst.call((api) => api.addSeed(id, result));
			return await analyst.call((api) => api.summarize(id));
		} finally {
			if (!this.#cancelCurrent) this.#scheduleIdle();
		}
	}

	/** Stop every worker now (a pilot in progress is cancelled). */
	terminate(): void {
		this.#cancelCurrent?.(abortError('The pilot was cancelled.'));
		this.#clearIdle();
		for (const slot of [...this.#runners, ...(this.#analyst ? [this.#analyst] : [])]) {
			slot.worker.terminate();
		}
		this.#runners = [];
		this.#analyst = null;
	}

	#start(): Slot {
		const worker = this.#create();
		const slot = new Slot(worker);
		// A worker that dies, fails to load or throws at the top level never answers: stop it and
		// interrupt the pilot. So does one whose message cannot be read (its call never resolves).
		const died = (cause: string) => {
			if (slot.retired) return;
			this.#retire(slot, 0);
			this.#failure?.(new PilotInterrupted(cause, []));
		};
		worker.addEventListener('error', (event) => died(errorEventCause(event)));
		worker.addEventListener('messageerror', () => died('a message from it could not be read'));
		return slot;
	}

	#analystSlot(): Slot {
		this.#analyst ??= this.#start();
		return this.#analyst;
	}

	#runnerSlots(count: number): Slot[] {
		while (this.#runners.length < count) this.#runners.push(this.#start());
		return this.#runners.slice(0, count);
	}

	/**
	 * Take a busy worker out of the pool: ask it to stop, and terminate it unless its calls end
	 * within the grace period (then it is kept, warm, if the pool has room).
	 */
	#retire(slot: Slot, graceMs = this.#graceMs): void {
		if (slot.retired) return;
		this.#runners = this.#runners.filter((s) => s !== slot);
		if (this.#analyst === slot) this.#analyst = null;
		slot.stop(graceMs, () => {
			if (this.#runners.length >= this.size) return false;
			this.#runners.push(slot);
			return true;
		});
	}

	#scheduleIdle(): void {
		this.#clearIdle();
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			if (!this.#cancelCurrent) this.terminate();
		}, this.#idleMs);
	}

	#clearIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}

const now = () => performance.now();
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** The app's pilot pool: module workers, started on the first pilot. */
export const pilotPool = new PilotPool(
	() => new Worker(new URL('./pilot.worker.ts', import.meta.url), { type: 'module' }),
	{
		size: poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency),
		snapshotGapMs: 2000
	}
);
