/**
 * Business metrics of one run over the pilot window (history excluded): what was spent, what it
 * truly brought (ground truth), what platforms and last click reported, and the customer
 * experience, brand safety and fairness side of it. Plain data, JSON-serializable.
 */
import { cumulativeMargin } from '../sim/cohort';
import { shareOverFrequency } from '../sim/reach';
import type { PolicyRun } from './runner';

export interface ChannelMetrics {
	/** Spend per channel over the pilot, currency units. */
	spend: number[];
	/** True incremental conversions per channel. */
	incConversions: number[];
	/** True incremental lifetime margin per channel, currency units. */
	incLtvMargin: number[];
	/** True incremental first-order revenue per channel. */
	incRevenue: number[];
	/** Conversions the site's last-click model credits per channel. */
	lastClickConversions: number[];
	/** First-order revenue credited by last click per channel. */
	lastClickRevenue: number[];
	/** Conversions and revenue platforms claim per channel. */
	platformConversions: number[];
	platformRevenue: number[];
}

export interface RunMetrics {
	policyId: string;
	seed: number;
	days: number;
	/** Spend over the pilot, currency units. */
	spend: number;
	/** Spend ÷ (daily budget × days): how much of the budget was used. */
	budgetUsed: number;
	/** True incremental conversions (new customers caused by ads). */
	incConversions: number;
	/** True incremental first-order revenue. */
	incRevenue: number;
	/** True incremental lifetime revenue and gross margin of the acquired customers. */
	incLtvRevenue: number;
	incLtvMargin: number;
	/** LTV-profit: incremental lifetime margin − spend. */
	ltvProfit: number;
	/** ROAS = revenue ÷ spend (not ROI = ROAS − 1): true first-order, true lifetime, platform-reported, last-click. */
	trueRoas: number;
	ltvRoas: number;
	platformRoas: number;
	lastClickRoas: number;
	/** Cost per incremental conversion (true) and per platform-reported conversion. */
	cpa: number;
	platformCpa: number;
	/** Days after acquisition until the acquired customers' cumulative margin repays the spend (Infinity: not within 3 years). */
	paybackDays: number;
	/** Mean absolute daily deviation of delivered spend from the planned (enforced) budget, share of plan. */
	pacingError: number;
	/** Share of reached users who saw more than `frequencyThreshold` impressions in a day. */
	overFrequencyShare: number;
	frequencyThreshold: number;
	/** Impressions served, and on brand-unsafe inventory. */
	impressions: number;
	unsafeImpressions: number;
	/** Per segment: shares of spend, reach, incremental customers and population (fairness). */
	segments: { spend: number[]; reach: number[]; customers: number[]; population: number[] };
	/** Total-variation distance between reach shares and population shares (0 = proportional). */
	reachDisparity: number;
	channels: ChannelMetrics;
	/** LTV-profit per pilot day. */
	dailyLtvProfit: number[];
	/** Spend per pilot day and channel [day·C + c]. */
	dailySpend: number[];
}

const sum = (a: ArrayLike<number>) => {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i];
	return s;
};

/** Compute a run's metrics. `frequencyThreshold`: impressions per user per day that count as too many. */
export function runMetrics(
	run: PolicyRun,
	dailyBudget: number,
	frequencyThreshold = 3
): RunMetrics {
	const { trace, market } = run;
	const p = market.params;
	const { C, S } = trace;
	const H = run.historyDays;
	const days = run.days;
	const o = trace.observables;
	const channels: ChannelMetrics = {
		spend: new Array(C).fill(0),
		incConversions: new Array(C).fill(0),
		incLtvMargin: new Array(C).fill(0),
		incRevenue: new Array(C).fill(0),
		lastClickConversions: new Array(C).fill(0),
		lastClickRevenue: new Array(C).fill(0),
		platformConversions: new Array(C).fill(0),
		platformRevenue: new Array(C).fill(0)
	};
	const segments = {
		spend: new Array(S).fill(0),
		reach: new Array(S).fill(0),
		customers: new Array(S).fill(0),
		population: Array.from(p.population)
	};
	const dailyLtvProfit = new Array(days).fill(0);
	const dailySpend = new Array(days * C).fill(0);
	const { incLtvRevenue, impressions, overFrequency, reached } = accumulateDays(
		run,
		channels,
		segments,
		dailyLtvProfit,
		dailySpend,
		frequencyThreshold
	);
	const spend = sum(channels.spend);
	const incConversions = sum(channels.incConversions);
	const incRevenue = sum(channels.incRevenue);
	const incLtvMargin = sum(channels.incLtvMargin);
	const unsafe = sum(o.unsafeImpressions.subarray(H * C, (H + days) * C));
	const share = (a: number[]) => {
		const total = sum(a);
		return a.map((x) => (total > 0 ? x / total : 0));
	};
	const reachShare = share(segments.reach);
	const populationShare = share(segments.population);
	return {
		policyId: run.policyId,
		seed: run.seed,
		days,
		spend,
		budgetUsed: dailyBudget > 0 && days > 0 ? spend / (dailyBudget * days) : 0,
		incConversions,
		incRevenue,
		incLtvRevenue,
		incLtvMargin,
		ltvProfit: incLtvMargin - spend,
		trueRoas: spend > 0 ? incRevenue / spend : 0,
		ltvRoas: spend > 0 ? incLtvRevenue / spend : 0,
		platformRoas: spend > 0 ? sum(channels.platformRevenue) / spend : 0,
		lastClickRoas: spend > 0 ? sum(channels.lastClickRevenue) / spend : 0,
		cpa: incConversions > 0 ? spend / incConversions : Infinity,
		platformCpa:
			sum(channels.platformConversions) > 0 ? spend / sum(channels.platformConversions) : Infinity,
		paybackDays: paybackDays(run, segments.customers, spend),
		pacingError: pacingError(run, dailySpend),
		overFrequencyShare: reached > 0 ? overFrequency / reached : 0,
		frequencyThreshold,
		impressions,
		unsafeImpressions: unsafe,
		segments,
		reachDisparity: reachShare.reduce((acc, x, s) => acc + Math.abs(x - populationShare[s]), 0) / 2,
		channels,
		dailyLtvProfit,
		dailySpend
	};
}

