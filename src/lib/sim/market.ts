/**
 * The market: one step (a day, or a slot of a day) at a time, deterministic from its seed.
 *
 * Per channel × segment each step: the channel's budget buys impressions in a second-price
 * auction (rising marginal cost, capped by bid and frequency caps), creatives share them and
 * wear out, effective exposure carries over (adstock), saturates (Hill) into incremental
 * conversion intent, which converts after a lag and creates halo demand for lower-funnel
 * channels. Organic baseline conversions happen regardless. Last-click attribution, platform
 * over-claiming and cohort repeat revenue turn this into what a marketer sees.
 *
 * The loop runs on preallocated typed arrays and allocates nothing per step. Random draws:
 * stream 0 = daily demand shock, 1 = observation noise, 2 = creative refreshes; the number of
 * draws per step does not depend on the allocation (common random numbers across policies).
 * Observed tallies are drawn where platforms and sites count them: clicks and platform
 * conversions per channel × creative, last-click conversions per channel × segment, direct
 * conversions and repeat orders per segment.
 */
import { winsAtBid } from './auction';
import { binomialFromUniform } from './binomial';
import {
	addCustomers,
	agePools,
	ageYoungPools,
	CLASSES,
	matureYoungPools,
	YOUNG_RING
} from './cohort';
import { compile, type MarketParams } from './compile';
import { HILL_TABLE_SIZE, hillFromTable } from './hill';
import { fastNormalCdf, fastNormalQuantile } from './normal';
import { createStream, normal, poissonFromUniform, streamFromState, type Rng } from './random';
import { applyShift, type Scenario } from './scenario';
import {
	createTrace,
	observableWidths,
	TENURE_BANDS,
	truthWidths,
	widthOf,
	type Trace
} from './trace';
import * as pm from './portable-math';

/** What to do to a creative slot this step. */
export const CREATIVE_OP = {
	none: 0,
	/** Start a reserve creative (fresh, unfatigued). */
	launch: 1,
	/** Stop serving it (its spend is not used). */
	pause: 2,
	/** Replace it by a new creative of random quality, fresh and active. */
	refresh: 3
} as const;

/** The controls applied for one step. Reused across steps: fill it, step, fill again. */
export interface MarketAction {
	/** Budget offered per channel × creative slot this step, currency units (≥ 0). */
	spend: Float64Array;
	/** Maximum bid per channel, CPM (Infinity = no cap). */
	bidCap: Float64Array;
	/** Maximum average impressions per audience member per day, per channel (Infinity = no cap). */
	frequencyCap: Float64Array;
	/** Targeting weights per channel × segment (1 = the platform's default delivery). */
	segmentTilt: Float64Array;
	/** 1 = exclude brand-unsafe inventory on this channel. */
	excludeUnsafe: Uint8Array;
	/** 1 = suppress existing customers from this channel's audience. */
	suppressExisting: Uint8Array;
	/** CREATIVE_OP per channel × creative slot, applied before delivery, then reset by the caller. */
	creativeOps: Uint8Array;
}

/** An action that does nothing: no spend, no caps, default targeting. */
export function createAction(p: Pick<MarketParams, 'C' | 'K' | 'S'>): MarketAction {
	return {
		spend: new Float64Array(p.C * p.K),
		bidCap: new Float64Array(p.C).fill(Infinity),
		frequencyCap: new Float64Array(p.C).fill(Infinity),
		segmentTilt: new Float64Array(p.C * p.S).fill(1),
		excludeUnsafe: new Uint8Array(p.C),
		suppressExisting: new Uint8Array(p.C),
		creativeOps: new Uint8Array(p.C * p.K)
	};
}

/** Refreshed-creative qualities drawn per slot in advance (a slot refreshed more often wraps). */
const REFRESH_DRAWS = 64;
/** Adstock stages kept per channel × segment (1 geometric + up to 3 delay stages). */
const STAGES = 4;

/** A market's state and streams at one moment (see `Market.snapshot`). */
export interface MarketSnapshot {
	state: MarketState;
	scenario: Scenario;
	params: MarketParams;
	demandRng: number[];
	observeRng: number[];
	tenureRng: number[];
	daysDone: number;
}

