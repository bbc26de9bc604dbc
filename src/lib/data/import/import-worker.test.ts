/**
 * Smoke test of the import worker entry through a real comlink bridge: the worker module is
 * loaded with its global scope wired to one end of a MessageChannel, the test talks to the
 * other end as the UI would.
 */
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportApi } from '../../workers/import.worker';
import type { ImportProgress } from './import-csv';
import { referenceCsv } from './test-fixtures';

const robyn = referenceCsv('robyn_dt_simulated_weekly.csv');

const channel = new MessageChannel();
const scope = globalThis as unknown as Record<string, unknown>;
const saved = ['addEventListener', 'removeEventListener', 'postMessage'].map(
	(k) => [k, scope[k]] as const
);
let api: Comlink.Remote<ImportApi>;

beforeAll(async () => {
	// The worker exposes its API on `self`/globalThis, as in a real dedicated worker.
	scope.addEventListener = channel.port1.addEventListener.bind(channel.port1);
	scope.removeEventListener = channel.port1.removeEventListener.bind(channel.port1);
	scope.postMessage = channel.port1.postMessage.bind(channel.port1);
	await import('../../workers/import.worker');
	channel.port1.start();
	api = Comlink.wrap<ImportApi>(channel.port2);
});

afterAll(() => {
	api[Comlink.releaseProxy]();
	channel.port1.close();
	channel.port2.close();
	for (const [key, value] of saved) scope[key] = value;
});

describe('import.worker', () => {
	it('imports a Blob with progress and transfers the dataset', async () => {
		const progress: ImportProgress[] = [];
		const reply = await api.importFile(
			new Blob([robyn]),
			{ fileName: 'robyn.csv' },
			Comlink.proxy((p: ImportProgress) => {
				progress.push(p);
			})
		);
		expect(reply.result.ok).toBe(true);
		if (!reply.result.ok) return;
		expect(reply.result.dataset.channels.map((c) => c.id)).toEqual([
			'tv',
			'ooh',
			'print',
			'search',
			'facebook'
		]);
		expect(reply.result.dataset.kpi.values).toBeInstanceOf(Float64Array);
		expect(reply.preview?.columns[0]).toMatchObject({ name: 'DATE', label: 'date' });
		await expect.poll(() => progress.length).toBeGreaterThan(0);
		expect(progress.at(-1)).toMatchObject({ fraction: 1, rows: 208 });
	});

	it('re-applies an edited mapping and reports errors as values', async () => {
		const suggested = (await api.suggest())!;
		const withoutKpi = {
			...suggested,
			columns: suggested.columns.map((c) =>
				c.role.role === 'kpi' ? { ...c, role: { role: 'ignore' as const } } : c
			)
		};
		const reply = await api.remap(withoutKpi);
		expect(reply.result.ok).toBe(false);
		if (!reply.result.ok) expect(reply.result.errors[0].code).toBe('mapping');
	});
});
