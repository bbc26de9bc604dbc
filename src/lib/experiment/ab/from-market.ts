/**
 * A creative A/B/n test taken from a simulated market: one channel's creatives shown evenly
 * (the historical split) for some days, with the clicks and the conversions the ad platform
 * reports per creative — the numbers a marketer would paste into an A/B tool — plus each
 * creative's true quality, so a class can see whether the test found the best one.
 */
import { runFixedSplit } from '../../sim/run';
import type { Scenario } from '../../sim/scenario';
import type { ArmCounts } from './decision';

export interface CreativeTest {
	channel: string;
	days: number;
	arms: ArmCounts[];
}

/** Run `days` of the scenario with seed `seed` and read one channel's creative counts. */
export function creativeTestFromMarket(
	scenario: Scenario,
	channelIndex: number,
	days: number,
	seed: number
): CreativeTest {
	const market = runFixedSplit(scenario, { seed, days });
	const { K } = market.params;
	const { clicks, platformConversions } = market.trace.observables;
	const channel = scenario.channels[channelIndex];
	const arms = channel.creatives.map((creative, k): ArmCounts => {
		let visitors = 0;
		let conversions = 0;
		for (let d = 0; d < days; d++) {
			const at = (d * scenario.channels.length + channelIndex) * K + k;
			visitors += clicks[at];
			conversions += platformConversions[at];
		}
		// Platform conversions include view-through ones, which can exceed clicks on a day.
		return { name: creative.name, visitors, conversions: Math.min(conversions, visitors) };
	});
	return { channel: channel.name, days, arms };
}
