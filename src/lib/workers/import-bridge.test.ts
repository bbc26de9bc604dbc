import { afterEach, describe, expect, it } from 'vitest';
import { createImportService, type ImportProgress } from '../data/import';
import { fixtureCsv } from '../data/import/test-fixtures';
import { isAbortError, type WorkerLike } from './worker-client';
import { ImportBridge } from './import-bridge';
import { fakeWorker, type FakeWorkerRecord } from './fake-worker';

/**
 * A stand-in for the import worker: the real import service exposed on one end of a
 * MessageChannel (as import.worker.ts does on `self`), the bridge on the other.
 */
function fakeWorkers() {
	const created: FakeWorkerRecord[] = [];
	const create = (): WorkerLike => {
		const service = createImportService();
		const api = {
			importFile: (
				input: Blob | string,
				options: object,
				onProgress?: (p: ImportProgress) => void
			) => service.importFile(input, options, onProgress),
			remap: service.remap,
			suggest: async () => service.suggest(),
			cancel: async () => service.cancel()
		};
		return fakeWorker(api, created);
	};
	return { create, created };
}

const pymc = fixtureCsv('pymc_weekly.csv');
const manual = fixtureCsv('manual_semicolon.csv');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ImportBridge', () => {
	let bridge: ImportBridge | null = null;
	afterEach(() => bridge?.terminate());

	it('starts the worker on the first import, reports progress and returns the dataset', async () => {
		const workers = fakeWorkers();
		bridge = new ImportBridge(workers.create);
		expect(workers.created).toHaveLength(0);
		const progress: number[] = [];
		const reply = await bridge.importFile(new Blob([pymc]), {
			fileName: 'pymc_weekly.csv',
			onProgress: (p) => progress.push(p.fraction)
		});
		expect(workers.created).toHaveLength(1);
		expect(reply.result.ok).toBe(true);
		if (reply.result.ok)
			expect(reply.result.dataset.channels.map((c) => c.id)).toEqual(['x1', 'x2']);
		expect(progress.at(-1)).toBe(1);
		expect(reply.preview?.layout).toBe('pymc');
	});

	it('re-applies an edited mapping to the file the worker kept', async () => {
		bridge = new ImportBridge(fakeWorkers().create);
		const first = await bridge.importFile(manual, { fileName: 'manual.csv' });
		expect(first.result.ok).toBe(false);
		const mapping = structuredClone(first.result.mapping!);
		mapping.columns[1].role = { role: 'kpi', kind: 'revenue' };
		mapping.columns[4].role = { role: 'control' };
		const second = await bridge.remap(mapping);
		expect(second.result.ok).toBe(true);
		if (second.result.ok) expect(second.result.dataset.kpi.name).toBe('Umsatz');
		expect((await bridge.suggest())?.columns[1].role.role).toBe('spend');
	});

	it('rejects with an AbortError when the signal is aborted', async () => {
		bridge = new ImportBridge(fakeWorkers().create);
		const controller = new AbortController();
		const pending = bridge.importFile(pymc, { signal: controller.signal });
		controller.abort();
		const error = await pending.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		const done = new AbortController();
		done.abort();
		expect(
			isAbortError(await bridge.importFile(pymc, { signal: done.signal }).catch((e) => e))
		).toBe(true);
	});

	it('shuts an idle worker down, after which remap asks for the file again', async () => {
		const workers = fakeWorkers();
		bridge = new ImportBridge(workers.create, { idleMs: 10 });
		await bridge.importFile(pymc);
		await sleep(40);
		expect(workers.created[0].terminated).toBe(true);
		expect(bridge.started).toBe(false);
		const reply = await bridge.remap({ layout: 'mapped', columns: [] });
		expect(reply.result.ok).toBe(false);
		if (!reply.result.ok) expect(reply.result.errors[0].message).toMatch(/import a file first/);
		expect(workers.created).toHaveLength(2);
	});
});
