/**
 * Compile a validated scenario into flat typed arrays for the market's hot loop.
 *
 * Index conventions used everywhere in the engine:
 *   channel c ∈ [0, C), creative slot k ∈ [0, K) (K = most creatives on any channel),
 *   segment s ∈ [0, S);  ck = c·K + k,  cs = c·S + s,  cell = (c·K + k)·S + s.
 * Rates given per day in the scenario are converted to per step (slotsPerDay steps a day).
 */
import { decayPerStep } from './adstock';
import { HILL_TABLE_SIZE, hillTable } from './hill';
import {
	discountPerStep,
	expectedLifetimeValue,
	retentionClasses,
	type RetentionClasses
} from './cohort';
import type { Scenario } from './scenario';
import * as pm from './portable-math';

/** Funnel stage codes. */
export const STAGE = { upper: 0, mid: 1, lower: 2 } as const;

/** A scenario flattened for simulation. Plain data; rebuilt when a regime shift applies. */
export interface MarketParams {
	/** Channels, creative slots per channel, segments. */
	C: number;
	K: number;
	S: number;
	/** Steps per day. */
	stepsPerDay: number;
	/** Horizon, days. */
	days: number;

	// ---- per segment [S]
	population: Float64Array;
	/** Organic conversions per day at demand 1. */
	baselinePerDay: Float64Array;
	propensity: Float64Array;
	cpmIndex: Float64Array;
	orderValue: Float64Array;
	margin: Float64Array;
	/** Expected lifetime revenue of an acquired customer (first order included, discounted). */
	ltvRevenue: Float64Array;
	/** Expected lifetime gross margin of an acquired customer. */
	ltvMargin: Float64Array;
	retention: RetentionClasses[];

	// ---- per channel [C]
	stage: Uint8Array;
	historicalShare: Float64Array;
	medianCpm: Float64Array;
	spread: Float64Array;
	/** Mean / median of the competing-bid distribution, e^{σ²/2}. */
	meanCpmFactor: Float64Array;
	ctr: Float64Array;
	maxConversionRate: Float64Array;
	halfSaturation: Float64Array;
	slope: Float64Array;
	/** Per channel, `hillTable(slope)` at offset c · (HILL_TABLE_SIZE + 1). */
	hillTables: Float64Array;
	/** Adstock decay per day and per step. */
	decayPerDay: Float64Array;
	decay: Float64Array;
	delayStages: Uint8Array;
	/** Share of pending conversions released per step (geometric conversion delay). */
	release: Float64Array;
	lastTouchWeight: Float64Array;
	platformClaim: Float64Array;
	haloStrength: Float64Array;
	haloReceptivity: Float64Array;
	unsafeShare: Float64Array;
	existingShare: Float64Array;
	refreshQualitySd: Float64Array;

	// ---- per channel × segment [C·S]
	/** Reachable users. */
	audience: Float64Array;
	/** Impression opportunities per day. */
	opportunities: Float64Array;

	// ---- per channel × creative slot [C·K]
	creativeExists: Uint8Array;
	creativeActive: Uint8Array;
	quality: Float64Array;
	ctrIndex: Float64Array;
	fatigueRate: Float64Array;
	/** Share of the exposure stock kept per step (1 − recovery per step). */
	fatigueKeep: Float64Array;

	// ---- per day [days]
	/** Seasonal × trend × event demand multiplier (before the daily random shock). */
	demand: Float64Array;
	/** CPM multiplier from demand (cpmElasticity). */
	cpmSeason: Float64Array;

	// ---- per slot [stepsPerDay]
	slotInventory: Float64Array;
	slotCpm: Float64Array;

	haloKeep: number;
	directWeight: number;
	demandSd: number;
	discount: number;
	ltvHorizonSteps: number;
}

const DAY_MS = 86_400_000;

/** Monday = 0 … Sunday = 6 for a YYYY-MM-DD date plus `day` days. */
export function weekdayOf(startDate: string, day: number): number {
	const t = Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS;
	return (new Date(t).getUTCDay() + 6) % 7;
}

/** Deterministic demand multiplier for each day (no shock). */
export function demandCurve(s: Scenario, days = s.days): Float64Array {
	const out = new Float64Array(days);
	const { weekly, yearlyAmplitude, yearlyPeakDay, trendPerYear } = s.seasonality;
	const weekMean = weekly.reduce((a, b) => a + b, 0) / 7;
	const firstWeekday = weekdayOf(s.startDate, 0);
	for (let d = 0; d < days; d++) {
		const week = weekly[(firstWeekday + d) % 7] / weekMean;
		const year = 1 + yearlyAmplitude * pm.cos((2 * Math.PI * (d - yearlyPeakDay)) / 365);
		const trend = pm.pow(1 + trendPerYear, d / 365);
		out[d] = week * year * trend;
	}
	for (const event of s.events) {
		for (let d = event.startDay; d <= Math.min(event.endDay, days - 1); d++) {
			out[d] *= event.demandMultiplier;
		}
	}
	return out;
}

