/**
 * A market with known truth for the data page and the MMM's own checks: Marginal's simulator
 * runs the recovery scenario for two years under a flighted spend plan, the weeks are written
 * as a CSV file (what an analyst would upload) and the true ROAS per channel is kept beside it.
 * The file then goes through the same importer as anyone's data.
 */
import type { Dataset, DatasetTruth } from './dataset';
import { datasetCsv } from './export-csv';
import type { ImportReply, ImportService } from './import';
import { recoveryScenario } from './recovery-scenario';
import { simulateDataset } from './simulate';

/** Weeks simulated: the two years the MMM recovery test uses. */
export const SIMULATED_WEEKS = 104;

/** A simulated market as a file, and its truth keyed by channel name. */
export interface SimulatedMarketFile {
	fileName: string;
	csv: string;
	source: string;
	/** True ROAS and incremental KPI per week by channel display name (the importer gives ids). */
	truthByName: Map<string, { roas: number; perPeriod: number[] }>;
}

/** Simulate the recovery market for `seed` (a whole number ≥ 1) and write it as a CSV file. */
export function simulatedMarketFile(seed: number): SimulatedMarketFile {
	if (!Number.isInteger(seed) || seed < 1 || seed > 1_000_000) {
		throw new RangeError(`The seed must be a whole number from 1 to 1,000,000; got ${seed}.`);
	}
	const scenario = recoveryScenario();
	const { dataset, truth } = simulateDataset(scenario, { weeks: SIMULATED_WEEKS, seed });
	return {
		fileName: `simulated-market-seed-${seed}.csv`,
		csv: datasetCsv(dataset),
		source: `${scenario.name}, seed ${seed}, ${SIMULATED_WEEKS} weeks`,
		truthByName: new Map(
			truth.map((t) => [t.name, { roas: t.roas, perPeriod: Array.from(t.weeklyIncRevenue) }])
		)
	};
}

/** The imported dataset with the simulator's truth attached (channels matched by name). */
export function withTruth(dataset: Dataset, file: SimulatedMarketFile): Dataset {
	const roas: DatasetTruth['roas'] = [];
	for (const channel of dataset.channels) {
		const truth = file.truthByName.get(channel.name);
		if (truth === undefined) throw new Error(`No truth for the channel “${channel.name}”.`);
		roas.push({ channel: channel.id, value: truth.roas, perPeriod: truth.perPeriod });
	}
	return { ...dataset, truth: { source: file.source, roas } };
}

/**
 * Simulate the market for `seed`, import its file with `service` (as if uploaded: the same
 * checks, the same mapping) and attach the truth. What the import worker runs.
 */
export async function importSimulatedMarket(
	service: Pick<ImportService, 'importFile'>,
	seed: number
): Promise<ImportReply> {
	const file = simulatedMarketFile(seed);
	const reply = await service.importFile(file.csv, { fileName: file.fileName });
	if (!reply.result.ok) return reply;
	return { ...reply, result: { ...reply.result, dataset: withTruth(reply.result.dataset, file) } };
}
