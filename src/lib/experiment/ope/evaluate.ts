/**
 * `evaluatePolicy(log, target, options)`: the value of a new policy estimated from a decision
 * logged under another, by replay, IPW, SNIPW, the direct method and doubly robust — each with
 * a seeded percentile-bootstrap interval, an effective sample size and warnings — as one
 * plain-data report a page can show as it is (and a worker can send back).
 *
 * Random streams of `seed`: 0 shuffles rows into cross-fitting folds, 1 draws the bootstrap
 * resamples. The same log, target and options give the same report, everywhere.
 */
import { createStream } from '../../sim/random';
import { bootstrapIntervals } from './bootstrap';
import { diagnose, estimatorWarnings, logWarnings, type OpeDiagnostics } from './diagnostics';
import {
	dmTerms,
	drTerms,
	effectiveSampleSize,
	ESTIMATOR_LABELS,
	ESTIMATORS,
	importanceWeights,
	ipwTerms,
	ratioEstimate,
	replayTerms,
	snipwTerms,
	type EstimatorName,
	type RowTerms
} from './estimators';
import {
	DEFAULT_MIN_ROWS,
	toColumns,
	validateLog,
	type BanditLog,
	type LogColumns,
	type OpeIssue,
	type OpeParsed
} from './log';
import { fitRewardModel, type FittedRewardModel } from './reward-model';
import { resolveTarget, type EvaluationPolicy, type TargetTable } from './target';

/** How to evaluate. */
export interface EvaluateOptions {
	/** Seed of the folds and the bootstrap, an integer in [0, 2³²). Required: results must repeat. */
	seed: number;
	/** Estimators to run, in report order (default all five). */
	estimators?: readonly EstimatorName[];
	/** Bootstrap resamples B (default 500; 0 = point estimates only). */
	replicates?: number;
	/** Confidence level of the intervals (default 0.95). */
	level?: number;
	/** Ridge penalty λ of the reward model (default 1). */
	l2?: number;
	/** Cross-fitting folds of DR's reward model (default 3; 1 = in sample). */
	folds?: number;
	/** Fewest rows accepted (default 10). */
	minRows?: number;
	/** Told the share of the bootstrap done, now and then. */
	onProgress?: (share: number) => void;
}

/** One estimator's result. */
export interface EstimatorResult {
	estimator: EstimatorName;
	/** Display name. */
	label: string;
	/** Estimated value of the target policy: mean reward per decision, the log's reward unit. */
	value: number;
	/** Bootstrap percentile interval at the report's level (NaN without a bootstrap). */
	lower: number;
	upper: number;
	/** Bootstrap standard error, reward units (NaN without a bootstrap). */
	standardError: number;
	/** Rows the estimate is worth: Kish ESS of the weights (matched rows for replay); null for DM. */
	effectiveSampleSize: number | null;
	/** What to be careful about, as sentences. */
	warnings: string[];
}

/** The report of `evaluatePolicy`, plain data. */
export interface OpeReport {
	/** Rows and actions of the log. */
	rows: number;
	actions: number;
	/** Confidence level of the intervals. */
	level: number;
	/** Bootstrap resamples used. */
	replicates: number;
	/** Seed used. */
	seed: number;
	/** One result per estimator run, in the order asked. */
	estimates: EstimatorResult[];
	/** Weights, support and logging diagnostics. */
	diagnostics: OpeDiagnostics;
	/** R² of the reward model (DR's is out of fold); null when neither DM nor DR ran. */
	rewardModelR2: number | null;
	/** Warnings about the log as a whole. */
	warnings: string[];
}

/** Check the options and name the field of each problem. */
export function checkOptions(options: EvaluateOptions): OpeIssue[] {
	const out: OpeIssue[] = [];
	const { seed, replicates = 500, level = 0.95, l2 = 1, folds = 3, estimators } = options;
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
		out.push({
			field: 'seed',
			message: `seed is ${seed}: it must be a whole number from 0 to 4294967295.`
		});
	}
	if (!Number.isInteger(replicates) || replicates < 0 || replicates > 100_000) {
		out.push({
			field: 'replicates',
			message: `replicates is ${replicates}: use a whole number from 0 to 100,000 (500 is usual).`
		});
	}
	if (!(level > 0 && level < 1)) {
		out.push({
			field: 'level',
			message: `level is ${level}: it must be between 0 and 1, e.g. 0.95.`
		});
	}
	if (!(l2 > 0) || !Number.isFinite(l2)) {
		out.push({ field: 'l2', message: `l2 is ${l2}: the ridge penalty must be a positive number.` });
	}
	if (!Number.isInteger(folds) || folds < 1 || folds > 20) {
		out.push({ field: 'folds', message: `folds is ${folds}: use a whole number from 1 to 20.` });
	}
	for (const name of estimators ?? []) {
		if (!ESTIMATORS.includes(name)) {
			out.push({
				field: 'estimators',
				message: `Unknown estimator "${String(name)}"; choose from ${ESTIMATORS.join(', ')}.`
			});
		}
	}
	return out;
}

