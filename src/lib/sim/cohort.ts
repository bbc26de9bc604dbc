/**
 * LTV cohorts: customers acquired on a day keep buying until they churn.
 *
 * Retention is heterogeneous, shifted-beta-geometric (Fader & Hardie): each customer has a
 * monthly (30-day) churn probability θ drawn from Beta(α, β). To keep the market's daily update
 * memoryless and allocation-free, θ's distribution is split into `CLASSES` latent classes of
 * equal probability mass, each represented by its conditional mean; a class is a pool of
 * active customers that decays geometrically. Active customers place repeat orders at a
 * constant rate. Expected lifetime value follows in closed form from the same classes, so the
 * simulated revenue and the "known expected LTV" agree by construction (and are tested to).
 */
import { poisson, type Rng } from './random';
import { betaInc, betaQuantile } from './special';
import * as pm from './portable-math';
import { TENURE_BANDS } from './trace';

/** Number of latent retention classes per segment. */
export const CLASSES = 8;

/** Days in the retention period the Beta prior describes. */
export const DAYS_PER_PERIOD = 30;

/** What a segment's customers are worth. */
export interface CohortParams {
	/** Beta(α, β) prior on the monthly churn probability: α > 0. */
	retentionAlpha: number;
	/** β > 0; mean monthly churn is α / (α + β). */
	retentionBeta: number;
	/** Repeat orders per active customer per 30 days. */
	repeatOrdersPerMonth: number;
	/** Revenue per order, currency units. */
	orderValue: number;
	/** Gross margin on revenue, 0–1. */
	margin: number;
}

/** The latent classes of one segment, per simulation step. */
export interface RetentionClasses {
	/** Share of customers in each class (sums to 1). */
	weight: Float64Array;
	/** Monthly churn probability of each class. */
	monthlyChurn: Float64Array;
	/** Probability an active customer is still active one step later. */
	keep: Float64Array;
	/** Expected repeat orders per active customer per step. */
	ordersPerStep: number;
}

/** Split Beta(α, β) monthly churn into equal-mass classes, converted to per-step survival. */
export function retentionClasses(params: CohortParams, stepsPerDay: number): RetentionClasses {
	const { retentionAlpha: a, retentionBeta: b } = params;
	const weight = new Float64Array(CLASSES).fill(1 / CLASSES);
	const monthlyChurn = new Float64Array(CLASSES);
	const keep = new Float64Array(CLASSES);
	const mean = a / (a + b);
	let lowerMass = 0;
	for (let j = 0; j < CLASSES; j++) {
		const upper = j === CLASSES - 1 ? 1 : betaQuantile((j + 1) / CLASSES, a, b);
		// E[θ; lower < θ < upper] = mean · (I_upper(a+1, b) − I_lower(a+1, b))
		const upperMass = upper >= 1 ? 1 : betaInc(upper, a + 1, b);
		monthlyChurn[j] = Math.min(1, Math.max(0, (mean * (upperMass - lowerMass)) / weight[j]));
		keep[j] = pm.pow(1 - monthlyChurn[j], 1 / (DAYS_PER_PERIOD * stepsPerDay));
		lowerMass = upperMass;
	}
	return {
		weight,
		monthlyChurn,
		keep,
		ordersPerStep: params.repeatOrdersPerMonth / (DAYS_PER_PERIOD * stepsPerDay)
	};
}

/** Per-step discount factor for an annual discount rate. */
export function discountPerStep(annualRate: number, stepsPerDay: number): number {
	return pm.pow(1 + annualRate, -1 / (365 * stepsPerDay));
}

/**
 * Expected repeat orders per acquired customer over the `horizonSteps` steps after the
 * acquisition step, discounted by `discount` per step. Closed form: Σ_j w_j · r · q_j(1 − q_j^U)/(1 − q_j)
 * with q_j = keep_j · discount (the pool decays, then orders, each step).
 */
export function expectedRepeatOrders(
	classes: RetentionClasses,
	horizonSteps: number,
	discount = 1
): number {
	let total = 0;
	for (let j = 0; j < CLASSES; j++) {
		const q = classes.keep[j] * discount;
		const sum = q >= 1 ? horizonSteps : (q * (1 - pm.pow(q, horizonSteps))) / (1 - q);
		total += classes.weight[j] * sum;
	}
	return classes.ordersPerStep * total;
}

/** Expected lifetime revenue and margin of one acquired customer (first order included). */
export function expectedLifetimeValue(
	params: CohortParams,
	classes: RetentionClasses,
	horizonSteps: number,
	discount = 1
): { revenue: number; margin: number; orders: number } {
	const orders = 1 + expectedRepeatOrders(classes, horizonSteps, discount);
	const revenue = orders * params.orderValue;
	return { revenue, margin: revenue * params.margin, orders };
}