/** The market's evolving state: plain typed arrays (serializable). */
export interface MarketState {
	/** Steps done. */
	step: number;
	/** Today's demand multiplier including the shock. */
	demandToday: number;
	/** Adstock stocks [C·S·4]. */
	adstock: Float64Array;
	/** Conversion intent not yet converted [C·S]. */
	pending: Float64Array;
	/** Halo stock per upper-funnel channel × segment [C·S]. */
	halo: Float64Array;
	/** Halo conversions of the previous step per segment [S] (drives lower-funnel volume). */
	haloFlow: Float64Array;
	/** Creative exposure stock per cell [C·K·S]. */
	exposure: Float64Array;
	/** Live creative attributes per slot [C·K]. */
	quality: Float64Array;
	ctrIndex: Float64Array;
	active: Uint8Array;
	refreshCount: Uint16Array;
	/** Share of each channel's spend per creative slot in the last step [C·K]. */
	creativeShare: Float64Array;
	/** Active customers per segment × retention class, past their first YOUNG_DAYS [S·CLASSES]. */
	pools: Float64Array;
	/** Young active customers per segment × acquisition day (ring, cohort.ts) × class [S·YOUNG_RING·CLASSES]. */
	young: Float64Array;
}

export class Market {
	/** The scenario as it stands now (regime shifts applied). */
	scenario: Scenario;
	params: MarketParams;
	readonly state: MarketState;
	readonly trace: Trace;
	private readonly demandRng: Rng;
	/** Splits sampled repeat orders over tenure bands (its own stream: the others draw as before). */
	private readonly tenureRng: Rng;
	/** Expected repeat orders of young customers per segment × tenure band this step [S·TENURE_BANDS]. */
	private readonly earlyLambda: Float64Array;
	private readonly observeRng: Rng;
	private readonly refreshQuality: Float64Array;
	// scratch, per step
	private readonly incCs: Float64Array;
	private readonly directCs: Float64Array;
	private readonly reachCs: Float64Array;
	/** 1 / total effective exposure per channel × segment this step (0 when none). */
	private readonly csEffect: Float64Array;
	private readonly cellEffect: Float64Array;
	private readonly haloNext: Float64Array;
	private readonly haloRatio: Float64Array;
	/** Expected value of every observed tally this step, then its sampled count. */
	private readonly lambda: Float64Array;
	private readonly lambdaValue: Float64Array;
	private readonly counts: Float64Array;

	constructor(scenario: Scenario, seed: number = scenario.seed, days: number = scenario.days) {
		this.scenario = days === scenario.days ? scenario : { ...scenario, days };
		this.params = compile(this.scenario);
		const { C, K, S } = this.params;
		this.demandRng = createStream(seed, 0);
		this.tenureRng = createStream(seed, 3);
		this.observeRng = createStream(seed, 1);
		const creativeRng = createStream(seed, 2);
		this.refreshQuality = new Float64Array(C * K * REFRESH_DRAWS);
		for (let ck = 0; ck < C * K; ck++) {
			const sd = this.params.refreshQualitySd[Math.floor(ck / K)];
			for (let n = 0; n < REFRESH_DRAWS; n++) {
				this.refreshQuality[ck * REFRESH_DRAWS + n] = Math.max(0.2, 1 + sd * normal(creativeRng));
			}
		}
		const p = this.params;
		this.state = {
			step: 0,
			demandToday: 1,
			adstock: new Float64Array(C * S * STAGES),
			pending: new Float64Array(C * S),
			halo: new Float64Array(C * S),
			haloFlow: new Float64Array(S),
			exposure: new Float64Array(C * K * S),
			quality: Float64Array.from(p.quality),
			ctrIndex: Float64Array.from(p.ctrIndex),
			active: Uint8Array.from(p.creativeActive),
			refreshCount: new Uint16Array(C * K),
			creativeShare: new Float64Array(C * K),
			pools: new Float64Array(S * CLASSES),
			young: new Float64Array(S * YOUNG_RING * CLASSES)
		};
		for (let c = 0; c < C; c++) {
			let n = 0;
			for (let k = 0; k < K; k++) n += this.state.active[c * K + k];
			for (let k = 0; k < K; k++)
				this.state.creativeShare[c * K + k] = this.state.active[c * K + k] / n;
		}
		this.incCs = new Float64Array(C * S);
		this.directCs = new Float64Array(C * S);
		this.reachCs = new Float64Array(C * S);
		this.csEffect = new Float64Array(C * S);
		this.cellEffect = new Float64Array(C * K * S);
		// Tallies: clicks [C·K], platform conversions [C·K], last-click [C·S], direct [S], repeat [S].
		this.lambda = new Float64Array(2 * C * K + C * S + 2 * S);
		this.earlyLambda = new Float64Array(S * TENURE_BANDS);
		this.lambdaValue = new Float64Array(C * K);
		this.counts = new Float64Array(this.lambda.length);
		this.haloNext = new Float64Array(S);
		this.haloRatio = new Float64Array(S);
		this.trace = createTrace(
			{ days: this.params.days, C, K, S },
			{
				channelIds: this.scenario.channels.map((c) => c.id),
				segmentIds: this.scenario.segments.map((s) => s.id),
				creativeIds: this.scenario.channels.flatMap((c) =>
					Array.from({ length: K }, (_, k) => c.creatives[k]?.id ?? '')
				)
			}
		);
	}

