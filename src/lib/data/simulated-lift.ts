/**
 * A lift test run on a simulated market, where the truth is known: the channel's true
 * incremental KPI over the weeks of the test, measured with the error a well-powered geo test
 * has (relative standard error 10 % by default), reported with its 95 % interval. What an
 * analyst would type into the MMM's calibration after running the experiment the fit asked for.
 */
import type { Dataset } from './dataset';
import type { LiftTest } from './mmm/types';
import { createStream, normal } from '../sim/random';

/** How the simulated test is run. */
export interface SimulatedLiftOptions {
	/** Periods the test lasts (default 8 weeks or days). */
	periods?: number;
	/** Relative standard error of the measurement (default 0.1). */
	relativeSe?: number;
	/** Seed of the measurement error: same seed, same result. */
	seed?: number;
	/** Periods the test may use, [first, last] inclusive (default: all). */
	within?: [number, number];
}

/** z of a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The lift test of `channelId` over the `periods` consecutive periods whose average spend is
 * closest to the channel's usual spend: a test at the usual spend measures the usual effect,
 * which is what the ROAS averages (a test at peak spend pins the top of the curve and leaves
 * its lower part, where much of the ROAS sits, free). Null when the dataset has no truth for
 * the channel or is shorter than the test.
 */
export function simulatedLiftTest(
	dataset: Dataset,
	channelId: string,
	options: SimulatedLiftOptions = {}
): LiftTest | null {
	const { periods = 8, relativeSe = 0.1, seed = 1 } = options;
	const truth = dataset.truth?.roas.find((r) => r.channel === channelId);
	const channel = dataset.channels.find((c) => c.id === channelId);
	const T = dataset.dates.length;
	const [first, last] = options.within ?? [0, T - 1];
	if (!truth || !channel || truth.perPeriod.length !== T) return null;
	if (periods < 1 || first < 0 || last >= T || last - first + 1 < periods) return null;
	let usual = 0;
	for (let t = 0; t < T; t++) usual += channel.spend[t] / T;
	let start = first;
	let best = Infinity;
	for (let t0 = first; t0 + periods <= last + 1; t0++) {
		let sum = 0;
		for (let t = t0; t < t0 + periods; t++) sum += channel.spend[t];
		const distance = Math.abs(sum / periods - usual);
		if (distance < best) {
			best = distance;
			start = t0;
		}
	}
	let trueLift = 0;
	for (let t = start; t < start + periods; t++) trueLift += truth.perPeriod[t];
	// One stream per channel, so testing one channel does not change another's result.
	const index = dataset.channels.indexOf(channel);
	const se = relativeSe * trueLift;
	const lift = trueLift + se * normal(createStream(seed, 1 + index));
	return {
		channelId,
		start: dataset.dates[start],
		end: dataset.dates[start + periods - 1],
		lift,
		low: lift - Z95 * se,
		high: lift + Z95 * se
	};
}
