/**
 * The LTV model's must-show, on dtc-default's two-year history: it beats the naive per-segment
 * mean on a temporal holdout, is roughly calibrated, ranks the early repeat orders as important,
 * and a saved model reloads with identical predictions; the same seed gives the same model.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporalHoldout } from '../../src/lib/models/evaluation';
import { ltvData, type LtvData } from '../../src/lib/models/ltv-data';
import { evaluateLtv, type LtvReport } from '../../src/lib/models/ltv-evaluate';
import { loadLtvModel, trainLtvModel, type LtvModel } from '../../src/lib/models/ltv-model';
import {
	ltvColumnCount,
	ltvFeatures,
	ltvTargets,
	ltvWeights
} from '../../src/lib/models/ltv-features';
import { loadPreset } from '../../src/lib/sim/presets';

let data: LtvData;
let model: LtvModel;
let report: LtvReport;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = ltvData(loadPreset('dtc-default'), 1);
	({ model, report } = await evaluateLtv(data, { config: { epochs: 8 }, folds: 2 }));
}, 90_000);

describe('LTV model on dtc-default', () => {
	it('beats the naive segment mean on a temporal holdout, by at least a quarter of its MAE', () => {
		const { holdout } = report;
		expect(holdout.from).toBeGreaterThan(0);
		expect(holdout.model.mae).toBeLessThan(0.75 * holdout.naive.mae);
		expect(holdout.model.rmse).toBeLessThan(holdout.naive.rmse);
	});

	it('beats the naive baseline at every rolling origin', () => {
		expect(report.rolling).toHaveLength(2);
		for (const fold of report.rolling) expect(fold.model.mae).toBeLessThan(fold.naive.mae);
	});

	it('is roughly calibrated on the holdout (slope of actual on predicted near 1)', () => {
		expect(report.calibration.slope).toBeGreaterThan(0.8);
		expect(report.calibration.slope).toBeLessThan(1.25);
	});

	it('finds early repeat orders more important than the cohort size', () => {
		const increase = (key: string) => report.importance.find((i) => i.key === key)!.increase;
		const early = Math.max(increase('repeats7'), increase('repeats14'), increase('repeats28'));
		expect(early).toBeGreaterThan(increase('size'));
		const pd = report.dependence.find((d) => d.key === 'repeats28')!.points;
		expect(pd.at(-1)!.y).toBeGreaterThan(pd[0].y);
	});

	it('reloads from tf.io with identical predictions', async () => {
		const { test } = temporalHoldout(data.records);
		const rows = ltvFeatures(test, data.layout);
		const before = model.predict(rows, test.length);
		let artifacts: tf.io.ModelArtifacts | null = null;
		await model.save(
			tf.io.withSaveHandler(async (a) => {
				artifacts = a;
				return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
			})
		);
		const loaded = await loadLtvModel(tf.io.fromMemory(artifacts!));
		expect(Array.from(loaded.predict(rows, test.length))).toEqual(Array.from(before));
		loaded.dispose();
	});

	it('gives the same model for the same seed', async () => {
		const { train } = temporalHoldout(data.records);
		const rows = ltvFeatures(train, data.layout);
		const fitOnce = () =>
			trainLtvModel(rows, ltvTargets(train), ltvWeights(train), data.layout, {
				epochs: 2,
				seed: 3
			});
		const [a, b] = [await fitOnce(), await fitOnce()];
		expect(Array.from(a.predict(rows.subarray(0, 10 * ltvColumnCount(data.layout)), 10))).toEqual(
			Array.from(b.predict(rows.subarray(0, 10 * ltvColumnCount(data.layout)), 10))
		);
		a.dispose();
		b.dispose();
	});
});
