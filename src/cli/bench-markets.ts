/** Scenarios built for benchmarks: the default preset, scaled to many channels × creatives × segments. */
import { presets } from '../lib/sim/presets';
import { parseScenario, type Scenario, type ScenarioInput } from '../lib/sim/scenario';

/** dtc-default widened to C channels × K creatives × S segments (cycling its own definitions). */
export function largeMarket(C: number, K: number, S: number): Scenario {
	const base = presets['dtc-default'];
	const input: ScenarioInput = {
		...base,
		name: `Large market ${C}×${K}×${S}`,
		segments: Array.from({ length: S }, (_, s) => ({
			...base.segments[s % base.segments.length],
			id: `segment-${s}`,
			population: 1_000_000
		})),
		channels: Array.from({ length: C }, (_, c) => {
			const channel = base.channels[c % base.channels.length];
			return {
				...channel,
				id: `channel-${c}`,
				reach: Array.from({ length: S }, (_, s) => channel.reach[s % channel.reach.length]),
				creatives: Array.from({ length: K }, (_, k) => ({
					...channel.creatives[k % channel.creatives.length],
					id: `creative-${k}`
				}))
			};
		})
	};
	const parsed = parseScenario(input);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
}
