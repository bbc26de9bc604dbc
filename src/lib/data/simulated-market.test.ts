import { describe, expect, it } from 'vitest';
import { createImportService } from './import';
import { recoveryScenario } from './recovery-scenario';
import { simulateDataset } from './simulate';
import { importSimulatedMarket, simulatedMarketFile, SIMULATED_WEEKS } from './simulated-market';

describe('simulated market with known truth', () => {
	it('imports like an uploaded file and carries the true ROAS of every channel', async () => {
		const reply = await importSimulatedMarket(createImportService(), 3);
		if (!reply.result.ok) throw new Error(JSON.stringify(reply.result.errors));
		const { dataset } = reply.result;
		expect(dataset.source.fileName).toBe('simulated-market-seed-3.csv');
		expect(dataset.dates).toHaveLength(SIMULATED_WEEKS);
		expect(dataset.kpi.kind).toBe('revenue');
		const { truth } = simulateDataset(recoveryScenario(), { weeks: SIMULATED_WEEKS, seed: 3 });
		expect(dataset.truth?.source).toMatch(/seed 3, 104 weeks/);
		// Every channel has its truth, under the importer's id, equal to the simulator's.
		expect(dataset.truth?.roas).toEqual(
			dataset.channels.map((c) => ({
				channel: c.id,
				value: truth.find((t) => t.name === c.name)!.roas,
				perPeriod: Array.from(truth.find((t) => t.name === c.name)!.weeklyIncRevenue)
			}))
		);
		expect(dataset.channels).toHaveLength(truth.length);
	});

	it('differs by seed and repeats for the same seed', () => {
		expect(simulatedMarketFile(5).csv).toBe(simulatedMarketFile(5).csv);
		expect(simulatedMarketFile(5).csv).not.toBe(simulatedMarketFile(6).csv);
	});

	it.each([0, -1, 1.5, Number.NaN, 2_000_000])('refuses the seed %s with a message', (seed) => {
		expect(() => simulatedMarketFile(seed)).toThrow(/seed must be a whole number from 1/);
	});
});
