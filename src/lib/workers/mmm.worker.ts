/**
 * The MMM worker: runs fitMmm off the main thread. Thin by design: the model is in
 * src/lib/data/mmm (tested in node). The UI imports only `MmmApi` (a type) via mmm-bridge.ts;
 * progress comes back through a `Comlink.proxy` callback; cancelling terminates the worker.
 */
import * as Comlink from 'comlink';
import { fitMmm, type MmmFit, type MmmOptions } from '$lib/data/mmm';
import type { Dataset } from '$lib/data/dataset';

const api = {
	/**
	 * Fit the MMM to a dataset.
	 * @param onProgress pass `Comlink.proxy(fn)`; hears (work done, total work) a few times a second
	 */
	async fit(
		dataset: Dataset,
		options: MmmOptions = {},
		onProgress?: (done: number, total: number) => void
	): Promise<MmmFit> {
		return fitMmm(dataset, options, {
			onProgress: onProgress ? (done, total) => void onProgress(done, total) : undefined
		});
	}
};

/** The worker's API, for `Comlink.wrap<MmmApi>`. */
export type MmmApi = typeof api;

Comlink.expose(api);
