/**
 * A calibrated twin: a Marginal scenario whose channels answer spend as the fitted curves do,
 * with the fitted carry-over, base level, trend, yearly season and events, so an analyst can
 * pilot allocators on a market that behaves like theirs (and share it without the raw data).
 *
 * The simulator buys impressions in an auction and saturates on exposure per person; the twin
 * makes that chain linear (a narrow bid spread, deep inventory, no creative wear-out, no halo)
 * and then calibrates each channel's Hill half-saturation and maximum conversion rate on the
 * simulator's own true response (sim/response.ts), so its steady-state curve matches the fit's.
 * Whatever the data cannot tell (audience sizes, CTRs, LTV…) gets a default listed in `assumed`.
 */
import * as pm from '../../sim/portable-math';
import { Market } from '../../sim/market';
import { trueResponse } from '../../sim/response';
import { parseScenario, type ScenarioInput } from '../../sim/scenario';
import type { Dataset } from '../dataset';
import { hill } from '../../sim/hill';
import { spendToday } from './split';
import type { MmmFit, TwinResult } from './types';

const POPULATION = 10_000_000;
const REACH = 0.5;
const ORDER_VALUE = 60;
const DEFAULT_CPM = 10;

type ChannelInput = ScenarioInput['channels'][number];

const clamp = (x: number, lo: number, hi: number) =>
	Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : lo));

/** A scenario id from a channel id (the schema's id rule: letters, digits, - and _). */
const safeId = (id: string, i: number) => (/^[a-z0-9_-]+$/i.test(id) ? id : `channel-${i + 1}`);

/** Yearly amplitude and peak day of the fitted season (first harmonic of its log). */
function yearlySeason(fit: MmmFit): { amplitude: number; peakDay: number } {
	const season = fit.decomposition.baselineParts.find((part) => part.id === 'season');
	if (!season) return { amplitude: 0, peakDay: 0 };
	const t0 = Date.parse(`${fit.dates[0]}T00:00:00Z`);
	let a = 0;
	let b = 0;
	const T = fit.dates.length;
	for (let t = 0; t < T; t++) {
		const base = fit.decomposition.baseline[t];
		const level = base - season.values[t];
		if (!(base > 0 && level > 0)) continue;
		const day = (Date.parse(`${fit.dates[t]}T00:00:00Z`) - t0) / 86_400_000;
		const angle = (2 * Math.PI * day) / 365;
		const y = pm.log(base / level);
		a += (2 / T) * y * pm.cos(angle);
		b += (2 / T) * y * pm.sin(angle);
	}
	const amplitude = Math.sqrt(a * a + b * b);
	let peakDay = 0;
	let peak = -Infinity;
	for (let day = 0; day < 365; day++) {
		const angle = (2 * Math.PI * day) / 365;
		const value = a * pm.cos(angle) + b * pm.sin(angle);
		if (value > peak) {
			peak = value;
			peakDay = day;
		}
	}
	return { amplitude: clamp(amplitude, 0, 0.9), peakDay };
}

/** Trend per year from the fitted trend part (log slope between the first and last period). */
function trendPerYear(fit: MmmFit): number {
	const trend = fit.decomposition.baselineParts.find((part) => part.id === 'trend');
	const T = fit.dates.length;
	if (!trend || T < 2) return 0;
	const first = fit.decomposition.baseline[0];
	const last = fit.decomposition.baseline[T - 1];
	const lvl0 = first - trend.values[0];
	const lvl1 = last - trend.values[T - 1];
	if (!(first > 0 && last > 0 && lvl0 > 0 && lvl1 > 0)) return 0;
	const years = (T * fit.periodDays) / 365.25;
	const slope = (pm.log(first / lvl0) - pm.log(last / lvl1)) / -years;
	return clamp(pm.exp(slope) - 1, -0.5, 1);
}

/**
 * Turn a fit into a valid scenario v1 (parseScenario accepts it). `assumed` lists the field paths
 * set by default because the data cannot tell them.
 */
