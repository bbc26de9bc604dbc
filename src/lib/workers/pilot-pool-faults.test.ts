/**
 * Faults under the pilot pool (issue 9): a worker that dies, sends an unreadable message, or
 * goes silent mid-pilot. The stand-in workers run the real engine (runSeed, PilotAnalyst) on a
 * small market at the end of a MessageChannel, so "same seeds, same numbers" is checked on real
 * fingerprints: a retry after a fault must give exactly an uninterrupted pilot's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pilotSeeds, runSeed, type PilotConfig, type SeedResult } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { loadPreset } from '../sim/presets';
import type { Scenario } from '../sim/scenario';
import { PilotAnalyst } from '../app/pilot-analyst';
import { PilotPool } from './pilot-pool';
import { interruptionText, isPilotInterrupted, PilotInterrupted } from './pilot-interrupted';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';
import { isAbortError, type WorkerLike } from './worker-client';

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig(
	{ policies: [{ kind: 'bau-fixed' }, { kind: 'ts-curve' }], seeds: 4, days: 20 },
	scenario
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config: PilotConfig = parsed.value;
const request = { scenario, config };
/** The pilot's four seeds. */
const [s0, s1, s2, s3] = pilotSeeds(config);

/** How the stand-in worker given `seed` dies the first time it is asked to run it. */
type Fault = 'error' | 'messageerror' | 'silent';

/**
 * Stand-ins for pilot workers running the real engine. `faults` kills the worker that is given
 * a seed, once (the retry's worker runs it); `analystDiesOnSummary` kills the analyst (the
 * first worker made) when asked for that summary (1 = the first).
 */
function engineWorkers(faults: Record<number, Fault> = {}, analystDiesOnSummary = 0) {
	const created: FakeWorkerRecord[] = [];
	const seedsRun: number[] = [];
	const pending = new Map(Object.entries(faults).map(([seed, fault]) => [Number(seed), fault]));
	let summaries = 0;
	const create = (): WorkerLike => {
		const analyst = new PilotAnalyst();
		const isAnalyst = created.length === 0;
		// `worker` is this stand-in's record, made by fakeWorker below before any call can arrive.
		const die = (fault: Fault): Promise<never> => {
			const { port, workerPort } = worker;
			if (fault === 'error') {
				port.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' }));
				workerPort.close();
			} else if (fault === 'messageerror') port.dispatchEvent(new Event('messageerror'));
			return new Promise<never>(() => {});
		};
		const api = {
			async runSeeds(
				s: Scenario,
				c: PilotConfig,
				seeds: number[],
				logsFor: number | null,
				onProgress?: (seed: number, done: number, total: number) => void
			): Promise<SeedResult[]> {
				const out: SeedResult[] = [];
				for (const seed of seeds) {
					const fault = pending.get(seed);
					if (fault) {
						pending.delete(seed);
						// Mid-seed: a progress report has gone out before the worker dies.
						await onProgress?.(seed, 1, 3);
						return die(fault);
					}
					const result = runSeed(s, c, seed, {}, seed === logsFor)!;
					await onProgress?.(seed, 3, 3);
					seedsRun.push(seed);
					out.push(result);
				}
				return out;
			},
			cancel() {},
			begin(_id: number, s: Scenario, c: PilotConfig) {
				analyst.begin(s, c);
			},
			addSeed(_id: number, result: SeedResult) {
				analyst.addSeed(result);
			},
			summarize() {
				summaries++;
				if (isAnalyst && summaries === analystDiesOnSummary) return die('error');
				return analyst.summarize();
			},
			details() {
				return null;
			}
		};
		const endpoint = fakeWorker(api, created);
		const worker = created[created.length - 1];
		return endpoint;
	};
	return { create, created, seedsRun };
}

/** The fingerprint of an uninterrupted pilot on the same stand-ins. */
async function uninterrupted(): Promise<string> {
	const clean = new PilotPool(engineWorkers().create, { size: 2 });
	try {
		return (await clean.run(request)).fingerprint;
	} finally {
		clean.terminate();
	}
}

async function interruption(running: Promise<unknown>): Promise<PilotInterrupted> {
	const error = await running.then(
		() => null,
		(e: unknown) => e
	);
	if (!isPilotInterrupted(error)) throw new Error(`expected an interruption, got ${String(error)}`);
	return error;
}

