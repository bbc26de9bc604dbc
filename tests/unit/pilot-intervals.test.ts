/**
 * The report's intervals beyond the headline metrics: each policy's cumulative regret by day and
 * each channel's ROAS by measure carry 95 % intervals over seeds that hold the mean, shrink as
 * seeds are added, and fall back to the mean alone for a single seed.
 */
import { describe, expect, it } from 'vitest';
import { roasByChannel, ROAS_KINDS } from '../../src/lib/app/roas-comparison';
import {
	pilotSeeds,
	runSeed,
	summarizePilot,
	type PilotResult
} from '../../src/lib/experiment/pilot';
import { parsePilotConfig } from '../../src/lib/experiment/pilot-config';
import { loadPreset } from '../../src/lib/sim/presets';

const scenario = loadPreset('two-channels');

function pilot(seeds: number): PilotResult {
	const parsed = parsePilotConfig(
		{ policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }], seeds, days: 60 },
		scenario
	);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const config = parsed.value;
	const results = pilotSeeds(config).map((seed) => runSeed(scenario, config, seed)!);
	return summarizePilot(scenario, config, results);
}

describe('pilot intervals', () => {
	const small = pilot(4);
	const large = pilot(16);

	it('bracket the mean cumulative regret every day, and narrow with more seeds', () => {
		const policy = small.policies.find((p) => p.id === 'thompson')!;
		policy.regretByDay.forEach((mean, d) => {
			expect(policy.regretBandByDay!.low[d]).toBeLessThanOrEqual(mean + 1e-9);
			expect(policy.regretBandByDay!.high[d]).toBeGreaterThanOrEqual(mean - 1e-9);
		});
		const width = (r: PilotResult) => {
			const p = r.policies.find((x) => x.id === 'thompson')!;
			return p.regretBandByDay!.high.at(-1)! - p.regretBandByDay!.low.at(-1)!;
		};
		expect(width(large)).toBeLessThan(width(small));
	});

	it('bracket each channel’s ROAS by measure', () => {
		for (const policy of small.policies) {
			for (const row of roasByChannel(policy, small.channelNames, small.seeds.length)) {
				for (const kind of ROAS_KINDS) {
					const [low, high] = row.interval![kind];
					if (!Number.isFinite(row.roas[kind])) continue;
					expect(low).toBeLessThanOrEqual(row.roas[kind] + 1e-9);
					expect(high).toBeGreaterThanOrEqual(row.roas[kind] - 1e-9);
					expect(high).toBeGreaterThan(low);
				}
			}
		}
	});

	it('give no ROAS interval for one seed', () => {
		const one = pilot(1);
		expect(roasByChannel(one.policies[0], one.channelNames, 1)[0].interval).toBeNull();
	});
});
