/**
 * The simulator worker: runs a scenario off the main thread and returns plain data for charts.
 *
 * Thin on purpose: the work lives in `app/run-summary.ts` (tested in node). The UI talks to this
 * worker only through `sim-bridge.ts` and imports nothing from here but the `SimApi` type.
 */
import * as Comlink from 'comlink';
import {
	simulateFixedSplit,
	summaryTransferables,
	type ProgressCallback,
	type RunRequest,
	type RunSummary
} from '../app/run-summary';

const api = {
	/**
	 * Simulate `request` for its horizon under the fixed historical split. `onProgress` (a
	 * `Comlink.proxy`) hears (days done, days) as the run goes. The typed arrays of the summary
	 * are transferred, not copied. The run is synchronous: the bridge cancels it by terminating
	 * the worker.
	 */
	async run(request: RunRequest, onProgress?: ProgressCallback): Promise<RunSummary> {
		try {
			const summary = simulateFixedSplit(request, onProgress);
			return Comlink.transfer(summary, summaryTransferables(summary));
		} finally {
			// Free the callback's message port once the run is over.
			(onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
		}
	}
};

Comlink.expose(api);

/** The worker's interface, for `Comlink.wrap<SimApi>` in the bridge. */
export type SimApi = typeof api;