	/**
	 * An independent copy of the market as it stands: state, record and random streams. Runs
	 * that share a past (the pilot's history) simulate it once and clone it for each policy;
	 * the copy then evolves exactly as the original would have.
	 */
	clone(): Market {
		const copy = Object.create(Market.prototype) as Market;
		const copyArrays = <T extends object>(source: T): T => {
			const out = { ...source } as Record<string, unknown>;
			for (const [key, value] of Object.entries(source)) {
				if (ArrayBuffer.isView(value)) out[key] = (value as Float64Array).slice();
			}
			return out as T;
		};
		const self = copy as unknown as Record<string, unknown>;
		self.scenario = this.scenario;
		self.params = this.params; // immutable once compiled (regime shifts replace it)
		self.state = copyArrays(this.state);
		self.trace = {
			...this.trace,
			observables: copyArrays(this.trace.observables),
			truth: copyArrays(this.trace.truth)
		};
		self.demandRng = streamFromState(this.demandRng.state());
		self.tenureRng = streamFromState(this.tenureRng.state());
		self.observeRng = streamFromState(this.observeRng.state());
		self.refreshQuality = this.refreshQuality;
		for (const key of [
			'incCs',
			'directCs',
			'reachCs',
			'csEffect',
			'cellEffect',
			'haloNext',
			'haloRatio',
			'lambda',
			'lambdaValue',
			'counts',
			'earlyLambda'
		] as const) {
			self[key] = this[key].slice();
		}
		return copy;
	}

	/** The evolving part of the market (state and random streams), to `restore` later. */
	snapshot(): MarketSnapshot {
		const state = {} as Record<string, unknown>;
		for (const [key, value] of Object.entries(this.state)) {
			state[key] = ArrayBuffer.isView(value) ? (value as Float64Array).slice() : value;
		}
		return {
			state: state as unknown as MarketState,
			scenario: this.scenario,
			params: this.params,
			demandRng: this.demandRng.state(),
			tenureRng: this.tenureRng.state(),
			observeRng: this.observeRng.state(),
			daysDone: this.trace.daysDone
		};
	}

	/**
	 * Return to a snapshot taken on this market: state and streams restored, and every trace day
	 * after it cleared. Runs that share a past (a seed's history) reuse one market this way, one
	 * after another, instead of copying its record for each.
	 */
	restore(snap: MarketSnapshot): void {
		for (const [key, value] of Object.entries(snap.state)) {
			const target = (this.state as unknown as Record<string, unknown>)[key];
			if (ArrayBuffer.isView(value)) (target as Float64Array).set(value as Float64Array);
			else (this.state as unknown as Record<string, unknown>)[key] = value;
		}
		this.scenario = snap.scenario;
		this.params = snap.params;
		const self = this as unknown as Record<string, Rng>;
		self.demandRng = streamFromState(snap.demandRng);
		self.tenureRng = streamFromState(snap.tenureRng);
		self.observeRng = streamFromState(snap.observeRng);
		const from = snap.daysDone;
		const { trace } = this;
		for (const [key, series] of [
			...Object.entries(trace.observables),
			...Object.entries(trace.truth)
		]) {
			const kind =
				key in observableWidths
					? observableWidths[key as keyof typeof observableWidths]
					: truthWidths[key as keyof typeof truthWidths];
			series.fill(0, from * widthOf(kind, trace));
		}
		trace.daysDone = from;
	}

