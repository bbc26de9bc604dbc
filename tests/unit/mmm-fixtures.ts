/**
 * Shared MMM test fixtures: a hand-built fit with known curves (exact split arithmetic, no
 * fitting), and one small real fit of simulated data, computed once per test file.
 */
import type { Dataset } from '../../src/lib/data/dataset';
import { mediaFeature } from '../../src/lib/data/mmm/transform';
import { createStream, normal } from '../../src/lib/sim/random';
import { fitMmm, type CurveParams, type MmmChannel, type MmmFit } from '../../src/lib/data/mmm';
import { recoveryScenario } from '../../src/lib/data/recovery-scenario';
import { simulateDataset, type SimulatedDataset } from '../../src/lib/data/simulate';

const curve = (maxResponse: number, halfSaturation: number, slope = 1): CurveParams => ({
	maxResponse,
	halfSaturation,
	slope,
	decay: 0.3,
	delayStages: 0
});

function channel(id: string, currentSpend: number, params: CurveParams): MmmChannel {
	// Draws: the same curve scaled by ±10 % (enough to give intervals a width).
	const curveDraws = Array.from({ length: 21 }, (_, i) => ({
		...params,
		maxResponse: params.maxResponse * (0.9 + (0.2 * i) / 20)
	}));
	const zero = { mean: 0, low: 0, high: 0 };
	return {
		id,
		name: id.toUpperCase(),
		spendShare: 0,
		totalSpend: currentSpend * 10,
		spend: new Array(10).fill(currentSpend),
		currentSpend,
		roas: zero,
		mroas: zero,
		contribution: zero,
		contributionShare: 0,
		curve: params,
		curveDraws,
		responseCurve: { spend: [0], kpi: [zero] },
		adstockWeights: [1],
		meanLagDays: 1,
		atBound: []
	};
}

/** A fit with three channels: a steep one (a), a saturated one (b), an S-shaped one (c). */
export function handFit(): MmmFit {
	const channels = [
		channel('a', 100, curve(1000, 400)),
		channel('b', 300, curve(500, 50)),
		channel('c', 100, curve(800, 200, 2))
	];
	return {
		version: 1,
		dataset: {
			name: 'hand',
			granularity: 'week',
			periods: 10,
			kpiName: 'revenue',
			kpiKind: 'revenue'
		},
		periodDays: 7,
		valuePerKpi: 1,
		options: {
			seed: 1,
			draws: 21,
			holdout: 0,
			yearlyOrder: 0,
			trend: false,
			maxDelayStages: 0,
			effort: 'fast'
		},
		intervalLevel: 0.9,
		diagnostics: {
			r2: 1,
			nrmse: 0,
			mape: 0,
			holdout: { r2: NaN, nrmse: NaN, mape: NaN, periods: 0 },
			durbinWatson: 2,
			converged: true,
			evaluations: 0,
			seconds: 0,
			draws: 21,
			warnings: []
		},
		dates: [],
		kpi: [],
		fitted: [],
		residuals: [],
		decomposition: { baseline: [], baselineParts: [], channels: [] },
		channels,
		lifts: []
	};
}

let small: Promise<{ sim: SimulatedDataset; fit: MmmFit }> | null = null;

/** 104 simulated weeks × 8 channels, fitted fast with 10 draws (about a second). */
export function smallFit(): Promise<{ sim: SimulatedDataset; fit: MmmFit }> {
	small ??= (async () => {
		const sim = simulateDataset(recoveryScenario(), { weeks: 104, seed: 3 });
		const fit = await fitMmm(sim.dataset, { effort: 'fast', draws: 10, seed: 3 });
		return { sim, fit };
	})();
	return small;
}

/**
 * A dataset drawn from the MMM's own model (3 channels, weekly, multiplicative season, 1 %
 * noise): fast to build and with exact truth, for tests of the fit's machinery.
 */
export function syntheticDataset(weeks = 80, seed = 5): { dataset: Dataset; roas: number[] } {
	const rng = createStream(seed, 0);
	const shapes = [
		{ decay: 0.2, delayStages: 0, halfSaturation: 1000, slope: 1, maxResponse: 4000 },
		{ decay: 0.6, delayStages: 1, halfSaturation: 1500, slope: 1.2, maxResponse: 3000 },
		{ decay: 0.1, delayStages: 0, halfSaturation: 800, slope: 0.9, maxResponse: 1500 }
	];
	const spend = shapes.map(() =>
		Float64Array.from({ length: weeks }, () => (rng.next() < 0.15 ? 0 : 400 + 1600 * rng.next()))
	);
	const demand = Float64Array.from(
		{ length: weeks },
		(_, t) => 1 + 0.15 * Math.cos((2 * Math.PI * t) / 52)
	);
	const kpi = new Float64Array(weeks);
	const contribution = shapes.map((shape, c) => {
		const h = mediaFeature(
			spend[c],
			shape,
			7,
			new Float64Array(weeks),
			new Float64Array(weeks * 7)
		);
		let sum = 0;
		for (let t = 0; t < weeks; t++) {
			const part = demand[t] * shape.maxResponse * h[t];
			kpi[t] += part;
			sum += part;
		}
		return sum;
	});
	for (let t = 0; t < weeks; t++) kpi[t] = (kpi[t] + 5000 * demand[t]) * (1 + 0.01 * normal(rng));
	const start = Date.UTC(2024, 0, 1);
	const dataset: Dataset = {
		name: 'synthetic',
		granularity: 'week',
		dates: Array.from({ length: weeks }, (_, t) =>
			new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10)
		),
		kpi: { name: 'revenue', kind: 'revenue', values: kpi },
		channels: shapes.map((_, c) => ({ id: `ch${c}`, name: `Channel ${c}`, spend: spend[c] })),
		controls: [],
		events: [],
		organic: [],
		source: { layout: 'mapped', fileName: 'synthetic', rows: weeks }
	};
	return { dataset, roas: contribution.map((sum, c) => sum / spend[c].reduce((a, b) => a + b, 0)) };
}
