/**
 * Turns an estimate into the plain-data MmmFit every view reads: decomposition, per-channel
 * ROAS and marginal ROAS with bootstrap intervals (ROAS widened to its profile-likelihood range,
 * profile.ts), response curves with intervals, carry-over weights, diagnostics and warnings in
 * words.
 */
import type { Dataset } from '../dataset';
import type { Estimate } from './estimate';
import { identificationWarning } from './identification';
import type { Prepared } from './prepare';
import { durbinWatson, fitScores, quantile } from './scores';
import { boundsHit } from './space';
import {
	adstockWeights,
	marginalResponseAt,
	meanLagDays,
	responseAt,
	type ChannelCurve
} from './transform';
import type { Contribution, CurveParams, Interval, MmmChannel, MmmFit } from './types';

/** Level of every interval. */
export const INTERVAL_LEVEL = 0.9;

const LOW = (1 - INTERVAL_LEVEL) / 2;

/**
 * Estimate with the bootstrap's percentile interval, widened where needed to contain the
 * estimate itself: low = min(q₅, estimate), high = max(q₉₅, estimate).
 *
 * Why: the estimate comes from the full-data fit, the draws from refits on resampled data, and
 * with a lift test (a tight prior the resamples weigh differently) or a coefficient pinned at
 * the non-negativity floor the draws can all sit on one side of it, so the plain percentile
 * interval excludes the number reported beside it. The basic (pivot) bootstrap 2θ̂ − q does not
 * cure this (it contains θ̂ exactly when q₅ ≤ θ̂ ≤ q₉₅, the same condition) and reflecting
 * skewed, floored draws can put a ROAS interval below zero; recentring on the bootstrap median
 * would change the point estimates. Taking the smallest interval that holds both the percentile
 * interval and the estimate keeps every well-behaved interval unchanged, keeps signs (draws and
 * estimate ≥ 0 ⇒ low ≥ 0), and only ever widens: a gap between the fit and its bootstrap is
 * uncertainty too, so coverage never drops. No finite draws give NaN bounds, as before.
 */
export function interval(mean: number, draws: readonly number[]): Interval {
	return {
		mean,
		low: Math.min(quantile(draws, LOW), mean),
		high: Math.max(quantile(draws, 1 - LOW), mean)
	};
}

/** The smallest interval holding `a` and the range `b`. */
function widen(a: Interval, b: { low: number; high: number }): Interval {
	return { mean: a.mean, low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) };
}

const round = (x: number, digits = 6): number =>
	Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;

function curveOf(maxResponse: number, shape: Omit<CurveParams, 'maxResponse'>): CurveParams {
	return {
		maxResponse,
		halfSaturation: shape.halfSaturation,
		slope: shape.slope,
		decay: shape.decay,
		delayStages: shape.delayStages
	};
}

