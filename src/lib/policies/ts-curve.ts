/**
 * Marginal-ROI Thompson sampling on response curves ("ts-curve").
 *
 * A Bayesian model of each channel's saturating response, fitted online from what a business
 * really observes — its own new customers per segment, and the platforms' spend, impressions
 * and reach — never from attributed conversions, so neither last click nor platform
 * over-claiming biases it. Per day d:
 *
 *   customers[s,d] = demand[d] · (base_s + Σ_c A[c,s] · hill(adstock_c(frequency[c,s])[d]; K_c))
 *
 * per audience segment s, with frequency = impressions / audience (audience from reach, see
 * delivery.ts), as in Meridian's reach-and-frequency channels, and a demand index (weekday,
 * trend, season) scaling base and media alike. Given each channel's carry-over and
 * half-saturation the model is linear in the amplitudes, with a Gaussian posterior per segment
 * (bayes-linear.ts); shapes and demand are refitted every few weeks (response-model.ts). Each day the policy draws A from the posterior, maps budgets to frequency
 * through each channel's fitted cost curve, and splits the budget by equalising the drawn
 * marginal returns (allocate.ts) — exploration comes from the draws, and shrinks as they agree.
 */
import { createStream, streamFromState, type Rng } from '../sim/random';
import { splitBudget } from './allocate';
import {
	addObservation,
	combinationSd,
	posterior,
	sampleCoefficients,
	type Posterior
} from './bayes-linear';
import { rotateByClickRate } from './creative-rotation';
import { fitResponseModel } from './response-fit';
import { createPolicyDriftWatch } from './drift-watch';
import { costGrid, COST_WINDOW, gridValues, type CostGrid, type GridValues } from './cost-grid';
import { extendDeliveryLog, impressionsFor, type DeliveryLog } from './delivery';
import { conversionValue } from './observe';
import { emptyDecision, type Decision, type Policy, type PolicyView } from './policy';
import {
	advanceAdstock,
	demandIndex,
	demandLift,
	extendDayCache,
	isPromotion,
	learnEventLift,
	saturation,
	segmentOutcome,
	unitFrequencies,
	type DayCache,
	type ResponseModel
} from './response-model';
import * as pm from '../sim/portable-math';

export interface TsCurveConfig {
	kind: 'ts-curve';
	/** Seed of the policy's own random stream (posterior draws). */
	seed?: number;
	/** Daily forgetting factor for old evidence, 0.9–1 (1 = stationary market). */
	forgetting?: number;
	/**
	 * Days between refits of demand and amplitudes (default 28). Shapes (carry-over, saturation)
	 * are searched on the first fit only: later searches did not change results on dtc-default.
	 */
	refitEvery?: number;
	/** Spread of the posterior draws relative to the posterior (1 = Thompson sampling; < 1 explores less). */
	temperature?: number;
	/** Decision cadence ('day' or 'week'). */
	cadence?: 'day' | 'week';
	/**
	 * Run a weekly KS drift check (drift-watch.ts) on the model's one-step-ahead residuals of
	 * daily customers — computed from observables only — and, when it fires, refit at once with
	 * the evidence from before the alert down-weighted by DRIFT_DISCOUNT and tag the next
	 * decision 'drift' (default false). Residuals are not saved state: after setState the check
	 * waits until new ones fill its windows.
	 */
	refitOnDrift?: boolean;
}

/** Weight of evidence from before a drift alert, relative to after it. */
export const DRIFT_DISCOUNT = 0.1;
/** Days before the alert kept at full weight (the shift lies somewhere in the checked window). */
const DRIFT_KEEP_DAYS = 14;

export interface TsCurveState {
	/** The fitted model (shapes, demand, posterior statistics, running adstock). */
	model: ResponseModel | null;
	/** Refits done. */
	refits: number;
	rng: number[];
	/** With refitOnDrift: the drift reference window's start and the day before which evidence is discounted (trace days). */
	drift?: { referenceStart: number | null; discountBefore: number | null; pending: boolean };
}

