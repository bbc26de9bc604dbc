import { describe, expect, it } from 'vitest';
import { createStream, normal } from '../../sim/random';
import type { Dataset } from '../dataset';
import { fitMmm } from './fit';
import { mediaFeature } from './transform';

/**
 * 80 weeks, two channels with the same curve: one whose spend swings from dark weeks to 2000 a
 * week, one held near 1000 a week (±4 %), so nothing in the data shows what it sells at other
 * spends. KPI = demand · (5000 + media), 1 % noise. Returns the dataset and the true ROAS.
 */
function twoChannels(): { dataset: Dataset; roas: number[] } {
	const weeks = 80;
	const rng = createStream(11, 0);
	const shape = { decay: 0.2, delayStages: 0, halfSaturation: 1000, slope: 1, maxResponse: 4000 };
	const spend = [
		Float64Array.from({ length: weeks }, () => (rng.next() < 0.15 ? 0 : 400 + 1600 * rng.next())),
		Float64Array.from({ length: weeks }, () => 1000 * (1 + 0.04 * (rng.next() - 0.5)))
	];
	const demand = Float64Array.from({ length: weeks }, (_, t) => 1 + 0.15 * Math.cos(t / 8.3));
	const kpi = Float64Array.from(demand, (d) => 5000 * d);
	const roas = spend.map((series) => {
		const h = mediaFeature(series, shape, 7, new Float64Array(weeks), new Float64Array(weeks * 7));
		let sum = 0;
		for (let t = 0; t < weeks; t++) {
			sum += demand[t] * shape.maxResponse * h[t];
			kpi[t] += demand[t] * shape.maxResponse * h[t];
		}
		return sum / series.reduce((a, b) => a + b, 0);
	});
	for (let t = 0; t < weeks; t++) kpi[t] *= 1 + 0.01 * normal(rng);
	const start = Date.UTC(2024, 0, 1);
	const dataset: Dataset = {
		name: 'two channels',
		granularity: 'week',
		dates: Array.from({ length: weeks }, (_, t) =>
			new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10)
		),
		kpi: { name: 'revenue', kind: 'revenue', values: kpi },
		channels: [
			{ id: 'moving', name: 'Moving channel', spend: spend[0] },
			{ id: 'flat', name: 'Flat channel', spend: spend[1] }
		],
		controls: [],
		events: [],
		organic: [],
		source: { layout: 'mapped', fileName: 'synthetic', rows: weeks }
	};
	return { dataset, roas };
}

describe('ROAS identification (profile likelihood)', () => {
	it('pins the ROAS of a channel whose spend moves, and flags one whose spend never does', async () => {
		const { dataset, roas } = twoChannels();
		const fit = await fitMmm(dataset, { effort: 'fast', draws: 10 });
		const [moving, flat] = fit.channels;
		expect(moving.roasIdentified).toBe(true);
		expect(Math.abs(moving.roas.mean / roas[0] - 1)).toBeLessThan(0.15);
		expect(moving.roas.low).toBeLessThanOrEqual(roas[0]);
		expect(moving.roas.high).toBeGreaterThanOrEqual(roas[0]);

		// Flat spend: its contribution is a near-constant the base level can take over.
		expect(flat.roasIdentified).toBe(false);
		expect(flat.roas.low).toBeLessThan(flat.roas.mean * 0.85);
		expect(flat.roas.high).toBeGreaterThan(flat.roas.mean * 1.15);
		expect(flat.roas.low).toBeLessThanOrEqual(roas[1]);
		expect(flat.roas.high).toBeGreaterThanOrEqual(roas[1]);
		const warning = fit.diagnostics.warnings.find((w) => w.startsWith('Flat channel: ROAS poorly'));
		expect(warning).toBeDefined();
		expect(fit.diagnostics.warnings.some((w) => w.startsWith('Moving channel: ROAS'))).toBe(false);
	});
});