/**
 * The pilot days' sums of `runMetrics` into its channel, segment and daily arrays; returns the
 * scalar totals. Apart from `runMetrics` so that V8's on-the-fly compilation of this long loop
 * is not thrown away by the code after it, which has not run yet.
 */
function accumulateDays(
	run: PolicyRun,
	channels: ChannelMetrics,
	segments: RunMetrics['segments'],
	dailyLtvProfit: number[],
	dailySpend: number[],
	frequencyThreshold: number
): { incLtvRevenue: number; impressions: number; overFrequency: number; reached: number } {
	const { trace } = run;
	const { C, K, S } = trace;
	const H = run.historyDays;
	const days = run.days;
	const o = trace.observables;
	const t = trace.truth;
	let incLtvRevenue = 0;
	let impressions = 0;
	let overFrequency = 0;
	let reached = 0;
	for (let i = 0; i < days; i++) {
		const d = H + i;
		for (let c = 0; c < C; c++) {
			for (let s = 0; s < S; s++) {
				const cs = d * C * S + c * S + s;
				let spend = 0;
				let shown = 0;
				for (let k = 0; k < K; k++) {
					const cell = ((d * C + c) * K + k) * S + s;
					spend += o.spend[cell];
					shown += o.impressions[cell];
				}
				channels.spend[c] += spend;
				segments.spend[s] += spend;
				dailySpend[i * C + c] += spend;
				impressions += shown;
				channels.incConversions[c] += t.incConversions[cs];
				channels.incLtvMargin[c] += t.incLtvMargin[cs];
				channels.incRevenue[c] += t.incRevenue[cs];
				incLtvRevenue += t.incLtvRevenue[cs];
				segments.customers[s] += t.incConversions[cs];
				channels.lastClickConversions[c] += o.lastClickConversions[cs];
				channels.lastClickRevenue[c] += o.lastClickRevenue[cs];
				dailyLtvProfit[i] += t.incLtvMargin[cs] - spend;
				const reach = o.reach[cs];
				segments.reach[s] += reach;
				reached += reach;
				// Users over the threshold, from the geometric frequency distribution (sim/reach.ts).
				const audience = reach > 0 && shown > reach ? (shown * reach) / (shown - reach) : 0;
				if (audience > 0)
					overFrequency += audience * shareOverFrequency(shown / audience, frequencyThreshold);
			}
			for (let k = 0; k < K; k++) {
				channels.platformConversions[c] += o.platformConversions[d * C * K + c * K + k];
				channels.platformRevenue[c] += o.platformRevenue[d * C * K + c * K + k];
			}
		}
	}
	return { incLtvRevenue, impressions, overFrequency, reached };
}

/** Days until the customers acquired (per segment) have repaid `spend` in cumulative margin. */
function paybackDays(run: PolicyRun, customers: number[], spend: number): number {
	const p = run.market.params;
	const scenario = run.market.scenario;
	const margin = (age: number) =>
		customers.reduce((acc, n, s) => {
			const seg = scenario.segments[s];
			const params = {
				retentionAlpha: seg.retention.alpha,
				retentionBeta: seg.retention.beta,
				repeatOrdersPerMonth: seg.repeatOrdersPerMonth,
				orderValue: seg.orderValue,
				margin: seg.margin
			};
			return acc + n * cumulativeMargin(params, p.retention[s], age, p.stepsPerDay);
		}, 0);
	if (spend <= 0 || margin(0) >= spend) return 0;
	const limit = 3 * 365;
	if (margin(limit) < spend) return Infinity;
	let lo = 0;
	let hi = limit;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (margin(mid) >= spend) hi = mid;
		else lo = mid;
	}
	return hi;
}

/** Mean |delivered − planned| / planned over pilot days with a plan, from the decision log. */
function pacingError(run: PolicyRun, dailySpend: number[]): number {
	const { log } = run;
	const C = log.C;
	let planned = 0;
	let next = 0;
	let error = 0;
	let counted = 0;
	for (let i = 0; i < run.days; i++) {
		while (next < log.length && log.day[next] <= i) {
			planned = 0;
			for (let c = 0; c < C; c++) planned += log.newSpend[next * C + c];
			next++;
		}
		if (planned <= 0) continue;
		let delivered = 0;
		for (let c = 0; c < C; c++) delivered += dailySpend[i * C + c];
		error += Math.abs(delivered - planned) / planned;
		counted++;
	}
	return counted > 0 ? error / counted : 0;
}