export function createTsCurve(config: TsCurveConfig = { kind: 'ts-curve' }): Policy<TsCurveState> {
	const forgetting = config.forgetting ?? 0.997;
	const refitEvery = config.refitEvery ?? 28;
	const temperature = config.temperature ?? 1;
	let rng: Rng = createStream(config.seed ?? 1, 7);
	let model: ResponseModel | null = null;
	let refits = 0;
	// The model's per-day inputs, read once from the observables (derived, not saved state).
	let days: DayCache | null = null;
	// Cost curves move slowly: refit them weekly (they are derived data, not saved state).
	let cached: { day: number; delivery: CostGrid } | null = null;
	// Each completed day's delivery per unit, read once for the sliding cost windows (derived).
	let deliveryLog: DeliveryLog | null = null;
	let watch = config.refitOnDrift ? createPolicyDriftWatch() : null;
	let discountBefore: number | null = null;
	// One-step-ahead log residual log((observed + 1) / (predicted + 1)) of each learned day's
	// customers (NaN where not learned incrementally): what the drift watch tests. Raw
	// observables (CPMs, customers) move with the policy's own reallocation and the seasons.
	let residuals = new Float64Array(0);
	// A drift refit happened since the last decision: tag the next one.
	let driftPending = false;
	// Buffers of the daily budget-grid evaluation, reused from day to day.
	let curves: GridValues | null = null;

	const valueOf = (view: PolicyView, s: number) =>
		view.objective === 'clicks' ? 1 : conversionValue(view, s);

	/** Learn the completed days not yet seen, incrementally with the current shapes and demand. */
	function learn(view: PolicyView, m: ResponseModel): void {
		const { C, S } = view.layout;
		const x = new Float64Array(1 + C);
		const frequency = new Float64Array(C * S);
		for (let d = m.learnedThrough + 1; d < view.day; d++) {
			unitFrequencies(view, d, m.audience, frequency);
			const demand = demandIndex(m, view, d);
			const effects = new Float64Array(C * S);
			for (let u = 0; u < C * S; u++) {
				const c = Math.floor(u / S);
				effects[u] = saturation(
					advanceAdstock(m.adstock, 2 * u, m.carry[c], frequency[u]),
					m.halfSaturation[c]
				);
			}
			if (isPromotion(view, d)) {
				// Learn the promotion's lift from how the day's customers beat the prediction without it.
				let observed = 0;
				let predicted = 0;
				for (let s = 0; s < S; s++) {
					const mean = posterior(m.regressions[s]).mean;
					let level = mean[0];
					for (let c = 0; c < C; c++) level += mean[1 + c] * effects[c * S + s];
					observed += segmentOutcome(view, d, s);
					predicted += (demand / demandLift(m)) * level;
				}
				if (observed > 0 && predicted > 0) learnEventLift(m, pm.log(observed / predicted));
			}
			if (watch) {
				if (residuals.length < view.days) {
					const grown = new Float64Array(view.days).fill(NaN);
					grown.set(residuals);
					residuals = grown;
				}
				let observed = 0;
				let predicted = 0;
				for (let s = 0; s < S; s++) {
					const mean = posterior(m.regressions[s]).mean;
					let level = mean[0] * demand;
					for (let c = 0; c < C; c++) level += mean[1 + c] * demand * effects[c * S + s];
					observed += segmentOutcome(view, d, s);
					predicted += Math.max(0, level);
				}
				residuals[d] = pm.log((observed + 1) / (predicted + 1));
			}
			for (let s = 0; s < S; s++) {
				x[0] = demand;
				for (let c = 0; c < C; c++) x[1 + c] = demand * effects[c * S + s];
				const reg = m.regressions[s];
				for (let i = 0; i < reg.xtx.length; i++) reg.xtx[i] *= forgetting;
				for (let i = 0; i < reg.xty.length; i++) reg.xty[i] *= forgetting;
				reg.yty *= forgetting;
				reg.n *= forgetting;
				addObservation(reg, x, segmentOutcome(view, d, s));
			}
			m.learnedThrough = d;
		}
	}

	/**
	 * Per segment, the saturation reached by budget b on channel c: response[s] = hill(frequency)
	 * (the segment's customers per unit of amplitude). Returns `out`.
	 */
	function segmentResponses(
		view: PolicyView,
		m: ResponseModel,
		dl: CostGrid,
		c: number,
		b: number,
		out: Float64Array
	): Float64Array {
		const { S } = view.layout;
		for (let s = 0; s < S; s++) {
			const u = c * S + s;
			const cost = dl.cost[u];
			out[s] =
				cost && m.audience[u] > 0
					? saturation(impressionsFor(cost, b * dl.share[u]) / m.audience[u], m.halfSaturation[c])
					: 0;
		}
		return out;
	}

	return {
		id: 'ts-curve',
		name: 'Thompson sampling on response curves',
		cadence: config.cadence ?? 'day',
		observe(view: PolicyView) {
			if (view.day < 14) return;
			const drifted =
				model !== null &&
				watch !== null &&
				watch.check(view, () => [{ name: 'model residual', values: residuals }]).length > 0;
			if (drifted) {
				discountBefore = view.day - DRIFT_KEEP_DAYS;
				driftPending = true;
			}
			if (!model || drifted || view.day - model.fittedOn >= refitEvery) {
				days = extendDayCache(view, days);
				const discount =
					discountBefore === null ? undefined : { before: discountBefore, factor: DRIFT_DISCOUNT };
				model = fitResponseModel(view, forgetting, model, refits === 0, days, discount);
				refits++;
			} else learn(view, model);
		},
		decide(view: PolicyView): Decision {
			const { C, S } = view.layout;
			const decision = emptyDecision(view.layout);
			const channelBudget = new Float64Array(C);
			if (!model) {
				// Nothing to learn from yet: an even split.
				channelBudget.fill(view.dailyBudget / C);
				for (let c = 0; c < C; c++) decision.reasons[c].push('explore');
				rotateByClickRate(view, channelBudget, decision.spend);
				return decision;
			}
			const m = model;
			const posts: Posterior[] = m.regressions.map((reg) => posterior(reg));
			const draws = posts.map((post) => {
				const draw = sampleCoefficients(post, rng);
				for (let i = 0; i < draw.length; i++)
					draw[i] = post.mean[i] + temperature * (draw[i] - post.mean[i]);
				return draw;
			});
			const means = posts.map((post) => post.mean);
			if (
				!cached ||
				view.day - cached.day >= 7 ||
				view.day < cached.day ||
				cached.delivery.budget !== view.dailyBudget
			) {
				deliveryLog = extendDeliveryLog(view, deliveryLog, view.day - COST_WINDOW);
				cached = { day: view.day, delivery: costGrid(view, deliveryLog) };
			}
			const dl = cached.delivery;
			const grid = dl.grid;
			const demand = demandIndex(m, view, view.day);
			const profit = view.objective === 'ltv-profit';
			curves = gridValues(view, m, dl, draws, means, demand, curves);
			const { drawn, expected } = curves;
			const grids = Array.from({ length: C }, () => grid);
			const split = splitBudget(
				{ grids, values: drawn },
				{ budget: view.dailyBudget, stopAtZero: profit }
			);
			const greedy = splitBudget(
				{ grids, values: expected },
				{ budget: view.dailyBudget, stopAtZero: profit }
			);
			const before = new Float64Array(S);
			const after = new Float64Array(S);
			const gradient = new Float64Array(1 + C);
			for (let c = 0; c < C; c++) {
				const b = split.budget[c];
				channelBudget[c] = b;
				// The posterior-mean marginal value of the next dollar at the chosen budget, ± its sd
				// (amplitudes of different segments are independent a posteriori).
				segmentResponses(view, m, dl, c, b, before);
				segmentResponses(view, m, dl, c, b + 1, after);
				let marginal = 0;
				let variance = 0;
				for (let s = 0; s < S; s++) {
					const slope = demand * valueOf(view, s) * (after[s] - before[s]);
					marginal += slope * Math.max(0, means[s][1 + c]);
					gradient.fill(0);
					gradient[1 + c] = slope;
					variance += combinationSd(posts[s], gradient) ** 2;
				}
				decision.marginalReturn[c] = marginal;
				decision.uncertainty[c] = Math.sqrt(variance);
				const moved =
					Math.abs(b - greedy.budget[c]) >
					0.2 * Math.max(greedy.budget[c], view.dailyBudget / (4 * C));
				decision.reasons[c].push(moved ? 'explore' : 'exploit');
				if (profit && decision.marginalReturn[c] < 1.2) decision.reasons[c].push('saturation');
			}
			const fatigued = rotateByClickRate(view, channelBudget, decision.spend);
			for (const c of fatigued) decision.reasons[c].push('fatigue');
			if (driftPending) for (let c = 0; c < C; c++) decision.reasons[c].push('drift');
			driftPending = false;
			return decision;
		},
		getState(): TsCurveState {
			const drift = watch
				? { referenceStart: watch.referenceStart, discountBefore, pending: driftPending }
				: undefined;
			return JSON.parse(JSON.stringify({ model, refits, rng: rng.state(), drift }));
		},
		setState(saved: TsCurveState) {
			model = saved.model ? JSON.parse(JSON.stringify(saved.model)) : null;
			refits = saved.refits ?? 0;
			days = null;
			deliveryLog = null;
			rng = streamFromState(saved.rng);
			if (config.refitOnDrift) watch = createPolicyDriftWatch(saved.drift?.referenceStart ?? null);
			discountBefore = saved.drift?.discountBefore ?? null;
			driftPending = saved.drift?.pending ?? false;
		}
	};
}