/** Build the fit report. */
export function buildReport(
	dataset: Dataset,
	prep: Prepared,
	est: Estimate,
	info: { seconds: number }
): MmmFit {
	const { T, daysPerPeriod } = prep;
	const { solution, draws } = est;
	const fitted = Array.from(solution.fitted);
	const kpi = Array.from(prep.y);
	const residuals = kpi.map((y, t) => y - fitted[t]);

	const baselineParts: Contribution[] = est.baselineParts.map((part) => ({
		id: part.column.id,
		name: part.column.label,
		kind: part.column.kind === 'demand' ? 'intercept' : part.column.kind,
		values: Array.from(part.values)
	}));
	const baselineSeries = Array.from(est.baseline);

	const totalKpi = kpi.reduce((a, b) => a + b, 0);
	const totalSpendAll = prep.spend.reduce((a, s) => a + s.reduce((x, y) => x + y, 0), 0);
	const warnings = [...prep.warnings];
	const channelContributions: Contribution[] = [];

	const channels: MmmChannel[] = dataset.channels.map((channel, index) => {
		const c = prep.fitted.indexOf(index);
		const spend = Array.from(channel.spend);
		const totalSpend = spend.reduce((a, b) => a + b, 0);
		const currentSpend = totalSpend / T;
		if (c < 0) {
			const zero = { mean: 0, low: 0, high: 0 };
			const curve = { maxResponse: 0, halfSaturation: 1, slope: 1, decay: 0, delayStages: 0 };
			channelContributions.push({
				id: channel.id,
				name: channel.name,
				kind: 'channel',
				values: new Array(T).fill(0)
			});
			return {
				id: channel.id,
				name: channel.name,
				spendShare: 0,
				totalSpend: 0,
				spend,
				currentSpend: 0,
				roas: zero,
				mroas: zero,
				contribution: zero,
				contributionShare: 0,
				curve,
				curveDraws: [],
				responseCurve: { spend: [0], kpi: [zero] },
				adstockWeights: [1],
				meanLagDays: 0,
				atBound: []
			};
		}
		const maxResponse = solution.coef[1 + c];
		const shape = est.shapes[c];
		const curve = curveOf(maxResponse, shape);
		const values = Array.from(solution.features[c], (h) => maxResponse * h);
		channelContributions.push({ id: channel.id, name: channel.name, kind: 'channel', values });
		const contribution = values.reduce((a, b) => a + b, 0);
		const curveDraws = draws.map((draw) => curveOf(draw.maxResponse[c], draw.shapes[c]));
		const roasDraws = draws.map((draw) => draw.contribution[c] / totalSpend);
		// The ROAS interval holds the bootstrap's and the profile's (profile.ts): the bootstrap
		// stays near the fitted curves and misses flat valleys of the fit that the profile walks.
		const profile = est.profiles[c];
		const roas = widen(interval(contribution / totalSpend, roasDraws), profile);
		if (!profile.identified) {
			warnings.push(identificationWarning(dataset, prep, est, c, roas));
		}
		const mroasDraws = curveDraws.map((d) => marginalResponseAt(d as ChannelCurve, currentSpend));
		const maxSpend = spend.reduce((a, b) => Math.max(a, b), 0);
		const grid = Array.from(
			{ length: 41 },
			(_, i) => (i / 40) * 2.5 * Math.max(maxSpend, currentSpend)
		);
		const atBound = boundsHit(est.points[c]);
		if (atBound.length) {
			warnings.push(
				`${channel.name}: ${atBound.join(' and ')} ended on the edge of its search range; read its curve with care.`
			);
		}
		const lagPeriods = Math.min(
			T,
			Math.max(4, Math.ceil((meanLagDays(shape.decay, shape.delayStages) * 4) / daysPerPeriod) + 1)
		);
		return {
			id: channel.id,
			name: channel.name,
			spendShare: totalSpendAll > 0 ? totalSpend / totalSpendAll : 0,
			totalSpend,
			spend,
			currentSpend,
			roas,
			mroas: interval(marginalResponseAt(curve, currentSpend), mroasDraws),
			contribution: widen(
				interval(
					contribution,
					draws.map((draw) => draw.contribution[c])
				),
				{ low: profile.low * totalSpend, high: profile.high * totalSpend }
			),
			roasIdentified: profile.identified,
			contributionShare: totalKpi !== 0 ? contribution / totalKpi : 0,
			curve,
			curveDraws,
			responseCurve: {
				spend: grid.map((s) => round(s)),
				kpi: grid.map((s) => {
					const r = interval(
						responseAt(curve, s),
						curveDraws.map((d) => responseAt(d, s))
					);
					return { mean: round(r.mean), low: round(r.low), high: round(r.high) };
				})
			},
			adstockWeights: adstockWeights(shape.decay, shape.delayStages, daysPerPeriod, lagPeriods),
			meanLagDays: meanLagDays(shape.decay, shape.delayStages),
			atBound
		};
	});

	const inSample = fitScores(prep.y, solution.fitted);
	const H = prep.options.holdout;
	const holdout = { ...fitScores(prep.y, est.holdoutFitted, T - H, T), periods: H };
	if (H > 0 && holdout.r2 < 0) {
		warnings.push(
			`On the last ${H} periods, held out, the model predicts worse than their average (R² ${holdout.r2.toFixed(2)}): treat the estimates as rough.`
		);
	}
	const rpc = dataset.kpi.revenuePerConversion;
	const valuePerKpi =
		dataset.kpi.kind === 'revenue' ? 1 : rpc ? rpc.reduce((a, b) => a + b, 0) / rpc.length : null;
	return {
		version: 1,
		dataset: {
			name: dataset.name,
			granularity: dataset.granularity,
			periods: T,
			kpiName: dataset.kpi.name,
			kpiKind: dataset.kpi.kind
		},
		periodDays: daysPerPeriod,
		valuePerKpi,
		options: prep.options,
		intervalLevel: INTERVAL_LEVEL,
		diagnostics: {
			...inSample,
			holdout,
			durbinWatson: durbinWatson(residuals),
			converged: est.converged,
			evaluations: est.evaluations,
			seconds: info.seconds,
			draws: draws.length,
			warnings
		},
		dates: [...dataset.dates],
		kpi,
		fitted,
		residuals,
		decomposition: { baseline: baselineSeries, baselineParts, channels: channelContributions },
		channels,
		demandModel: {
			terms: prep.baseline
				.map((column, j) => ({ id: column.id, coef: est.demandLogCoef[j] }))
				.filter((term) => term.id !== 'intercept')
		},
		lifts: prep.lifts.map((lift, i) => {
			const c = lift.channel;
			return {
				...lift.test,
				implied: interval(
					solution.coef[1 + c] * est.liftPerUnit[i],
					draws.map((draw) => draw.lifts[i])
				),
				periods: [lift.from, lift.to] as [number, number]
			};
		})
	};
}