	/** Day index of the next step. */
	get day(): number {
		return Math.floor(this.state.step / this.params.stepsPerDay);
	}

	/** Whether the horizon is done. */
	get done(): boolean {
		return this.state.step >= this.params.days * this.params.stepsPerDay;
	}

	/** Simulate one step under `action`, recording into `trace`. */
	step(action: MarketAction): void {
		if (this.done) throw new Error('The market has reached the end of its horizon.');
		const st = this.state;
		const SP = this.params.stepsPerDay;
		const d = Math.floor(st.step / SP);
		const slot = st.step - d * SP;
		if (slot === 0) this.startDay(d);
		const p = this.params;
		this.lambda.fill(0, 0, 2 * p.C * p.K);
		this.lambdaValue.fill(0);
		this.applyCreativeOps(action.creativeOps);
		for (let s = 0; s < p.S; s++) {
			this.haloRatio[s] = p.baselinePerDay[s] > 0 ? (st.haloFlow[s] * SP) / p.baselinePerDay[s] : 0;
			this.haloNext[s] = 0;
		}
		this.deliver(action, d, slot);
		this.report(d);
		// Sample every tally: one uniform each, a fixed number per step.
		const { counts, lambda } = this;
		const rng = this.observeRng;
		for (let i = 0; i < counts.length; i++) counts[i] = poissonFromUniform(rng.next(), lambda[i]);
		this.record(d);
		st.step++;
		if (slot === SP - 1) this.trace.daysDone = d + 1;
	}

	/** Phase 2 of a step — the expected count of every observed tally, per segment. */
	private report(d: number): void {
		const p = this.params;
		const { C, K, S } = p;
		const CK = C * K;
		const { lambda, lambdaValue, incCs, directCs, reachCs, csEffect, cellEffect } = this;
		const { lastTouchWeight, platformClaim } = p;
		const demandStep = this.state.demandToday / p.stepsPerDay;
		const lastClickAt = 2 * CK;
		const directAt = lastClickAt + C * S;
		const repeatAt = directAt + S;
		for (let s = 0; s < S; s++) {
			const baseline = p.baselinePerDay[s] * demandStep;
			let total = baseline;
			let touch = p.directWeight;
			for (let c = 0; c < C; c++) {
				total += incCs[c * S + s];
				touch += lastTouchWeight[c] * reachCs[c * S + s];
			}
			const value = p.orderValue[s];
			for (let c = 0; c < C; c++) {
				const cs = c * S + s;
				lambda[lastClickAt + cs] = ((lastTouchWeight[c] * reachCs[cs]) / touch) * total;
				// Platforms claim their own effect plus converters they merely reached (view-through),
				// credited to creatives by their share of the effective exposure.
				const claimed = directCs[cs] + platformClaim[c] * reachCs[cs] * (total - directCs[cs]);
				const perEffect = csEffect[cs];
				if (perEffect > 0) {
					for (let k = 0; k < K; k++) {
						const ck = c * K + k;
						const part = claimed * cellEffect[ck * S + s] * perEffect;
						lambda[CK + ck] += part;
						lambdaValue[ck] += part * value;
					}
				}
			}
			lambda[directAt + s] = (p.directWeight / touch) * total;
			const early = this.earlyLambda;
			const at = s * TENURE_BANDS;
			ageYoungPools(this.state.young, s * YOUNG_RING * CLASSES, p.retention[s], d, early, at);
			let repeats = agePools(this.state.pools, s * CLASSES, p.retention[s]);
			for (let b = 0; b < TENURE_BANDS; b++) repeats += early[at + b];
			lambda[repeatAt + s] = repeats;
			this.trace.truth.baselineConversions[d * S + s] += baseline;
			this.state.haloFlow[s] = this.haloNext[s];
		}
	}

