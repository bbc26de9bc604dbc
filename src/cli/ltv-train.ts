/**
 * The CLI's LTV model for "ts-curve-ltv": in the lab the model comes from the Models page; on
 * the command line a pilot that asks for ts-curve-ltv without one gets a model trained here,
 * with TF.js on the CPU, on the scenario's own history (market seed = the pilot's first seed)
 * — the same training the Models page runs, a few seconds.
 */
import type { LtvWeightsJson } from '../lib/policies/ltv-network';
import type { Scenario } from '../lib/sim/scenario';

/** Whether a pilot config input has a ts-curve-ltv spec without its model. */
export function needsLtvModel(policies: unknown): boolean {
	return (
		Array.isArray(policies) &&
		policies.some(
			(spec) =>
				typeof spec === 'object' &&
				spec !== null &&
				(spec as { kind?: unknown }).kind === 'ts-curve-ltv' &&
				(spec as { ltvModel?: unknown }).ltvModel === undefined
		)
	);
}

/** Give every ts-curve-ltv spec without a model this one (a copy of the list). */
export function withLtvModel(policies: unknown[], ltvModel: LtvWeightsJson): unknown[] {
	return policies.map((spec) => (needsLtvModel([spec]) ? { ...(spec as object), ltvModel } : spec));
}

/** Train the LTV model on `scenario`'s history (market seed `seed`); TF.js loads only here. */
export async function trainLtvForCli(scenario: Scenario, seed: number): Promise<LtvWeightsJson> {
	const tf = await import('@tensorflow/tfjs');
	await tf.setBackend('cpu');
	const { ltvData } = await import('../lib/models/ltv-data');
	const { trainLtvOnRecords } = await import('../lib/models/ltv-model');
	const data = ltvData(scenario, seed);
	const model = await trainLtvOnRecords(data.records, data.layout, { seed: 1 });
	try {
		return model.weightsJson();
	} finally {
		model.dispose();
	}
}
