/**
 * Runs a pilot's seeds on `node:worker_threads`, one seed at a time per worker, handing the next
 * seed to whichever worker finishes first. Seeds are independent and every run is seeded, so the
 * results are the same whatever the number of threads or the order they finish in; they are
 * returned in the order of `seeds`. With one thread (or one seed) it runs here, without workers.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { PilotConfig, SeedResult } from '../lib/experiment/pilot';
import type { Scenario } from '../lib/sim/scenario';
import { runTimedSeed, type TimedSeed } from './seed-task';
import type { SeedReplyMessage, SeedTaskMessage, SeedWorkerData } from './seed-worker';

export interface SeedPoolOptions {
	/** Worker threads to use (default: `defaultThreads(seeds.length)`); 1 runs in this thread. */
	threads?: number;
	/** The seed whose decision logs to keep (the pilot's first seed); none when omitted. */
	keepLogsFor?: number;
	/** Called as each seed finishes (in finishing order), with its timing. */
	onSeed?(timed: TimedSeed, done: number, total: number): void;
}

/** Threads for `seeds` seeds when none are asked for: one per core, no more than seeds. */
export function defaultThreads(seeds: number): number {
	return Math.max(1, Math.min(seeds, availableParallelism()));
}

/** Run `seeds` of a pilot, in parallel when threads > 1; resolves with one result per seed, in order. */
export async function runSeeds(
	scenario: Scenario,
	config: PilotConfig,
	seeds: readonly number[],
	options: SeedPoolOptions = {}
): Promise<SeedResult[]> {
	const threads = Math.min(options.threads ?? defaultThreads(seeds.length), seeds.length);
	if (threads <= 1) {
		const results: SeedResult[] = [];
		for (const seed of seeds) {
			const timed = runTimedSeed(scenario, config, seed, seed === options.keepLogsFor);
			results.push(timed.result);
			options.onSeed?.(timed, results.length, seeds.length);
		}
		return results;
	}
	return runOnWorkers(scenario, config, seeds, threads, options);
}

/**
 * The worker's code bundled into one script, built once per process (null: no esbuild). An IIFE:
 * a worker evaluates it as a script, where top-level declarations would become globals.
 */
let bundled: Promise<string | null> | null = null;

/**
 * Bundle seed-worker.ts and the engine it imports into one script with esbuild (a dependency of
 * tsx and vite; built once per process, in about 0.1 s). Workers then start from plain
 * JavaScript: loading the engine through tsx's `register()` transpiles every file again in every
 * worker, and its CommonJS output reaches every export through a getter — on calls as hot as
 * `pm.log` (the same runs take about a third less time bundled). Falls back to seed-worker.mjs
 * when esbuild cannot be loaded or the build fails.
 */
function workerBundle(): Promise<string | null> {
	bundled ??= (async () => {
		try {
			const esbuild = await import('esbuild');
			const result = await esbuild.build({
				entryPoints: [fileURLToPath(new URL('./seed-worker.ts', import.meta.url))],
				bundle: true,
				platform: 'node',
				format: 'iife',
				target: 'node20',
				write: false,
				logLevel: 'silent'
			});
			return result.outputFiles[0].text;
		} catch {
			return null;
		}
	})();
	return bundled;
}

/**
 * Young-generation size of the workers, MB (V8 splits it into two semi-spaces and a space for
 * large new objects: 96 gives semi-spaces of 32 MB). A run allocates a few hundred MB of
 * short-lived arrays; with V8's default start of 1 MB semi-spaces that grow slowly, workers
 * scavenged ~20 times per seed at ~3 ms each, a tenth of the pilot's CPU.
 */
const YOUNG_GENERATION_MB = 96;
const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
let semiSpaceSet = false;

/**
 * Start new isolates (the workers) with full-size semi-spaces. V8 reads this flag when it sets up
 * an isolate's heap, so it applies to workers started afterwards (the flag is process-wide and
 * cannot be given per worker: `execArgv` takes no V8 flags); this thread's heap is not changed.
 */
function startWorkersWithLargeYoungGeneration(): void {
	if (semiSpaceSet) return;
	semiSpaceSet = true;
	setFlagsFromString(`--min-semi-space-size=${YOUNG_GENERATION_MB / 3}`);
}

async function runOnWorkers(
	scenario: Scenario,
	config: PilotConfig,
	seeds: readonly number[],
	threads: number,
	options: SeedPoolOptions
): Promise<SeedResult[]> {
	const code = await workerBundle();
	startWorkersWithLargeYoungGeneration();
	return startWorkers(scenario, config, seeds, threads, options, code);
}

/** Run the seeds on `threads` workers started from `code` (the bundle), or from seed-worker.mjs. */
function startWorkers(
	scenario: Scenario,
	config: PilotConfig,
	seeds: readonly number[],
	threads: number,
	options: SeedPoolOptions,
	code: string | null
): Promise<SeedResult[]> {
	return new Promise((resolve, reject) => {
		const results = new Map<number, SeedResult>();
		const workers: Worker[] = [];
		// Workers stopped on purpose (no seeds left): their exit code is not a failure.
		const retired = new Set<Worker>();
		let next = 0;
		let settled = false;
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			for (const worker of workers) void worker.terminate();
			if (error) reject(error);
			else resolve(seeds.map((seed) => results.get(seed)!));
		};
		const feed = (worker: Worker) => {
			if (next >= seeds.length) {
				retired.add(worker);
				void worker.terminate();
				return;
			}
			const seed = seeds[next++];
			const task: SeedTaskMessage = { seed, keepLogs: seed === options.keepLogsFor };
			worker.postMessage(task);
		};
		const workerData: SeedWorkerData = { scenario, config };
		for (let i = 0; i < threads; i++) {
			// Plain node flags: the bundle is plain JavaScript, and the .mjs fallback registers tsx
			// itself (see seed-worker.mjs).
			const workerOptions = { workerData, execArgv: [], resourceLimits: WORKER_LIMITS };
			const worker = code
				? new Worker(code, { ...workerOptions, eval: true })
				: new Worker(new URL('./seed-worker.mjs', import.meta.url), workerOptions);
			workers.push(worker);
			worker.on('message', (reply: SeedReplyMessage) => {
				if (!reply.ok) {
					finish(new Error(`seed ${reply.seed}: ${reply.message}`));
					return;
				}
				results.set(reply.seed, reply.timed.result);
				options.onSeed?.(reply.timed, results.size, seeds.length);
				if (results.size === seeds.length) finish();
				else feed(worker);
			});
			worker.on('error', (error) => finish(new Error(`a worker thread failed: ${error.message}`)));
			worker.on('exit', (code) => {
				if (!settled && !retired.has(worker)) {
					finish(new Error(`a worker thread exited with code ${code}`));
				}
			});
			feed(worker);
		}
	});
}
