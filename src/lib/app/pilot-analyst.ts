/**
 * The pilot's analyst: collects seed results as workers finish them and turns them into what
 * the lab draws — the summary so far (`summarizePilot`) with its fingerprint, the response-curve
 * view, and the first seed's per-day detail. It lives in a worker (pilot.worker.ts) because
 * summarising 30 seeds takes a few hundred ms and the main thread must never block that long;
 * node tests use it directly.
 */
import {
	pilotSeeds,
	summarizePilot,
	type PilotConfig,
	type PilotResult,
	type SeedResult
} from '../experiment/pilot';
import { decisionLogBuffers, type DecisionLog } from '../experiment/decision-log';
import { resultFingerprint } from '../experiment/fingerprint';
import { seedDetails, type PilotDetails } from '../experiment/pilot-details';
import type { Market } from '../sim/market';
import type { Scenario } from '../sim/scenario';
import { curvesMarket, curveTransferables, pilotCurves, type PilotCurves } from './pilot-curves';

/** The pilot as far as it has run: its summary, its fingerprint and the response-curve view. */
export interface PilotSnapshot {
	result: PilotResult;
	/** `resultFingerprint(result)`: 16 hex digits. */
	fingerprint: string;
	curves: PilotCurves;
}

/** The buffers of seed results (their decision logs), to transfer across a worker boundary. */
export function seedTransferables(results: readonly SeedResult[]): ArrayBuffer[] {
	return [...new Set(results.flatMap((r) => Object.values(r.logs).flatMap(decisionLogBuffers)))];
}

/** A copy of a log whose arrays own their buffers (safe to transfer while the original is kept). */
export function copyLog(log: DecisionLog): DecisionLog {
	return {
		...log,
		day: log.day.slice(),
		previousSpend: log.previousSpend.slice(),
		newSpend: log.newSpend.slice(),
		askedSpend: log.askedSpend.slice(),
		marginalReturn: log.marginalReturn.slice(),
		uncertainty: log.uncertainty.slice(),
		reasons: log.reasons.slice(),
		clips: log.clips.map((clip) => ({ ...clip }))
	};
}

/** The buffers of a snapshot (decision logs and curves), to transfer across a worker boundary. */
export function snapshotTransferables(snapshot: PilotSnapshot): ArrayBuffer[] {
	return [
		...new Set([
			...Object.values(snapshot.result.logs).flatMap(decisionLogBuffers),
			...curveTransferables(snapshot.curves)
		])
	];
}

/** One pilot's analysis, fed seed by seed. */
export class PilotAnalyst {
	#scenario: Scenario | null = null;
	#config: PilotConfig | null = null;
	#results: SeedResult[] = [];
	#market: Market | null = null;

	/** Start analysing a new pilot (what was collected before is dropped). */
	begin(scenario: Scenario, config: PilotConfig): void {
		this.#scenario = scenario;
		this.#config = config;
		this.#results = [];
		this.#market = null;
	}

	/** Seeds collected so far. */
	get seedsDone(): number {
		return this.#results.length;
	}

	/** Add a finished seed (a seed added twice counts once). */
	addSeed(result: SeedResult): void {
		if (this.#results.some((r) => r.seed === result.seed)) return;
		this.#results.push(result);
	}

	/**
	 * The summary of the seeds so far, its fingerprint and curves (null before the first seed). Its
	 * decision logs are copies, so the snapshot can be transferred while the seeds are kept.
	 */
	summarize(): PilotSnapshot | null {
		const scenario = this.#scenario;
		const config = this.#config;
		if (!scenario || !config || this.#results.length === 0) return null;
		const result = summarizePilot(scenario, config, this.#results);
		result.logs = Object.fromEntries(
			Object.entries(result.logs).map(([id, log]) => [id, copyLog(log)])
		);
		return { result, fingerprint: resultFingerprint(result), curves: this.curvesFor(result) };
	}

	/** The response-curve view of a result of the current pilot (e.g. one loaded from storage). */
	curvesFor(result: PilotResult): PilotCurves {
		const scenario = this.#scenario;
		const config = this.#config;
		if (!scenario || !config) throw new Error('The analyst has no pilot: call begin first.');
		this.#market ??= curvesMarket(scenario, config);
		return pilotCurves(this.#market, pilotSeeds(config)[0], scenario, result);
	}

	/**
	 * The per-day detail of the pilot's first seed (runs its policies again; seconds for large
	 * scenarios). `onRun` as in `seedDetails`: return false to stop (→ null).
	 */
	details(onRun?: (done: number, total: number) => boolean | void): PilotDetails | null {
		const scenario = this.#scenario;
		const config = this.#config;
		if (!scenario || !config) return null;
		return seedDetails(scenario, config, pilotSeeds(config)[0], onRun);
	}
}
