/**
 * The LTV model's network as plain numbers, for policies: two ReLU layers and a linear output,
 * on standardised inputs, with the target's scale undone — the same function as the TF.js model
 * (src/lib/models/ltv-model.ts), read out once so a pilot can ask it for predictions every day
 * without TF.js, in node, workers and every browser alike.
 *
 * It carries the column map it needs to build a row from what a policy sees: which columns are
 * the segment one-hot, the repeat orders per customer in days 1–7, 8–14 and 15–28, and the
 * first-order value. Every other column is held at its training mean ("a typical cohort").
 */

/** Weights of a trained LTV network and the column map (plain JSON data). */
export interface LtvWeightsJson {
	/** Segment names in one-hot order; a market must have the same segments. */
	segmentNames: string[];
	/** Input columns. */
	columns: number;
	/** Columns of the segment one-hot (one per segment). */
	segmentColumns: number[];
	/** Columns of repeat orders per customer in days 1–7, 8–14 and 15–28 (each × repeatScale). */
	repeatColumns: [number, number, number];
	/** Multiplier applied to repeat orders per customer in their columns. */
	repeatScale: number;
	/** Column of the first-order value (currency / firstOrderScale). */
	firstOrderColumn: number;
	firstOrderScale: number;
	/** Standardisation: per column mean and sd, target mean and sd. */
	mean: number[];
	sd: number[];
	targetMean: number;
	targetSd: number;
	/** Dense layers in order: kernel row-major [inputs × units], bias [units]; ReLU on all but the last. */
	layers: { units: number; kernel: number[]; bias: number[] }[];
}

/** Parsed weights (typed arrays). */
export interface LtvWeights extends Omit<LtvWeightsJson, 'layers'> {
	layers: { inputs: number; units: number; kernel: Float64Array; bias: Float64Array }[];
}

/** Weights from plain data; throws naming the field when sizes or numbers are wrong. */
export function ltvWeightsFromJson(json: LtvWeightsJson): LtvWeights {
	const finite = (values: unknown, n: number, name: string): number[] => {
		if (!Array.isArray(values) || values.length !== n || !values.every(Number.isFinite))
			throw new Error(`ltvModel.${name}: needs ${n} finite numbers`);
		return values as number[];
	};
	const { columns } = json;
	if (!Number.isInteger(columns) || columns < 1)
		throw new Error('ltvModel.columns: must be a positive whole number');
	if (!Array.isArray(json.segmentNames) || json.segmentNames.length !== json.segmentColumns?.length)
		throw new Error('ltvModel.segmentColumns: needs one column per segment name');
	const column = (c: unknown, name: string) => {
		if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= columns)
			throw new Error(`ltvModel.${name}: must be a column index below ${columns}`);
	};
	json.segmentColumns.forEach((c, i) => column(c, `segmentColumns[${i}]`));
	finite(json.repeatColumns, 3, 'repeatColumns').forEach((c, i) =>
		column(c, `repeatColumns[${i}]`)
	);
	column(json.firstOrderColumn, 'firstOrderColumn');
	finite([json.repeatScale, json.firstOrderScale, json.targetMean, json.targetSd], 4, 'scales');
	finite(json.mean, columns, 'mean');
	finite(json.sd, columns, 'sd');
	if (!Array.isArray(json.layers) || json.layers.length < 1)
		throw new Error('ltvModel.layers: needs at least one layer');
	let inputs = columns;
	const layers = json.layers.map((layer, i) => {
		const units = layer.units;
		if (!Number.isInteger(units) || units < 1)
			throw new Error(`ltvModel.layers[${i}].units: must be a positive whole number`);
		const kernel = Float64Array.from(finite(layer.kernel, inputs * units, `layers[${i}].kernel`));
		const bias = Float64Array.from(finite(layer.bias, units, `layers[${i}].bias`));
		const out = { inputs, units, kernel, bias };
		inputs = units;
		return out;
	});
	if (inputs !== 1) throw new Error('ltvModel.layers: the last layer must have one unit');
	return { ...json, layers };
}

/** Predicted value per customer (currency units) for one row of raw features (length `columns`). */
export function ltvPredict(w: LtvWeights, row: ArrayLike<number>): number {
	let x = Float64Array.from({ length: w.columns }, (_, j) => (row[j] - w.mean[j]) / w.sd[j]);
	w.layers.forEach((layer, i) => {
		const y = new Float64Array(layer.units);
		for (let u = 0; u < layer.units; u++) {
			let sum = layer.bias[u];
			for (let k = 0; k < layer.inputs; k++) sum += x[k] * layer.kernel[k * layer.units + u];
			y[u] = i < w.layers.length - 1 && sum < 0 ? 0 : sum;
		}
		x = y;
	});
	return w.targetMean + w.targetSd * x[0];
}

/**
 * A typical cohort's row for segment `s` with the given early repeat orders per customer (days
 * 1–7, 8–14, 15–28) and first-order value: every other column at its training mean.
 */
export function typicalCohortRow(
	w: LtvWeights,
	s: number,
	repeats: ArrayLike<number>,
	firstOrderValue: number
): Float64Array {
	const row = Float64Array.from(w.mean);
	w.segmentColumns.forEach((c, i) => (row[c] = i === s ? 1 : 0));
	for (let b = 0; b < 3; b++) row[w.repeatColumns[b]] = repeats[b] * w.repeatScale;
	row[w.firstOrderColumn] = firstOrderValue / w.firstOrderScale;
	return row;
}
