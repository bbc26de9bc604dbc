/**
 * Training and judging the LTV model on a scenario's cohort logs, as the models page shows it:
 *   - temporal holdout: train on the first 75 % of acquisition periods, test on the rest (the
 *     model is always judged on cohorts acquired after everything it learned from),
 *   - rolling-origin cross-validation (Tashman 2000): refit at several origins, test on the
 *     periods right after each — how stable the error is over time,
 *   - error against the naive baseline (each segment's mean value), calibration on the holdout,
 *   - permutation importance of each feature group and partial dependence on the numeric ones.
 */
import { createStream } from '../sim/random';
import {
	calibration,
	errorMetrics,
	partialDependence,
	percentileGrid,
	permutationImportance,
	rollingOriginFolds,
	segmentMeanBaseline,
	temporalHoldout,
	type CalibrationBin,
	type ErrorMetrics,
	type Importance
} from './evaluation';
import type { CohortRecord } from './cohort-log';
import type { LtvData } from './ltv-data';
import {
	ltvColumnCount,
	ltvFeatureGroups,
	ltvFeatures,
	ltvTargets,
	ltvWeights
} from './ltv-features';
import { trainLtvOnRecords, type LtvModel, type LtvTrainConfig } from './ltv-model';

/** Error of the model and of the naive baseline on one test set. */
export interface LtvFoldScore {
	/** First and last+1 acquisition period of the test set. */
	from: number;
	to: number;
	model: ErrorMetrics;
	naive: ErrorMetrics;
}

/** Everything the page shows about a trained LTV model (plain data). */
export interface LtvReport {
	holdout: LtvFoldScore;
	/** Rolling-origin folds (empty when not requested). */
	rolling: LtvFoldScore[];
	calibration: { bins: CalibrationBin[]; slope: number; intercept: number };
	importance: Importance[];
	/** Partial dependence per numeric feature group: grid in feature units, mean prediction. */
	dependence: { key: string; label: string; points: { x: number; y: number }[] }[];
	/** Training loss per epoch (standardised). */
	losses: number[];
}

/** Options of an evaluation. */
export interface LtvEvaluateOptions {
	config?: Partial<LtvTrainConfig>;
	/** Rolling-origin folds to fit (0 = none; each is a full training run). */
	folds?: number;
	/** Hears each epoch of the holdout model; return false to stop. */
	onEpoch?: (epoch: number, loss: number) => boolean | void;
}

function score(model: LtvModel | null, train: CohortRecord[], test: CohortRecord[], data: LtvData) {
	const rows = ltvFeatures(test, data.layout);
	const y = ltvTargets(test);
	const w = ltvWeights(test);
	const naive = segmentMeanBaseline(train);
	return {
		rows,
		y,
		w,
		predicted: model ? model.predict(rows, test.length) : new Float64Array(test.length),
		naive: errorMetrics(test.map(naive), y, w)
	};
}

async function fit(
	train: CohortRecord[],
	data: LtvData,
	options: LtvEvaluateOptions,
	onEpoch?: LtvEvaluateOptions['onEpoch']
): Promise<LtvModel> {
	return trainLtvOnRecords(train, data.layout, options.config, onEpoch);
}

/**
 * Train on the temporal split and report; returns the holdout model (the one to save and use)
 * with its report. The caller disposes the model.
 */
export async function evaluateLtv(
	data: LtvData,
	options: LtvEvaluateOptions = {}
): Promise<{ model: LtvModel; report: LtvReport }> {
	const { train, test, cutPeriod } = temporalHoldout(data.records);
	const losses: number[] = [];
	const model = await fit(train, data, options, (epoch, loss) => {
		losses.push(loss);
		return options.onEpoch?.(epoch, loss);
	});
	const s = score(model, train, test, data);
	const holdout = {
		from: cutPeriod,
		to: data.periods,
		model: errorMetrics(s.predicted, s.y, s.w),
		naive: s.naive
	};
	const width = ltvColumnCount(data.layout);
	const predict = (rows: Float32Array, n: number) => model.predict(rows, n);
	const groups = ltvFeatureGroups(data.layout);
	const importance = permutationImportance(
		predict,
		s.rows,
		width,
		s.y,
		s.w,
		groups,
		createStream(7, 1)
	);
	const dependence = groups
		.filter((g) => g.numeric)
		.map((g) => ({ g, grid: percentileGrid(s.rows, width, g.columns[0], 8) }))
		// A feature constant on the holdout (e.g. no promotions) has nothing to sweep.
		.filter(({ grid }) => grid[grid.length - 1] > grid[0])
		.map(({ g, grid }) => ({
			key: g.key,
			label: g.label,
			points: partialDependence(predict, s.rows, width, g.columns[0], grid, s.w)
		}));
	const rolling: LtvFoldScore[] = [];
	const folds = options.folds ?? 0;
	if (folds > 0) {
		// Origins inside the training periods (before the holdout), each testing the periods up
		// to the next origin: the error's stability over time without touching the holdout.
		const initial = Math.floor(cutPeriod / 2);
		const step = Math.max(1, Math.floor((cutPeriod - initial) / folds));
		for (const fold of rollingOriginFolds(cutPeriod, initial, step).slice(0, folds)) {
			const foldTrain = data.records.filter((r) => r.period < fold.origin);
			const foldTest = data.records.filter((r) => r.period >= fold.origin && r.period < fold.end);
			const foldModel = await fit(foldTrain, data, options);
			const f = score(foldModel, foldTrain, foldTest, data);
			rolling.push({
				from: fold.origin,
				to: fold.end,
				model: errorMetrics(f.predicted, f.y, f.w),
				naive: f.naive
			});
			foldModel.dispose();
		}
	}
	return {
		model,
		report: {
			holdout,
			rolling,
			calibration: calibration(s.predicted, s.y, s.w),
			importance,
			dependence,
			losses
		}
	};
}
