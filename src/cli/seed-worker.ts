/**
 * Worker thread of the CLI's seed pool (seed-pool.ts): receives the scenario and pilot config
 * once (workerData), then one seed per message, and answers with plain data (structured clone
 * keeps typed arrays, NaN and ±Infinity). seed-pool.ts starts it bundled with the engine into
 * one script by esbuild, or through seed-worker.mjs (which loads tsx) when esbuild is missing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PilotConfig } from '../lib/experiment/pilot';
import type { Scenario } from '../lib/sim/scenario';
import { runTimedSeed, type TimedSeed } from './seed-task';

/** What the pool sends: the seed to run and whether to keep its decision logs. */
export interface SeedTaskMessage {
	seed: number;
	keepLogs: boolean;
}

/** What the worker answers: the timed results, or the error that stopped the seed. */
export type SeedReplyMessage =
	{ ok: true; seed: number; timed: TimedSeed } | { ok: false; seed: number; message: string };

/** Data every worker starts with. */
export interface SeedWorkerData {
	scenario: Scenario;
	config: PilotConfig;
}

const port = parentPort;
if (!port) throw new Error('seed-worker.ts runs as a worker thread of seed-pool.ts');
const { scenario, config } = workerData as SeedWorkerData;
port.on('message', ({ seed, keepLogs }: SeedTaskMessage) => {
	let reply: SeedReplyMessage;
	try {
		reply = { ok: true, seed, timed: runTimedSeed(scenario, config, seed, keepLogs) };
	} catch (error) {
		reply = { ok: false, seed, message: error instanceof Error ? error.message : String(error) };
	}
	port.postMessage(reply);
});
