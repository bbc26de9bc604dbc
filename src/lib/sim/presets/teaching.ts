import type { ScenarioInput } from '../scenario';

const oneSegment = [
	{
		id: 'shoppers',
		name: 'Shoppers',
		population: 2_000_000,
		baselineConversions: 60,
		propensity: 1,
		orderValue: 60,
		margin: 0.45,
		repeatOrdersPerMonth: 0.3,
		retention: { alpha: 1, beta: 4 }
	}
];

/**
 * Saturation and the next marginal dollar: two channels with different curves. Search saturates
 * early (little inventory), social keeps returning; the best split equalises their marginal return.
 */
export const saturationTwoChannels: ScenarioInput = {
	version: 1,
	name: 'Two channels, two curves',
	description:
		'Search and social with $6k a day. Search saturates early; social keeps returning. Where should the next dollar go?',
	seed: 7,
	days: 120,
	dailyBudget: 6000,
	noise: { demandSd: 0.03 },
	segments: oneSegment,
	channels: [
		{
			id: 'search',
			name: 'Search',
			stage: 'lower',
			historicalShare: 0.7,
			auction: { medianCpm: 40, spread: 0.5 },
			impressionsPerUser: 0.06,
			reach: [0.5],
			maxConversionRate: 0.00012,
			ctr: 0.06,
			hill: { halfSaturation: 0.02, slope: 1 },
			adstock: { decay: 0.1 },
			lastTouchWeight: 10,
			platformClaim: 0.6,
			creatives: [{ id: 'text-ad', name: 'Text ad' }]
		},
		{
			id: 'social',
			name: 'Social',
			stage: 'upper',
			historicalShare: 0.3,
			auction: { medianCpm: 8, spread: 0.6 },
			impressionsPerUser: 3,
			reach: [0.8],
			maxConversionRate: 0.00009,
			ctr: 0.01,
			hill: { halfSaturation: 0.5, slope: 1 },
			adstock: { decay: 0.4 },
			lastTouchWeight: 1.5,
			platformClaim: 0.6,
			creatives: [{ id: 'video-ad', name: 'Video ad', fatigueRate: 0.02 }]
		}
	]
};

/**
 * Creative fatigue and refresh: one social channel, three live creatives that wear out at
 * different speeds and a reserve that a policy can launch.
 */
export const creativeFatigue: ScenarioInput = {
	version: 1,
	name: 'Creative fatigue',
	description:
		'One social channel, three creatives that wear out with repeated exposure and recover when rested, and a fresh one in reserve.',
	seed: 11,
	days: 180,
	dailyBudget: 4000,
	noise: { demandSd: 0.03 },
	segments: oneSegment,
	channels: [
		{
			id: 'social',
			name: 'Social',
			stage: 'upper',
			historicalShare: 1,
			auction: { medianCpm: 8, spread: 0.6 },
			impressionsPerUser: 3,
			reach: [0.6],
			maxConversionRate: 0.0001,
			ctr: 0.012,
			hill: { halfSaturation: 0.4, slope: 1 },
			adstock: { decay: 0.3 },
			lastTouchWeight: 2,
			platformClaim: 0.7,
			creatives: [
				{ id: 'bold', name: 'Bold offer', quality: 1.3, fatigueRate: 0.6, recoveryRate: 0.05 },
				{ id: 'story', name: 'Brand story', quality: 1.0, fatigueRate: 0.15, recoveryRate: 0.1 },
				{ id: 'demo', name: 'Product demo', quality: 0.9, fatigueRate: 0.05, recoveryRate: 0.1 },
				{ id: 'new', name: 'New concept (reserve)', quality: 1.2, fatigueRate: 0.3, active: false }
			]
		}
	]
};

/**
 * The last-click trap: online video creates demand that converts through brand search. Last
 * click gives brand search the credit; the truth is the other way round.
 */
export const lastClickTrap: ScenarioInput = {
	version: 1,
	name: 'The last-click trap',
	description:
		'Online video creates demand that converts later through brand search. Last-click reports credit brand search; the ground truth credits video.',
	seed: 3,
	days: 180,
	dailyBudget: 5000,
	noise: { demandSd: 0.03 },
	halo: { decay: 0.8 },
	segments: oneSegment,
	channels: [
		{
			id: 'brand-search',
			name: 'Brand search',
			stage: 'lower',
			historicalShare: 0.5,
			auction: { medianCpm: 40, spread: 0.5 },
			impressionsPerUser: 0.05,
			reach: [0.5],
			maxConversionRate: 0.000008,
			ctr: 0.3,
			hill: { halfSaturation: 0.02, slope: 1 },
			adstock: { decay: 0.1 },
			lastTouchWeight: 60,
			platformClaim: 0.9,
			haloReceptivity: 1.5,
			creatives: [{ id: 'brand-ad', name: 'Brand ad' }]
		},
		{
			id: 'online-video',
			name: 'Online video',
			stage: 'upper',
			historicalShare: 0.5,
			auction: { medianCpm: 18, spread: 0.6 },
			impressionsPerUser: 1.2,
			reach: [0.7],
			maxConversionRate: 0.00008,
			ctr: 0.003,
			hill: { halfSaturation: 0.25, slope: 1.2 },
			adstock: { decay: 0.65, delayStages: 1 },
			conversionDelayDays: 4,
			lastTouchWeight: 0.3,
			platformClaim: 0.3,
			haloStrength: 0.8,
			creatives: [{ id: 'film', name: 'Brand film', fatigueRate: 0.05 }]
		}
	]
};