/**
 * Estimate the value of `target` from `log`: validate both (errors name the row and field),
 * then run the estimators. Never throws on bad input.
 */
export function evaluatePolicy(
	log: BanditLog,
	target: EvaluationPolicy,
	options: EvaluateOptions
): OpeParsed<OpeReport> {
	const optionErrors = checkOptions(options);
	if (optionErrors.length > 0) return { ok: false, errors: optionErrors };
	const valid = validateLog(log, options.minRows ?? DEFAULT_MIN_ROWS);
	if (!valid.ok) return valid;
	const table = resolveTarget(valid.value, target);
	if (!table.ok) return table;
	return { ok: true, value: evaluateColumns(toColumns(valid.value), table.value, options) };
}

/** `evaluatePolicy` on an already validated log and target table. */
export function evaluateColumns(
	cols: LogColumns,
	target: TargetTable,
	options: EvaluateOptions
): OpeReport {
	const names = options.estimators ?? ESTIMATORS;
	const replicates = options.replicates ?? 500;
	const level = options.level ?? 0.95;
	const weights = importanceWeights(cols, target);
	const diagnostics = diagnose(cols, target, weights);
	let inSample: FittedRewardModel | undefined;
	let crossFitted: FittedRewardModel | undefined;
	const terms: RowTerms[] = [];
	const ess: (number | null)[] = [];
	const extras: { matchedRows?: number; rewardModelR2?: number }[] = [];
	for (const name of names) {
		if (name === 'replay') {
			const t = replayTerms(cols, target);
			const matched = effectiveSampleSize(t.denominator!);
			terms.push(t);
			ess.push(matched);
			extras.push({ matchedRows: matched });
		} else if (name === 'ipw' || name === 'snipw') {
			terms.push(name === 'ipw' ? ipwTerms(cols, weights) : snipwTerms(cols, weights));
			ess.push(diagnostics.effectiveSampleSize);
			extras.push({});
		} else if (name === 'dm') {
			inSample ??= fitRewardModel(
				cols,
				{ l2: options.l2, folds: 1 },
				createStream(options.seed, 0)
			);
			const balancing = inSample.balancingWeights?.(target);
			terms.push(dmTerms(cols, target, inSample.predictions, balancing));
			ess.push(null);
			extras.push({ rewardModelR2: inSample.r2 });
		} else {
			crossFitted ??= fitRewardModel(
				cols,
				{ l2: options.l2, folds: options.folds ?? 3 },
				createStream(options.seed, 0)
			);
			terms.push(drTerms(cols, target, crossFitted.predictions, weights));
			ess.push(diagnostics.effectiveSampleSize);
			extras.push({ rewardModelR2: crossFitted.r2 });
		}
	}
	const intervals =
		replicates > 0
			? bootstrapIntervals(
					terms,
					cols.n,
					replicates,
					level,
					createStream(options.seed, 1),
					options.onProgress
				)
			: undefined;
	const estimates = names.map((name, e): EstimatorResult => {
		const interval = intervals?.[e];
		const warnings = estimatorWarnings(name, diagnostics, extras[e]);
		if (interval && interval.undefinedReplicates > 0) {
			warnings.push(
				`${interval.undefinedReplicates} of ${replicates} resamples had no usable row and were left out${Number.isNaN(interval.lower) ? ', too many for an interval' : ''}.`
			);
		}
		return {
			estimator: name,
			label: ESTIMATOR_LABELS[name],
			value: ratioEstimate(terms[e]),
			lower: interval?.lower ?? NaN,
			upper: interval?.upper ?? NaN,
			standardError: interval?.standardError ?? NaN,
			effectiveSampleSize: ess[e],
			warnings
		};
	});
	return {
		rows: cols.n,
		actions: cols.actions,
		level,
		replicates,
		seed: options.seed,
		estimates,
		diagnostics,
		rewardModelR2: crossFitted?.r2 ?? inSample?.r2 ?? null,
		warnings: logWarnings(diagnostics, weights)
	};
}
