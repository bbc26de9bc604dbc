/**
 * Randomized variations of a scenario for training, so a policy learns the market's kind rather
 * than one seed of it (domain randomization). A variant keeps the scenario's channels, segments
 * and economics and changes:
 *   - the seed (demand shocks, auctions, creative refreshes),
 *   - the season: the yearly cycle and the promotion calendar move together by a random offset,
 *     so short episodes see every time of year,
 *   - mild parameter jitter: each channel's median CPM, maximum conversion rate and
 *     half-saturation are multiplied by exp(jitter · z), z standard normal,
 *   - the horizon (`days`) and the history before it (`historyDays`; shorter than the pilot's
 *     two years to keep episodes cheap — the state looks back 28 days).
 * Regime shifts are dropped (a planted shift is a test of drift handling, not training data).
 */
import { createStream, hashString, normal, type Rng } from '../sim/random';
import type { Scenario } from '../sim/scenario';

/** How variants differ from the scenario. */
export interface VariantOptions {
	/** Pilot days of the variant (an episode's horizon). */
	days: number;
	/** History days before the episode. */
	historyDays: number;
	/** Log-sd of the multiplicative jitter on channel parameters (0 = none). */
	jitter: number;
}

/** One variation of `scenario`, drawn from `rng` (one seed draw, one season draw, 3·C jitter draws). */
export function scenarioVariant(scenario: Scenario, rng: Rng, options: VariantOptions): Scenario {
	const seed = Math.floor(rng.next() * 0x100000000) >>> 0;
	const offset = Math.floor(rng.next() * 365);
	const factor = () => Math.exp(options.jitter * normal(rng));
	const channels = scenario.channels.map((channel) => ({
		...channel,
		auction: { ...channel.auction, medianCpm: channel.auction.medianCpm * factor() },
		maxConversionRate: Math.min(1, channel.maxConversionRate * factor()),
		hill: { ...channel.hill, halfSaturation: channel.hill.halfSaturation * factor() }
	}));
	// Shift the calendar back by `offset` days: day d of the variant is day d + offset of the year.
	const events = scenario.events
		.map((e) => {
			const start = (((e.startDay - offset) % 365) + 365) % 365;
			return { ...e, startDay: start, endDay: start + (e.endDay - e.startDay) };
		})
		.filter((e) => e.startDay < options.days);
	return {
		...scenario,
		seed,
		days: options.days,
		history: { ...scenario.history, days: options.historyDays },
		seasonality: {
			...scenario.seasonality,
			yearlyPeakDay: (((scenario.seasonality.yearlyPeakDay - offset) % 365) + 365) % 365
		},
		events,
		regimeShifts: [],
		channels
	};
}

/** The random stream of training draw `index` under training seed `seed` (independent per index). */
export function variantStream(seed: number, index: number): Rng {
	return createStream((hashString(`variant:${seed}:${index}`) ^ seed) >>> 0, 0);
}
