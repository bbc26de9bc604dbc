/**
 * The off-policy evaluation worker: loads decision logs (parses a CSV, or simulates a logging
 * policy on a preset together with every row's potential outcomes) and runs the estimators
 * with their bootstrap, off the main thread. Thin on purpose: the work is `OpeSession`
 * (experiment/ope/ope-session.ts, tested in node). The UI talks to it only through
 * `ope-bridge.ts` and imports nothing from here but the `OpeApi` type.
 */
import * as Comlink from 'comlink';
import type { OpeParsed } from '../experiment/ope/log';
import {
	OpeSession,
	type LogSummary,
	type OpeEvaluation,
	type OpeSource
} from '../experiment/ope/ope-session';
import type { TargetSpec } from '../experiment/ope/target-policies';

/** Settings of one evaluation request. */
export interface OpeEvaluateRequest {
	/** Seed of the folds and the bootstrap. */
	seed: number;
	/** Bootstrap resamples. */
	replicates: number;
}

const session = new OpeSession();

const release = (callback: unknown) =>
	(callback as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();

const api = {
	/** Load the log of `source` (kept for the next calls) and describe it, or say what is wrong. */
	async load(source: OpeSource): Promise<OpeParsed<LogSummary>> {
		return session.load(source);
	},

	/**
	 * Evaluate `target` on the log of `source`; `onProgress` (a `Comlink.proxy`) hears the share
	 * of the bootstrap done.
	 */
	async evaluate(
		source: OpeSource,
		target: TargetSpec,
		request: OpeEvaluateRequest,
		onProgress?: (share: number) => void
	): Promise<OpeParsed<OpeEvaluation>> {
		try {
			return session.evaluate(source, target, { ...request, onProgress });
		} finally {
			release(onProgress);
		}
	},

	/** The log of `source` as CSV text. */
	async csv(source: OpeSource): Promise<OpeParsed<string>> {
		return session.csv(source);
	}
};

Comlink.expose(api);

/** The worker's interface, for `Comlink.wrap<OpeApi>` in the bridge. */
export type OpeApi = typeof api;
