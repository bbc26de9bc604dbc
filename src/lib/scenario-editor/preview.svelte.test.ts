import { describe, expect, it } from 'vitest';
import { loadPreset } from '$lib/sim/presets';
import { applyShift } from '$lib/sim/scenario';
import { PreviewState } from './preview.svelte';

const settle = async (preview: PreviewState, version: number) => {
	for (let i = 0; i < 200 && preview.version === version; i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
};

describe('PreviewState', () => {
	it('computes the previews, then keeps them while the draft is invalid', async () => {
		const preview = new PreviewState(0);
		const scenario = loadPreset('two-channels');
		preview.update(scenario);
		expect(preview.stale).toBe(true);
		await settle(preview, 0);
		expect(preview.version).toBe(1);
		expect(preview.channels).toHaveLength(2);
		expect(preview.stale).toBe(false);
		preview.update(null);
		expect(preview.invalid).toBe(true);
		expect(preview.channels).toHaveLength(2);
	});

	it('lets the latest scenario win over one still being computed', async () => {
		const preview = new PreviewState(0);
		const first = loadPreset('dtc-default');
		const second = applyShift(first, 'channels[0].hill.halfSaturation', 0.05);
		preview.update(first);
		await new Promise((resolve) => setTimeout(resolve, 1));
		preview.update(second);
		await settle(preview, 0);
		// Give an abandoned computation time to (wrongly) publish.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(preview.version).toBe(1);
		expect(preview.channels).toHaveLength(6);
		const direct = new PreviewState(0);
		await direct.compute(second);
		expect(preview.channels[0].ltvProfit).toEqual(direct.channels[0].ltvProfit);
	});
});