/** Exact sBG survival after t whole months: B(α, β + t) / B(α, β) = Π (β + i)/(α + β + i). */
export function sbgSurvival(alpha: number, beta: number, months: number): number {
	let s = 1;
	for (let i = 0; i < months; i++) s *= (beta + i) / (alpha + beta + i);
	return s;
}

/** Survival of the class mixture after `steps` steps (compare with `sbgSurvival`). */
export function classSurvival(classes: RetentionClasses, steps: number): number {
	let s = 0;
	for (let j = 0; j < CLASSES; j++) s += classes.weight[j] * pm.pow(classes.keep[j], steps);
	return s;
}

/**
 * One step of a segment's active-customer pools (`pools[offset … offset + CLASSES)`):
 * survivors decay, then place orders; returns the expected repeat orders this step. Call
 * `addCustomers` afterwards for the step's new customers (they first buy again next step).
 */
export function agePools(pools: Float64Array, offset: number, classes: RetentionClasses): number {
	let active = 0;
	for (let j = 0; j < CLASSES; j++) {
		const n = pools[offset + j] * classes.keep[j];
		pools[offset + j] = n;
		active += n;
	}
	return active * classes.ordersPerStep;
}

/** Put `customers` newly acquired customers into the pools, spread over the classes. */
export function addCustomers(
	pools: Float64Array,
	offset: number,
	classes: RetentionClasses,
	customers: number
): void {
	for (let j = 0; j < CLASSES; j++) pools[offset + j] += customers * classes.weight[j];
}

/**
 * Realized revenue of a single cohort of `customers` followed for `horizonSteps` steps,
 * orders sampled with `rng` — the same pool dynamics the market runs.
 */
export function simulateCohortRevenue(
	params: CohortParams,
	classes: RetentionClasses,
	customers: number,
	horizonSteps: number,
	rng: Rng
): number {
	const pools = new Float64Array(CLASSES);
	addCustomers(pools, 0, classes, customers);
	let orders = customers; // first orders
	for (let t = 0; t < horizonSteps; t++) orders += poisson(rng, agePools(pools, 0, classes));
	return orders * params.orderValue;
}

/**
 * Expected cumulative gross margin of one customer by `ageDays` after acquisition, undiscounted
 * (first order included): the basis of payback periods.
 */
export function cumulativeMargin(
	params: CohortParams,
	classes: RetentionClasses,
	ageDays: number,
	stepsPerDay: number
): number {
	const steps = Math.floor(ageDays * stepsPerDay);
	return params.orderValue * params.margin * (1 + expectedRepeatOrders(classes, steps, 1));
}

/** Days after the first order that young customers are followed apart (ages 0 … YOUNG_DAYS). */
export const YOUNG_DAYS = 28;
/** Tranches per segment: one per acquisition day of age 0 … YOUNG_DAYS, in a ring. */
export const YOUNG_RING = YOUNG_DAYS + 1;

/** Tenure band of a customer `age` days after the first order: 0 = days 0–7, 1 = 8–14, 2 = 15–28. */
export function tenureBand(age: number): number {
	return age <= 7 ? 0 : age <= 14 ? 1 : 2;
}

/**
 * One step of a segment's young customers on day `day`: tranches [YOUNG_RING · CLASSES] at
 * `offset`, the tranche acquired on day a at ring index a mod YOUNG_RING. Survivors decay as in
 * `agePools`; the expected repeat orders of each tenure band are written to
 * `bands[bandAt … bandAt + TENURE_BANDS)`. Keeping the young apart is what lets the order data report
 * early behaviour by tenure (an LTV model's inputs) with the same dynamics as the mature pools.
 */
export function ageYoungPools(
	young: Float64Array,
	offset: number,
	classes: RetentionClasses,
	day: number,
	bands: Float64Array,
	bandAt: number
): void {
	bands.fill(0, bandAt, bandAt + TENURE_BANDS);
	const today = day % YOUNG_RING;
	for (let age = 0; age < YOUNG_RING && age <= day; age++) {
		const slot = today >= age ? today - age : today - age + YOUNG_RING;
		const base = offset + slot * CLASSES;
		let active = 0;
		for (let j = 0; j < CLASSES; j++) {
			const n = young[base + j] * classes.keep[j];
			young[base + j] = n;
			active += n;
		}
		bands[bandAt + tenureBand(age)] += active * classes.ordersPerStep;
	}
}

/**
 * At the start of day `day`: the tranche acquired YOUNG_RING days ago has left the early window,
 * so it joins the segment's mature pools and its ring slot is cleared for today's customers.
 */
export function matureYoungPools(
	young: Float64Array,
	youngOffset: number,
	pools: Float64Array,
	poolOffset: number,
	day: number
): void {
	const base = youngOffset + (day % YOUNG_RING) * CLASSES;
	for (let j = 0; j < CLASSES; j++) {
		pools[poolOffset + j] += young[base + j];
		young[base + j] = 0;
	}
}