describe('PilotPool faults', () => {
	let pool: PilotPool | null = null;
	afterEach(() => pool?.terminate());

	it('stops when a worker dies mid-seed, keeps the seeds done, and a retry runs only the rest', async () => {
		const expected = await uninterrupted();
		const workers = engineWorkers({ [s2]: 'error' });
		pool = new PilotPool(workers.create, { size: 1 });
		const error = await interruption(pool.run(request));
		expect(error.message).toBe('A simulation worker stopped unexpectedly: out of memory');
		expect(error.completed.map((r) => r.seed)).toEqual([s0, s1]);
		// The dead runner was terminated, not left to hang.
		expect(workers.created[1].terminated).toBe(true);
		// The kept seeds can be drawn while the user decides.
		const kept = await pool.summarizeSeeds(request, error.completed);
		expect(kept?.result.seeds).toEqual([s0, s1]);

		const outcome = await pool.run(request, { completed: error.completed });
		expect(outcome.result.seeds).toEqual([s0, s1, s2, s3]);
		expect(workers.seedsRun).toEqual([s0, s1, s2, s3]);
		expect(outcome.fingerprint).toBe(expected);
	});

	it('keeps the other workers’ seeds when one of two runners dies', async () => {
		const expected = await uninterrupted();
		const workers = engineWorkers({ [s2]: 'error' });
		pool = new PilotPool(workers.create, { size: 2 });
		const error = await interruption(pool.run(request));
		const kept = error.completed.map((r) => r.seed);
		// s0 and s1 went to the two runners at once; one of them then took s2 and died.
		expect(kept).toEqual(expect.arrayContaining([s0, s1]));
		expect(kept).not.toContain(s2);
		const before = workers.seedsRun.length;
		const outcome = await pool.run(request, { completed: error.completed });
		expect(outcome.fingerprint).toBe(expected);
		// The retry ran no kept seed again.
		expect(workers.seedsRun.slice(before).filter((seed) => kept.includes(seed))).toEqual([]);
	});

	it('treats an unreadable message as a dead worker', async () => {
		const workers = engineWorkers({ [s0]: 'messageerror' });
		pool = new PilotPool(workers.create, { size: 1 });
		const error = await interruption(pool.run(request));
		expect(error.message).toBe(
			'A simulation worker stopped unexpectedly: a message from it could not be read'
		);
		expect(error.completed).toEqual([]);
	});

	it('notices a busy worker that went silent without a word', async () => {
		const expected = await uninterrupted();
		const workers = engineWorkers({ [s3]: 'silent' });
		// The stand-ins share this thread, so a seed in progress blocks the clock too: the
		// silence allowed is well above one seed's time.
		pool = new PilotPool(workers.create, { size: 1, stallMs: 1500 });
		const error = await interruption(pool.run(request));
		expect(error.message).toMatch(/stopped unexpectedly: it stopped answering for [\d.]+ s$/);
		expect(error.completed.map((r) => r.seed)).toEqual([s0, s1, s2]);
		expect(workers.created[1].terminated).toBe(true);
		const outcome = await pool.run(request, { completed: error.completed });
		expect(outcome.fingerprint).toBe(expected);
	});

	it('keeps the seeds when the analyst itself dies, and summarises them again on retry', async () => {
		const expected = await uninterrupted();
		const workers = engineWorkers({}, 2);
		pool = new PilotPool(workers.create, { size: 1 });
		const error = await interruption(pool.run(request));
		expect(error.completed.length).toBeGreaterThanOrEqual(2);
		expect(workers.created[0].terminated).toBe(true);
		const kept = error.completed.map((r) => r.seed);
		const before = workers.seedsRun.length;
		const outcome = await pool.run(request, { completed: error.completed });
		expect(outcome.fingerprint).toBe(expected);
		// The retry ran no kept seed again.
		expect(workers.seedsRun.slice(before).filter((seed) => kept.includes(seed))).toEqual([]);
	});

	it('still cancels as a cancel, not as a fault', async () => {
		const workers = engineWorkers({ [s1]: 'silent' });
		pool = new PilotPool(workers.create, { size: 1, cancelGraceMs: 10 });
		const controller = new AbortController();
		const running = pool.run(request, { signal: controller.signal });
		setTimeout(() => controller.abort(), 30);
		const error = await running.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(isPilotInterrupted(error)).toBe(false);
	});
});

describe('interruptionText', () => {
	it('says what happened and how many seeds are kept', () => {
		expect(interruptionText('A simulation worker stopped unexpectedly: out of memory', 3)).toBe(
			'A simulation worker stopped unexpectedly: out of memory; no results were lost — the 3 seeds finished are kept.'
		);
		expect(interruptionText('Stopped.', 1)).toBe(
			'Stopped; no results were lost — the 1 seed finished is kept.'
		);
		expect(interruptionText('Stopped', 0)).toBe(
			'Stopped; no seed had finished yet, so nothing is lost.'
		);
	});
});