	/** Phase 3 of a step — add the sampled tallies to the day's observables. */
	private record(d: number): void {
		const p = this.params;
		const { C, K, S } = p;
		const CK = C * K;
		const obs = this.trace.observables;
		const { counts, lambda, lambdaValue } = this;
		const lastClickAt = 2 * CK;
		const directAt = lastClickAt + C * S;
		const repeatAt = directAt + S;
		const ckBase = d * CK;
		const csBase = d * C * S;
		for (let ck = 0; ck < CK; ck++) {
			obs.clicks[ckBase + ck] += counts[ck];
			const claimed = counts[CK + ck];
			obs.platformConversions[ckBase + ck] += claimed;
			if (claimed > 0)
				obs.platformRevenue[ckBase + ck] += (claimed * lambdaValue[ck]) / lambda[CK + ck];
		}
		for (let s = 0; s < S; s++) {
			const value = p.orderValue[s];
			let newCustomers = counts[directAt + s];
			for (let c = 0; c < C; c++) {
				const credited = counts[lastClickAt + c * S + s];
				newCustomers += credited;
				obs.lastClickConversions[csBase + c * S + s] += credited;
				obs.lastClickRevenue[csBase + c * S + s] += credited * value;
			}
			obs.directConversions[d * S + s] += counts[directAt + s];
			obs.newCustomers[d * S + s] += newCustomers;
			obs.firstOrderRevenue[d * S + s] += newCustomers * value;
			const repeats = counts[repeatAt + s];
			obs.repeatRevenue[d * S + s] += repeats * value;
			// Which tenure band placed the orders: a Poisson total split binomially in proportion to
			// the bands' expected orders gives each band its own Poisson count.
			let left = repeats;
			let rate = lambda[repeatAt + s];
			// One uniform per band whatever the counts (common random numbers across runs).
			for (let b = 0; b < TENURE_BANDS; b++) {
				const u = this.tenureRng.next();
				const band = this.earlyLambda[s * TENURE_BANDS + b];
				const n = rate > 0 && left > 0 ? binomialFromUniform(u, left, band / rate) : 0;
				obs.earlyRepeatOrders[(d * S + s) * TENURE_BANDS + b] += n;
				left -= n;
				rate -= band;
			}
			const tranche = (s * YOUNG_RING + (d % YOUNG_RING)) * CLASSES;
			addCustomers(this.state.young, tranche, p.retention[s], newCustomers);
		}
	}