export function twinScenario(fit: MmmFit, dataset: Dataset): TwinResult {
	const D = fit.periodDays;
	const assumed = new Set<string>([
		'segments[0].population',
		'segments[0].margin',
		'segments[0].repeatOrdersPerMonth',
		'segments[0].retention',
		'noise.demandSd',
		'halo',
		'attribution'
	]);
	const valuePerKpi = fit.valuePerKpi;
	// Revenue KPI: conversions are revenue / order value; the order value itself is a default.
	const orderValue = fit.dataset.kpiKind === 'revenue' ? ORDER_VALUE : (valuePerKpi ?? ORDER_VALUE);
	if (fit.dataset.kpiKind === 'revenue' || valuePerKpi === null)
		assumed.add('segments[0].orderValue');
	const conversionsPerKpi = fit.dataset.kpiKind === 'revenue' ? 1 / orderValue : 1;
	const T = fit.dates.length;
	const baseLevel = fit.decomposition.baselineParts.find((part) => part.id === 'level');
	const basePerPeriod = baseLevel
		? baseLevel.values.reduce((a, b) => a + b, 0) / T
		: fit.decomposition.baseline.reduce((a, b) => a + b, 0) / T;
	const totalSpendPerDay = spendToday(fit) / D;
	const season = yearlySeason(fit);
	const lastDay = Date.parse(`${fit.dates[T - 1]}T00:00:00Z`) + D * 86_400_000;
	const channels: ChannelInput[] = fit.channels.map((ch, i) => {
		const source = dataset.channels.find((c) => c.id === ch.id);
		const impressions = source?.impressions?.reduce((a, b) => a + b, 0) ?? 0;
		const cpm =
			impressions > 0 && ch.totalSpend > 0 ? (1000 * ch.totalSpend) / impressions : DEFAULT_CPM;
		const id = safeId(ch.id, i);
		if (!(impressions > 0)) assumed.add(`channels[${id}].auction.medianCpm`);
		for (const field of ['reach', 'ctr', 'stage', 'lastTouchWeight', 'platformClaim']) {
			assumed.add(`channels[${id}].${field}`);
		}
		// Deep inventory: ten times the impressions of 3 × today's spend, so it never binds.
		const audience = POPULATION * REACH;
		const dailySpend = Math.max(ch.currentSpend / D, totalSpendPerDay / 100, 1);
		const impressionsPerUser = clamp((10 * 3 * dailySpend * 1000) / cpm / audience, 1e-6, 1e6);
		return {
			id,
			name: ch.name,
			stage: 'mid',
			historicalShare: Math.max(0, ch.spendShare),
			auction: { medianCpm: clamp(cpm, 0.01, 1e6), spread: 0.05 },
			impressionsPerUser,
			reach: [REACH],
			maxConversionRate: 1e-4,
			ctr: 0.01,
			hill: { halfSaturation: 1, slope: clamp(ch.curve.slope, 0.1, 5) },
			adstock: { decay: clamp(ch.curve.decay, 0, 0.99), delayStages: ch.curve.delayStages },
			lastTouchWeight: 1,
			platformClaim: 0.5,
			creatives: [{ id: 'main', name: 'Main creative', fatigueRate: 0, recoveryRate: 0.1 }]
		};
	});
	// Past events do not recur on known dates: the twin has none (the analyst can add them).
	if (dataset.events.length) assumed.add('events');
	const input: ScenarioInput = {
		version: 1,
		name: `Twin of ${fit.dataset.name}`.slice(0, 80),
		description: `Calibrated on ${T} ${fit.dataset.granularity === 'week' ? 'weeks' : 'days'} of ${fit.dataset.kpiName}: curves, carry-over, base level, trend and season from the MMM fit.`,
		seed: 1,
		days: 365,
		startDate: new Date(lastDay).toISOString().slice(0, 10),
		dailyBudget: Math.max(totalSpendPerDay, 1),
		history: { days: Math.min(730, T * D), flighting: 0.3 },
		seasonality: {
			weekly: [1, 1, 1, 1, 1, 1, 1],
			yearlyAmplitude: season.amplitude,
			yearlyPeakDay: (((season.peakDay - T * D) % 365) + 365) % 365,
			trendPerYear: trendPerYear(fit),
			cpmElasticity: 0
		},
		events: [],
		noise: { demandSd: 0.05 },
		halo: { decay: 0 },
		segments: [
			{
				id: 'customers',
				name: 'Customers',
				population: POPULATION,
				baselineConversions: Math.max(0, (basePerPeriod / D) * conversionsPerKpi),
				propensity: 1,
				orderValue,
				margin: 0.4,
				repeatOrdersPerMonth: 0.3,
				retention: { alpha: 1, beta: 4 }
			}
		],
		channels
	};
	if (fit.dataset.granularity === 'week') assumed.add('seasonality.weekly');
	calibrate(input, fit, conversionsPerKpi);
	const parsed = parseScenario(input);
	if (!parsed.ok) {
		throw new Error(
			`The twin is not a valid scenario: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`
		);
	}
	return { scenario: parsed.value, assumed: [...assumed].sort() };
}

/**
 * Match each channel's true steady-state response in the simulator to the fitted curve:
 * probe the draft at two spends, solve for the exposure per currency unit (k) and the draft's
 * ceiling, then set halfSaturation = k · K and scale maxConversionRate to the fitted ceiling.
 */
function calibrate(input: ScenarioInput, fit: MmmFit, conversionsPerKpi: number): void {
	const flat = {
		...input,
		events: [],
		seasonality: { ...input.seasonality!, yearlyAmplitude: 0, trendPerYear: 0 }
	};
	const parsed = parseScenario(flat);
	if (!parsed.ok) return;
	const market = new Market(parsed.value, 1, 1);
	const D = fit.periodDays;
	fit.channels.forEach((ch, c) => {
		const channel = input.channels[c];
		const n = channel.hill.slope;
		const K = ch.curve.halfSaturation / D;
		const s1 = Math.max(K / 4, 1e-6);
		const s2 = 4 * s1;
		const r1 = trueResponse(market, c, s1).conversions;
		const r2 = trueResponse(market, c, s2).conversions;
		if (!(r1 > 0 && r2 > r1) || !(ch.curve.maxResponse > 0)) {
			channel.maxConversionRate = 0;
			return;
		}
		// r1 / r2 = hill(k s1, 1, n) / hill(k s2, 1, n) grows with k: bisection on log k.
		const target = r1 / r2;
		let lo = -30;
		let hi = 30;
		for (let i = 0; i < 80; i++) {
			const mid = (lo + hi) / 2;
			const k = pm.exp(mid);
			if (hill(k * s1, 1, n) / hill(k * s2, 1, n) < target) lo = mid;
			else hi = mid;
		}
		const k = pm.exp((lo + hi) / 2);
		const ceiling = r1 / hill(k * s1, 1, n);
		channel.hill.halfSaturation = clamp(k * K, 1e-9, 1e9);
		const wanted = (ch.curve.maxResponse / D) * conversionsPerKpi;
		channel.maxConversionRate = clamp(channel.maxConversionRate * (wanted / ceiling), 0, 1);
	});
}
