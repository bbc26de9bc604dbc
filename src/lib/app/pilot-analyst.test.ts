import { describe, expect, it } from 'vitest';
import { pilotSeeds, runSeed, summarizePilot } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { resultFingerprint } from '../experiment/fingerprint';
import { loadPreset } from '../sim/presets';
import { PilotAnalyst, seedTransferables, snapshotTransferables } from './pilot-analyst';

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig(
	{ policies: [{ kind: 'bau-fixed' }, { kind: 'ts-curve' }], seeds: 3, days: 30 },
	scenario
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.value;
const first = pilotSeeds(config)[0];
const seeds = pilotSeeds(config).map((seed) =>
	runSeed(scenario, config, seed, {}, seed === first)!
);

describe('PilotAnalyst', () => {
	it('summarises the seeds so far exactly as summarizePilot does, with the fingerprint', () => {
		const analyst = new PilotAnalyst();
		analyst.begin(scenario, config);
		expect(analyst.summarize()).toBeNull();
		analyst.addSeed(seeds[2]);
		analyst.addSeed(seeds[0]);
		analyst.addSeed(seeds[0]);
		expect(analyst.seedsDone).toBe(2);
		const partial = analyst.summarize()!;
		expect(partial.result.seeds).toEqual([seeds[0].seed, seeds[2].seed]);
		analyst.addSeed(seeds[1]);
		const full = analyst.summarize()!;
		const expected = summarizePilot(scenario, config, seeds);
		expect(full.result).toEqual(expected);
		expect(full.fingerprint).toBe(resultFingerprint(expected));
		expect(full.curves.curves.length).toBe(scenario.channels.length);
	});

	it('hands out decision logs it can transfer without detaching the seeds it keeps', () => {
		const analyst = new PilotAnalyst();
		analyst.begin(scenario, config);
		analyst.addSeed(seeds[0]);
		const snapshot = analyst.summarize()!;
		const kept = new Set(seedTransferables([seeds[0]]));
		expect(kept.size).toBeGreaterThan(0);
		const sent = snapshotTransferables(snapshot);
		expect(sent.some((buffer) => kept.has(buffer))).toBe(false);
		expect(new Set(sent).size).toBe(sent.length);
	});

	it('starts over for a new pilot', () => {
		const analyst = new PilotAnalyst();
		analyst.begin(scenario, config);
		analyst.addSeed(seeds[0]);
		analyst.begin(scenario, config);
		expect(analyst.seedsDone).toBe(0);
		expect(analyst.summarize()).toBeNull();
	});
});