export function compile(s: Scenario): MarketParams {
	const C = s.channels.length;
	const S = s.segments.length;
	const K = Math.max(...s.channels.map((c) => c.creatives.length));
	const SP = s.slotsPerDay;
	const f64 = (n: number) => new Float64Array(n);

	const population = f64(S),
		baselinePerDay = f64(S),
		propensity = f64(S),
		cpmIndex = f64(S),
		orderValue = f64(S),
		margin = f64(S),
		ltvRevenue = f64(S),
		ltvMargin = f64(S);
	const discount = discountPerStep(s.ltv.annualDiscountRate, SP);
	const ltvHorizonSteps = s.ltv.horizonDays * SP;
	const retention = s.segments.map((seg, i) => {
		population[i] = seg.population;
		baselinePerDay[i] = seg.baselineConversions;
		propensity[i] = seg.propensity;
		cpmIndex[i] = seg.cpmIndex;
		orderValue[i] = seg.orderValue;
		margin[i] = seg.margin;
		const cohort = {
			retentionAlpha: seg.retention.alpha,
			retentionBeta: seg.retention.beta,
			repeatOrdersPerMonth: seg.repeatOrdersPerMonth,
			orderValue: seg.orderValue,
			margin: seg.margin
		};
		const classes = retentionClasses(cohort, SP);
		const ltv = expectedLifetimeValue(cohort, classes, ltvHorizonSteps, discount);
		ltvRevenue[i] = ltv.revenue;
		ltvMargin[i] = ltv.margin;
		return classes;
	});

	const stage = new Uint8Array(C),
		delayStages = new Uint8Array(C);
	const [historicalShare, medianCpm, spread, ctr, maxConversionRate, halfSaturation, slope] =
		Array.from({ length: 7 }, () => f64(C));
	const [decayPerDay, decay, release, lastTouchWeight, platformClaim, haloStrength] = Array.from(
		{ length: 6 },
		() => f64(C)
	);
	const [haloReceptivity, unsafeShare, existingShare, refreshQualitySd, meanCpmFactor] = Array.from(
		{ length: 5 },
		() => f64(C)
	);
	const hillTables = f64(C * (HILL_TABLE_SIZE + 1));
	const audience = f64(C * S),
		opportunities = f64(C * S);
	const creativeExists = new Uint8Array(C * K),
		creativeActive = new Uint8Array(C * K);
	const quality = f64(C * K),
		ctrIndex = f64(C * K),
		fatigueRate = f64(C * K),
		fatigueKeep = f64(C * K);
	const shareSum = s.channels.reduce((a, c) => a + c.historicalShare, 0);

	s.channels.forEach((ch, c) => {
		stage[c] = STAGE[ch.stage];
		historicalShare[c] = ch.historicalShare / shareSum;
		medianCpm[c] = ch.auction.medianCpm;
		spread[c] = ch.auction.spread;
		meanCpmFactor[c] = pm.exp(0.5 * ch.auction.spread * ch.auction.spread);
		ctr[c] = ch.ctr;
		maxConversionRate[c] = ch.maxConversionRate;
		halfSaturation[c] = ch.hill.halfSaturation;
		slope[c] = ch.hill.slope;
		hillTable(ch.hill.slope, hillTables, c * (HILL_TABLE_SIZE + 1));
		decayPerDay[c] = ch.adstock.decay;
		decay[c] = decayPerStep(ch.adstock.decay, SP);
		delayStages[c] = ch.adstock.delayStages;
		release[c] = 1 / (1 + ch.conversionDelayDays * SP);
		lastTouchWeight[c] = ch.lastTouchWeight;
		platformClaim[c] = ch.platformClaim;
		haloStrength[c] = ch.haloStrength;
		haloReceptivity[c] = ch.haloReceptivity;
		unsafeShare[c] = ch.unsafeShare;
		existingShare[c] = ch.existingCustomerShare;
		refreshQualitySd[c] = ch.refreshQualitySd;
		for (let i = 0; i < S; i++) {
			// Less than one reachable person is nobody (a denormal audience would divide to Infinity).
			const people = s.segments[i].population * ch.reach[i];
			audience[c * S + i] = people >= 1 ? people : 0;
			opportunities[c * S + i] = audience[c * S + i] * ch.impressionsPerUser;
		}
		ch.creatives.forEach((cr, k) => {
			const ck = c * K + k;
			creativeExists[ck] = 1;
			creativeActive[ck] = cr.active ? 1 : 0;
			quality[ck] = cr.quality;
			ctrIndex[ck] = cr.ctrIndex;
			fatigueRate[ck] = cr.fatigueRate;
			fatigueKeep[ck] = pm.pow(1 - cr.recoveryRate, 1 / SP);
		});
	});

	const demand = demandCurve(s);
	const cpmSeason = f64(s.days);
	for (let d = 0; d < s.days; d++) cpmSeason[d] = pm.pow(demand[d], s.seasonality.cpmElasticity);

	const slotInventory = f64(SP).fill(1 / SP),
		slotCpm = f64(SP).fill(1);
	if (s.intraday) {
		const total = s.intraday.inventoryShare.reduce((a, b) => a + b, 0);
		for (let j = 0; j < SP; j++) {
			slotInventory[j] = s.intraday.inventoryShare[j] / total;
			slotCpm[j] = s.intraday.cpmIndex[j];
		}
	}

	return {
		C,
		K,
		S,
		stepsPerDay: SP,
		days: s.days,
		population,
		baselinePerDay,
		propensity,
		cpmIndex,
		orderValue,
		margin,
		ltvRevenue,
		ltvMargin,
		retention,
		stage,
		historicalShare,
		medianCpm,
		spread,
		meanCpmFactor,
		ctr,
		maxConversionRate,
		halfSaturation,
		slope,
		hillTables,
		decayPerDay,
		decay,
		delayStages,
		release,
		lastTouchWeight,
		platformClaim,
		haloStrength,
		haloReceptivity,
		unsafeShare,
		existingShare,
		refreshQualitySd,
		audience,
		opportunities,
		creativeExists,
		creativeActive,
		quality,
		ctrIndex,
		fatigueRate,
		fatigueKeep,
		demand,
		cpmSeason,
		slotInventory,
		slotCpm,
		haloKeep: decayPerStep(s.halo.decay, SP),
		directWeight: s.attribution.directWeight,
		demandSd: s.noise.demandSd,
		discount,
		ltvHorizonSteps
	};
}
