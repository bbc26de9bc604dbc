/**
 * Refit on drift, before and after (issue 6): ts-curve run twice on the same market — refitting
 * when its own drift check fires, and not — is the same run up to the first refit, and differs
 * after it; the comparison reports both in true LTV-profit.
 */
import { describe, expect, it } from 'vitest';
import { compareRefit, REFIT_WINDOW } from '../../src/lib/models/drift-refit';
import { loadPreset } from '../../src/lib/sim/presets';

const base = loadPreset('two-channels');
const channel = base.channels[0];
const scenario = {
	...base,
	days: 182,
	regimeShifts: [
		{
			day: 91,
			path: `channels[${channel.id}].auction.medianCpm`,
			value: channel.auction.medianCpm * 1.4
		}
	]
};

describe('compareRefit on two-channels with a planted CPM shift', () => {
	const result = compareRefit(scenario, 1, 182);

	it('finds the first drift refit and compares the weeks around it', () => {
		expect(result.day).not.toBeNull();
		const day = result.day!;
		expect(result.after).toEqual(expect.objectContaining({ from: day }));
		expect(result.after!.to - result.after!.from).toBeLessThanOrEqual(REFIT_WINDOW);
		expect(result.before!.to).toBe(day);
	});

	it('is the same run before the refit and a different one after', () => {
		expect(result.before!.withRefit).toBe(result.before!.without);
		expect(result.after!.withRefit).not.toBe(result.after!.without);
		expect(result.total.withRefit).not.toBe(result.total.without);
		for (const v of [result.total.withRefit, result.total.without])
			expect(Number.isFinite(v)).toBe(true);
	});

	it('reproduces exactly', () => {
		expect(compareRefit(scenario, 1, 182)).toEqual(result);
	});
});
