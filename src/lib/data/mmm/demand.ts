/**
 * The multiplicative baseline: KPI_t = D_t · (base + Σ_c β_c · h_c,t), where the demand index
 * D_t (mean 1) carries trend, season, events and controls, and scales media and base alike —
 * the same ads sell more in peak season (as in Marginal's simulator, and as Robyn's and
 * Meridian's multiplicative options assume).
 *
 * Given the media, log D is a linear regression of log(KPI / (base + media)) on the baseline
 * columns; given D, base and β are the linear MMM with columns D and D·h. The fit alternates
 * the two (a few rounds settle it).
 */
import * as pm from '../../sim/portable-math';
import type { BaselineColumn } from './design';
import type { Solution } from './evaluator';
import { nnlsWork, solveNonNegative } from './nnls';

/** A part of the baseline over time, KPI units per period. */
export interface BaselinePart {
	column: Pick<BaselineColumn, 'id' | 'label' | 'kind'>;
	values: Float64Array;
}

/** A fitted log-linear demand index. */
export interface DemandFit {
	/** D_t, mean 1 over the data [T]. */
	index: Float64Array;
	/** Log-scale coefficient per baseline column (the intercept absorbs the normalisation). */
	logCoef: Float64Array;
	/** Each baseline column's log contribution per period [B][T] (sums to log D_t − intercept). */
	logTerms: Float64Array[];
}

/**
 * Regress log(y_t / level_t) on the baseline columns (least squares with a tiny ridge) and
 * return D = exp(fit), normalised to mean 1. Periods with y ≤ 0 or level ≤ 0 are skipped.
 */
export function fitDemand(
	y: ArrayLike<number>,
	level: ArrayLike<number>,
	baseline: BaselineColumn[]
): DemandFit {
	const T = y.length;
	const B = baseline.length;
	const Q = new Float64Array(B * B);
	const b = new Float64Array(B);
	let n = 0;
	for (let t = 0; t < T; t++) {
		if (!(y[t] > 0 && level[t] > 0)) continue;
		const target = pm.log(y[t] / level[t]);
		n++;
		for (let j = 0; j < B; j++) {
			const xj = baseline[j].values[t];
			b[j] += xj * target;
			for (let k = 0; k < B; k++) Q[j * B + k] += xj * baseline[k].values[t];
		}
	}
	for (let j = 0; j < B; j++) Q[j * B + j] += 1e-6 * (n + 1) * (j === 0 ? 0.01 : 1);
	const coef = new Float64Array(B);
	const free = new Uint8Array(B);
	if (n < B || solveNonNegative(Q, b, free, coef, nnlsWork(B)) < 0) coef.fill(0);
	const logTerms = baseline.map((column, j) =>
		Float64Array.from(column.values, (x) => coef[j] * x)
	);
	const index = new Float64Array(T);
	let mean = 0;
	for (let t = 0; t < T; t++) {
		let sum = 0;
		for (let j = 1; j < B; j++) sum += logTerms[j][t];
		// Bounded so one odd period cannot switch media off or blow them up.
		index[t] = pm.exp(Math.max(-1.5, Math.min(1.5, sum)));
		mean += index[t] / T;
	}
	for (let t = 0; t < T; t++) index[t] /= mean;
	return { index, logCoef: coef, logTerms };
}

/** base + Σ β h_t without the demand index (the features carry it). */
export function levelOf(solution: Solution, demand: Float64Array): Float64Array {
	const T = demand.length;
	const level = new Float64Array(T).fill(solution.coef[0]);
	solution.features.forEach((h, c) => {
		const beta = solution.coef[1 + c];
		for (let t = 0; t < T; t++) level[t] += (beta * h[t]) / demand[t];
	});
	return level;
}

/**
 * Split base · D_t into the base level and one part per group of baseline columns (trend,
 * season, each event, control, organic series) in proportion to their log terms.
 */
export function splitBaseline(
	baseline: Float64Array,
	demand: DemandFit,
	columns: BaselineColumn[]
): BaselinePart[] {
	const T = baseline.length;
	const groups = new Map<string, { column: BaselinePart['column']; log: Float64Array }>();
	columns.forEach((column, j) => {
		if (j === 0) return;
		const key = column.kind === 'season' ? 'season' : column.id;
		let group = groups.get(key);
		if (!group) {
			const label = column.kind === 'season' ? 'Seasonality' : column.label;
			group = { column: { id: key, label, kind: column.kind }, log: new Float64Array(T) };
			groups.set(key, group);
		}
		for (let t = 0; t < T; t++) group.log[t] += demand.logTerms[j][t];
	});
	const level: BaselinePart = {
		column: { id: 'level', label: 'Base level', kind: 'intercept' },
		values: new Float64Array(T)
	};
	const parts = [...groups.values()].map((g) => ({
		column: g.column,
		values: new Float64Array(T)
	}));
	for (let t = 0; t < T; t++) {
		let total = 0;
		let absTotal = 0;
		for (const g of groups.values()) {
			total += g.log[t];
			absTotal += Math.abs(g.log[t]);
		}
		// The base level is what the baseline would be with every log term at zero (D = e^0).
		const atZero = baseline[t] / pm.exp(total);
		level.values[t] = atZero;
		const extra = baseline[t] - atZero;
		[...groups.values()].forEach((g, i) => {
			parts[i].values[t] = absTotal > 0 ? (extra * g.log[t]) / total || 0 : 0;
		});
	}
	return [level, ...parts];
}