	/**
	 * Phase 1 of a step — delivery and true response, per channel × segment (no random draws).
	 * The hot loop of the whole engine: arrays are hoisted into locals and the auction
	 * (`runAuction`) and fatigue (`fatigueMultiplier`) formulas are written out inline and the
	 * Hill curve is tabulated (`hillFromTable`); market.test.ts checks the step against those
	 * reference functions.
	 */
	private deliver(action: MarketAction, d: number, slot: number): void {
		const p = this.params;
		const st = this.state;
		const { C, K, S } = p;
		const SP = p.stepsPerDay;
		const lastSlot = slot === SP - 1;
		const obsSpend = this.trace.observables.spend;
		const obsImpressions = this.trace.observables.impressions;
		const obsReach = this.trace.observables.reach;
		const obsUnsafe = this.trace.observables.unsafeImpressions;
		const truth = this.trace.truth;
		const tExposure = truth.exposure;
		const tInc = truth.incConversions;
		const tHalo = truth.haloConversions;
		const tRevenue = truth.incRevenue;
		const tLtvRevenue = truth.incLtvRevenue;
		const tLtvMargin = truth.incLtvMargin;
		const { spend, segmentTilt, bidCap, frequencyCap, suppressExisting, excludeUnsafe } = action;
		const { active, creativeShare, exposure, quality, ctrIndex, adstock, pending, halo } = st;
		const {
			audience: audience0,
			opportunities: opportunities0,
			creativeExists,
			fatigueRate,
			fatigueKeep
		} = p;
		const { propensity, cpmIndex, orderValue, ltvRevenue, ltvMargin, population } = p;
		const { haloReceptivity, haloStrength } = p;
		const lambda = this.lambda;
		const cellEffect = this.cellEffect;
		const csEffect = this.csEffect;
		const haloRatio = this.haloRatio;
		const haloNext = this.haloNext;
		const incCs = this.incCs;
		const directCs = this.directCs;
		const reachCs = this.reachCs;
		const cellBase = d * C * K * S;
		const csBase = d * C * S;
		const demandStep = st.demandToday / SP;
		const slotInv = p.slotInventory[slot];
		const slotCpm = p.slotCpm[slot] * p.cpmSeason[d];
		const haloKeep = p.haloKeep;
		const hillTables = p.hillTables;

		for (let c = 0; c < C; c++) {
			let spendC = 0;
			for (let k = 0; k < K; k++) {
				const ck = c * K + k;
				if (active[ck] && spend[ck] > 0) spendC += spend[ck];
			}
			if (spendC > 0) {
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					creativeShare[ck] = active[ck] && spend[ck] > 0 ? spend[ck] / spendC : 0;
				}
			}
			const suppress = suppressExisting[c] === 1;
			const exclude = excludeUnsafe[c] === 1;
			const audienceKeep = suppress ? 1 - p.existingShare[c] : 1;
			const inventoryKeep = audienceKeep * (exclude ? 1 - p.unsafeShare[c] : 1);
			const effectiveKeep = suppress ? 1 : 1 - p.existingShare[c];
			let tiltSum = 0;
			for (let s = 0; s < S; s++)
				tiltSum += opportunities0[c * S + s] * Math.max(0, segmentTilt[c * S + s]);
			const spread = p.spread[c];
			const bid = bidCap[c];
			const cap = frequencyCap[c];
			const decay = p.decay[c];
			const stages = p.delayStages[c];
			const averageCpm = p.medianCpm[c] * p.meanCpmFactor[c] * slotCpm;
			const ctr = p.ctr[c];
			const halfSaturation = p.halfSaturation[c];
			const slope = p.slope[c];
			const hillAt = c * (HILL_TABLE_SIZE + 1);
			const maxRate = p.maxConversionRate[c];
			const release = p.release[c];
			const strength = haloStrength[c];
			let unsafe = 0;

			for (let s = 0; s < S; s++) {
				const cs = c * S + s;
				const volume = 1 + haloReceptivity[c] * haloRatio[s];
				const audience = audience0[cs] * volume * audienceKeep;
				const perUser = audience > 0 ? 1 / audience : 0;
				const opportunities = opportunities0[cs] * volume * inventoryKeep * slotInv;
				const budget =
					tiltSum > 0 ? (spendC * opportunities0[cs] * Math.max(0, segmentTilt[cs])) / tiltSum : 0;

				// Auction (see runAuction): share of impressions won for the share of value spent.
				let impressions = 0;
				let paid = 0;
				if (budget > 0 && opportunities > 0) {
					// A bid cap wins what competing bids below it offer, at this segment's and slot's prices.
					let maxWin =
						bid === Infinity ? 1 : winsAtBid(bid, p.medianCpm[c] * cpmIndex[s] * slotCpm, spread);
					if (cap !== Infinity) {
						const capWin = (audience * cap * slotInv) / opportunities;
						if (capWin < maxWin) maxWin = capWin;
					}
					const inventoryValue = (opportunities * averageCpm * cpmIndex[s]) / 1000;
					let spendShare = budget / inventoryValue;
					let won = spendShare >= 1 ? 1 : fastNormalCdf(fastNormalQuantile(spendShare) + spread);
					if (won > maxWin) {
						won = maxWin;
						spendShare = won <= 0 ? 0 : fastNormalCdf(fastNormalQuantile(won) - spread);
					}
					impressions = won * opportunities;
					paid = spendShare >= 1 ? inventoryValue : spendShare * inventoryValue;
					if (paid > budget) paid = budget;
				}
				unsafe += impressions;

				// Creatives share the impressions in proportion to their budgets; fatigue
				// 1 / (1 + rate · exposure stock) dampens their clicks and effect.
				let effective = 0;
				const clickBase = ctr * propensity[s];
				for (let k = 0; k < K; k++) {
					const ck = c * K + k;
					if (creativeExists[ck] === 0) continue;
					const cell = ck * S + s;
					const shareK = creativeShare[ck];
					const shown = impressions * shareK;
					const fatigue = 1 / (1 + fatigueRate[ck] * exposure[cell]);
					const effect = shown * quality[ck] * fatigue;
					effective += effect;
					cellEffect[cell] = effect;
					lambda[ck] += shown * clickBase * ctrIndex[ck] * fatigue;
					const stock = exposure[cell] * fatigueKeep[ck] + shown * perUser;
					exposure[cell] = stock;
					obsSpend[cellBase + cell] += paid * shareK;
					obsImpressions[cellBase + cell] += shown;
					if (lastSlot) tExposure[cellBase + cell] = stock;
				}
				csEffect[cs] = effective > 0 ? 1 / effective : 0;

				// Carry-over: geometric stock, then optional normalised delay stages.
				const a = cs * STAGES;
				let stock = effective * effectiveKeep + decay * adstock[a];
				adstock[a] = stock;
				for (let j = 1; j <= stages; j++) {
					stock = (1 - decay) * stock + decay * adstock[a + j];
					adstock[a + j] = stock;
				}
				// Hill response of the frequency; steady state maps M impressions a day to M / audience.
				const frequency = SP * (1 - decay) * stock * perUser;
				const response = hillFromTable(frequency, halfSaturation, slope, hillTables, hillAt);
				const intent = audience * maxRate * propensity[s] * demandStep * response;
				const waiting = pending[cs] + intent;
				const direct = waiting * release;
				pending[cs] = waiting - direct;
				let haloConversions = 0;
				if (strength > 0) {
					const stockHalo = halo[cs] * haloKeep + strength * direct;
					haloConversions = (1 - haloKeep) * stockHalo;
					halo[cs] = stockHalo - haloConversions;
					haloNext[s] += haloConversions;
				}
				const incremental = direct + haloConversions;
				directCs[cs] = direct;
				incCs[cs] = incremental;
				// Users reached: exposures per user are overdispersed (NBD with shape 1, i.e.
				// geometric), so reach = N · x / (1 + x) at x impressions per user (see `reachOf`).
				const perDay = SP * impressions * perUser;
				const reached = (audience * perDay) / (1 + perDay);
				reachCs[cs] = reached / population[s];
				if (lastSlot) {
					if (SP === 1) obsReach[csBase + cs] = reached;
					else {
						let dayImpressions = 0;
						for (let k = 0; k < K; k++)
							dayImpressions += obsImpressions[cellBase + (c * K + k) * S + s];
						const dayFrequency = dayImpressions * perUser;
						obsReach[csBase + cs] = (audience * dayFrequency) / (1 + dayFrequency);
					}
				}
				tInc[csBase + cs] += incremental;
				tHalo[csBase + cs] += haloConversions;
				tRevenue[csBase + cs] += incremental * orderValue[s];
				tLtvRevenue[csBase + cs] += incremental * ltvRevenue[s];
				tLtvMargin[csBase + cs] += incremental * ltvMargin[s];
			}
			if (!exclude) obsUnsafe[d * C + c] += unsafe * p.unsafeShare[c];
		}
	}

	/** Apply regime shifts starting today and draw the day's demand shock. */
	private startDay(d: number): void {
		let shifted = false;
		for (const shift of this.scenario.regimeShifts) {
			if (shift.day === d) {
				this.scenario = applyShift(this.scenario, shift.path, shift.value);
				shifted = true;
			}
		}
		if (shifted) this.params = compile(this.scenario);
		const { S } = this.params;
		for (let s = 0; s < S; s++)
			matureYoungPools(
				this.state.young,
				s * YOUNG_RING * CLASSES,
				this.state.pools,
				s * CLASSES,
				d
			);
		const sd = this.params.demandSd;
		// Mean-one lognormal shock; always one draw per day (common random numbers).
		const z = normal(this.demandRng);
		this.state.demandToday = this.params.demand[d] * pm.exp(sd * z - 0.5 * sd * sd);
		this.trace.truth.demand[d] = this.state.demandToday;
	}

	private applyCreativeOps(ops: Uint8Array): void {
		const { S } = this.params;
		const st = this.state;
		for (let ck = 0; ck < ops.length; ck++) {
			const op = ops[ck];
			// Unknown codes are ignored, like a platform rejecting an invalid request.
			if (op === CREATIVE_OP.none || op > CREATIVE_OP.refresh || !this.params.creativeExists[ck])
				continue;
			if (op === CREATIVE_OP.pause) {
				st.active[ck] = 0;
				continue;
			}
			if (op === CREATIVE_OP.refresh) {
				const n = st.refreshCount[ck]++ % REFRESH_DRAWS;
				st.quality[ck] = this.refreshQuality[ck * REFRESH_DRAWS + n];
				st.ctrIndex[ck] = Math.sqrt(st.quality[ck]);
			}
			if (op === CREATIVE_OP.refresh || (op === CREATIVE_OP.launch && !st.active[ck])) {
				for (let s = 0; s < S; s++) st.exposure[ck * S + s] = 0;
			}
			st.active[ck] = 1;
		}
	}
}
