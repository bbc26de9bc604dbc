/**
 * The scenario of the MMM parameter-recovery test (tests/unit/mmm-recovery.test.ts) and of
 * `mmm.fit_104x8_s`, frozen here so presets can evolve without moving the test's ground truth.
 */
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario';

/** Events placed on week boundaries (Mondays from 2026-01-05) and repeated each year. */
const recoveryEvents = [0, 1].flatMap((year) => [
	{
		name: `Spring sale ${year + 1}`,
		startDay: 98 + 364 * year,
		endDay: 104 + 364 * year,
		demandMultiplier: 1.3
	},
	{
		name: `Black Friday week ${year + 1}`,
		startDay: 322 + 364 * year,
		endDay: 328 + 364 * year,
		demandMultiplier: 1.5
	}
]);

type ChannelInput = ScenarioInput['channels'][number];

/** A recovery-test channel: one creative with mild wear-out, no halo, effect without lag. */
function recoveryChannel(
	channel: Omit<ChannelInput, 'creatives' | 'lastTouchWeight' | 'platformClaim' | 'ctr'>
): ChannelInput {
	return {
		ctr: 0.01,
		lastTouchWeight: 1,
		platformClaim: 0.5,
		...channel,
		creatives: [{ id: 'main', name: 'Main creative', fatigueRate: 0.02, recoveryRate: 0.1 }]
	};
}

/**
 * The scenario of the MMM recovery test, frozen here so presets can evolve: dtc-default's six
 * channels (their auctions, reach, Hill curves and daily carry-over) plus connected TV (long,
 * delayed carry-over) and affiliates; one segment (mainstream buyers); yearly season, trend
 * and two sale weeks a year on week boundaries; daily demand noise 5 % plus Poisson counts.
 *
 * What it leaves out, because a weekly MMM cannot represent it and the test is about the fit,
 * not about misspecification: conversion delays after saturation, funnel halo, CPMs that rise
 * with demand, and strong creative fatigue (see the report for how much those cost).
 */
export function recoveryScenario(): Scenario {
	const input: ScenarioInput = {
		version: 1,
		name: 'MMM recovery (8 channels, one segment)',
		description:
			'Eight channels derived from dtc-default, one segment, spend flighted week by week, to check that the MMM recovers every channel’s ROAS.',
		seed: 2024,
		days: 728,
		startDate: '2026-01-05',
		dailyBudget: 96_000,
		seasonality: {
			weekly: [1.02, 1.0, 0.98, 0.98, 1.0, 1.02, 1.0],
			yearlyAmplitude: 0.15,
			yearlyPeakDay: 330,
			trendPerYear: 0.08,
			cpmElasticity: 0
		},
		events: recoveryEvents,
		noise: { demandSd: 0.03 },
		halo: { decay: 0.8 },
		segments: [
			{
				id: 'mainstream',
				name: 'Mainstream buyers',
				population: 24_000_000,
				baselineConversions: 1040,
				propensity: 1,
				orderValue: 62,
				margin: 0.42,
				repeatOrdersPerMonth: 0.35,
				retention: { alpha: 1, beta: 4 }
			}
		],
		channels: [
			recoveryChannel({
				id: 'brand-search',
				name: 'Brand search',
				stage: 'lower',
				historicalShare: 0.08,
				auction: { medianCpm: 45, spread: 0.5 },
				impressionsPerUser: 0.08,
				reach: [0.4],
				maxConversionRate: 2e-5,
				hill: { halfSaturation: 0.03, slope: 1.0 },
				adstock: { decay: 0.1 }
			}),
			recoveryChannel({
				id: 'nonbrand-search',
				name: 'Non-brand search',
				stage: 'mid',
				historicalShare: 0.18,
				auction: { medianCpm: 60, spread: 0.6 },
				impressionsPerUser: 0.12,
				reach: [0.45],
				maxConversionRate: 1e-4,
				hill: { halfSaturation: 0.05, slope: 1.1 },
				adstock: { decay: 0.15 }
			}),
			recoveryChannel({
				id: 'social-prospecting',
				name: 'Social prospecting',
				stage: 'upper',
				historicalShare: 0.18,
				auction: { medianCpm: 9, spread: 0.7 },
				impressionsPerUser: 2.5,
				reach: [0.7],
				maxConversionRate: 8e-5,
				hill: { halfSaturation: 0.35, slope: 1.2 },
				adstock: { decay: 0.45 }
			}),
			recoveryChannel({
				id: 'social-retargeting',
				name: 'Social retargeting',
				stage: 'lower',
				historicalShare: 0.08,
				auction: { medianCpm: 14, spread: 0.5 },
				impressionsPerUser: 4,
				reach: [0.06],
				maxConversionRate: 2.5e-4,
				hill: { halfSaturation: 0.6, slope: 1.0 },
				adstock: { decay: 0.2 }
			}),
			recoveryChannel({
				id: 'online-video',
				name: 'Online video',
				stage: 'upper',
				historicalShare: 0.14,
				auction: { medianCpm: 18, spread: 0.6 },
				impressionsPerUser: 1.2,
				reach: [0.6],
				maxConversionRate: 6e-5,
				hill: { halfSaturation: 0.25, slope: 1.3 },
				adstock: { decay: 0.65, delayStages: 1 }
			}),
			recoveryChannel({
				id: 'connected-tv',
				name: 'Connected TV',
				stage: 'upper',
				historicalShare: 0.12,
				auction: { medianCpm: 28, spread: 0.5 },
				impressionsPerUser: 1.0,
				reach: [0.7],
				maxConversionRate: 6e-5,
				hill: { halfSaturation: 0.3, slope: 1.3 },
				adstock: { decay: 0.75, delayStages: 1 }
			}),
			recoveryChannel({
				id: 'display',
				name: 'Display',
				stage: 'upper',
				historicalShare: 0.12,
				auction: { medianCpm: 3, spread: 0.8 },
				impressionsPerUser: 4,
				reach: [0.6],
				maxConversionRate: 2e-5,
				hill: { halfSaturation: 1.2, slope: 1.0 },
				adstock: { decay: 0.3 }
			}),
			recoveryChannel({
				id: 'affiliates',
				name: 'Affiliates',
				stage: 'mid',
				historicalShare: 0.1,
				auction: { medianCpm: 22, spread: 0.5 },
				impressionsPerUser: 0.4,
				reach: [0.35],
				maxConversionRate: 5e-5,
				hill: { halfSaturation: 0.08, slope: 1.0 },
				adstock: { decay: 0.2 }
			})
		]
	};
	const parsed = parseScenario(input);
	if (!parsed.ok) throw new Error(`recoveryScenario is invalid: ${JSON.stringify(parsed.errors)}`);
	return parsed.value;
}
