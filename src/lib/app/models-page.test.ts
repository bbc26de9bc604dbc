import { describe, expect, it } from 'vitest';
import type { ModelsBridge, RlProgress } from '$lib/workers/models-bridge';
import { ModelsPage } from './models-page.svelte';

/** A bridge whose training reports `iterations` iterations, then the worker dies. */
function dyingBridge(iterations: number): ModelsBridge {
	const progress = (i: number) =>
		({
			report: { iteration: i },
			state: { iteration: i },
			weights: { layers: [] },
			decisionsPerSecond: 100
		}) as unknown as RlProgress;
	return {
		backend: async () => 'cpu',
		trainRl: async (_: unknown, options: { onProgress?: (p: RlProgress) => void }) => {
			for (let i = 1; i <= iterations; i++) options.onProgress?.(progress(i));
			throw new Error('The models worker stopped: out of memory');
		}
	} as unknown as ModelsBridge;
}

describe('the models page when its worker dies mid-training', () => {
	it('keeps the finished iterations, says so, and offers Resume', async () => {
		const page = new ModelsPage(dyingBridge(3));
		page.scenarioKey = 'preset:two-channels';
		await page.train();
		expect(page.status).toBe('cancelled');
		expect(page.canResume).toBe(true);
		expect(page.history).toHaveLength(3);
		expect(page.error).toContain('Training stopped: The models worker stopped: out of memory');
		expect(page.error).toContain('The 3 iterations finished are kept; Resume continues from there');
	});

	it('says training failed when nothing had finished', async () => {
		const page = new ModelsPage(dyingBridge(0));
		await page.train();
		expect(page.status).toBe('idle');
		expect(page.canResume).toBe(false);
		expect(page.error).toMatch(/^Training failed: /);
	});
});
