import type { ScenarioInput } from '../scenario';

const creatives = (
	names: [string, string, string],
	qualities: [number, number, number],
	fatigue: number
) =>
	names.map((name, i) => ({
		id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
		name,
		quality: qualities[i],
		ctrIndex: Math.sqrt(qualities[i]),
		fatigueRate: fatigue,
		recoveryRate: 0.08
	}));

/**
 * A direct-to-consumer brand across the funnel: six channels, three creatives each, three
 * segments that differ in size, propensity and lifetime value, a year of daily steps.
 * Business-as-usual over-funds the channels last-click flatters (brand search, retargeting) and
 * cheap reach (display); the value sits in upper-funnel channels that reach high-LTV customers.
 */
export const dtcDefault: ScenarioInput = {
	version: 1,
	name: 'DTC brand (default)',
	description:
		'A direct-to-consumer brand spending $20k a day across six channels, from online video to brand search, selling to deal seekers, mainstream buyers and high-value enthusiasts over one year.',
	seed: 42,
	days: 365,
	startDate: '2026-01-05',
	currency: 'USD',
	dailyBudget: 20_000,
	history: { days: 730, flighting: 0.5 },
	seasonality: {
		weekly: [1.02, 1.0, 0.98, 0.98, 1.0, 1.02, 1.0],
		yearlyAmplitude: 0.15,
		yearlyPeakDay: 330,
		trendPerYear: 0.08,
		cpmElasticity: 0.6
	},
	events: [
		{ name: 'Spring sale', startDay: 100, endDay: 106, demandMultiplier: 1.3 },
		{ name: 'Black Friday week', startDay: 326, endDay: 332, demandMultiplier: 1.6 }
	],
	noise: { demandSd: 0.06 },
	halo: { decay: 0.8 },
	attribution: { directWeight: 1 },
	ltv: { horizonDays: 365, annualDiscountRate: 0.1 },
	segments: [
		{
			id: 'deal-seekers',
			name: 'Deal seekers',
			population: 4_000_000,
			baselineConversions: 110,
			propensity: 1.6,
			cpmIndex: 0.6,
			orderValue: 38,
			margin: 0.3,
			repeatOrdersPerMonth: 0.3,
			retention: { alpha: 1.2, beta: 2.5 }
		},
		{
			id: 'mainstream',
			name: 'Mainstream buyers',
			population: 3_000_000,
			baselineConversions: 90,
			propensity: 1.0,
			cpmIndex: 1.0,
			orderValue: 62,
			margin: 0.42,
			repeatOrdersPerMonth: 0.35,
			retention: { alpha: 1.0, beta: 4.0 }
		},
		{
			id: 'enthusiasts',
			name: 'High-value enthusiasts',
			population: 900_000,
			baselineConversions: 35,
			propensity: 0.75,
			cpmIndex: 1.5,
			orderValue: 95,
			margin: 0.45,
			repeatOrdersPerMonth: 0.45,
			retention: { alpha: 1, beta: 6 }
		}
	],
	channels: [
		{
			id: 'brand-search',
			name: 'Brand search',
			stage: 'lower',
			historicalShare: 0.1,
			auction: { medianCpm: 45, spread: 0.5 },
			impressionsPerUser: 0.05,
			reach: [0.3, 0.4, 0.6],
			maxConversionRate: 1.072e-5,
			ctr: 0.25,
			hill: { halfSaturation: 0.02, slope: 1.0 },
			adstock: { decay: 0.1 },
			conversionDelayDays: 0.2,
			lastTouchWeight: 60,
			platformClaim: 0.9,
			haloReceptivity: 1.5,
			creatives: creatives(
				['Brand name ad', 'Brand + offer', 'Brand + reviews'],
				[1.05, 1.0, 0.95],
				0.05
			)
		},
		{
			id: 'nonbrand-search',
			name: 'Non-brand search',
			stage: 'mid',
			historicalShare: 0.24,
			auction: { medianCpm: 60, spread: 0.6 },
			impressionsPerUser: 0.08,
			reach: [0.35, 0.45, 0.5],
			maxConversionRate: 8.8e-5,
			ctr: 0.06,
			hill: { halfSaturation: 0.03, slope: 1.1 },
			adstock: { decay: 0.15 },
			conversionDelayDays: 1,
			lastTouchWeight: 12,
			platformClaim: 0.5,
			creatives: creatives(
				['Category keywords', 'Problem keywords', 'Competitor keywords'],
				[1.1, 1.0, 0.85],
				0.05
			)
		},
		{
			id: 'social-prospecting',
			name: 'Social prospecting',
			stage: 'upper',
			historicalShare: 0.22,
			auction: { medianCpm: 9, spread: 0.7 },
			impressionsPerUser: 2.5,
			reach: [0.7, 0.7, 0.65],
			maxConversionRate: 7.04e-5,
			ctr: 0.009,
			hill: { halfSaturation: 0.35, slope: 1.2 },
			adstock: { decay: 0.45 },
			conversionDelayDays: 3,
			lastTouchWeight: 1.5,
			platformClaim: 0.6,
			haloStrength: 0.25,
			unsafeShare: 0.04,
			creatives: creatives(['Founder story', 'UGC unboxing', 'Product demo'], [1.2, 1.0, 0.8], 0.12)
		},
		{
			id: 'social-retargeting',
			name: 'Social retargeting',
			stage: 'lower',
			historicalShare: 0.1,
			auction: { medianCpm: 14, spread: 0.5 },
			impressionsPerUser: 4,
			reach: [0.05, 0.06, 0.08],
			maxConversionRate: 0.000272,
			ctr: 0.012,
			hill: { halfSaturation: 0.6, slope: 1.0 },
			adstock: { decay: 0.2 },
			conversionDelayDays: 0.5,
			lastTouchWeight: 25,
			platformClaim: 0.95,
			existingCustomerShare: 0.35,
			unsafeShare: 0.03,
			creatives: creatives(['Cart reminder', 'Discount 10%', 'Best sellers'], [1.0, 1.1, 0.9], 0.2)
		},
		{
			id: 'online-video',
			name: 'Online video',
			stage: 'upper',
			historicalShare: 0.16,
			auction: { medianCpm: 18, spread: 0.6 },
			impressionsPerUser: 1.2,
			reach: [0.25, 0.6, 0.9],
			maxConversionRate: 8.96e-5,
			ctr: 0.003,
			hill: { halfSaturation: 0.25, slope: 1.3 },
			adstock: { decay: 0.65, delayStages: 1 },
			conversionDelayDays: 5,
			lastTouchWeight: 0.3,
			platformClaim: 0.3,
			haloStrength: 0.6,
			unsafeShare: 0.06,
			creatives: creatives(
				['Brand film 30s', 'How it works 15s', 'Testimonials 20s'],
				[1.15, 1.0, 0.9],
				0.1
			)
		},
		{
			id: 'display',
			name: 'Display',
			stage: 'upper',
			historicalShare: 0.18,
			auction: { medianCpm: 3, spread: 0.8 },
			impressionsPerUser: 4,
			reach: [0.9, 0.15, 0.02],
			maxConversionRate: 6.4e-5,
			ctr: 0.0015,
			hill: { halfSaturation: 0.8, slope: 1.0 },
			adstock: { decay: 0.3 },
			conversionDelayDays: 2,
			lastTouchWeight: 0.5,
			platformClaim: 0.8,
			haloStrength: 0.1,
			unsafeShare: 0.15,
			creatives: creatives(
				['Static banner', 'Animated banner', 'Dynamic product'],
				[0.9, 1.0, 1.1],
				0.1
			)
		}
	]
};
