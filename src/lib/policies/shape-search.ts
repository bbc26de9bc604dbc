/**
 * The response model's shape search: each channel's carry-over and half-saturation chosen by
 * coordinate search over grids, scoring candidates on weekly sums (see `searchShapesWeekly`).
 */
import { posteriorNoiseSd } from './bayes-linear';
import { fillHills, type HillCache } from './hill-cache';
import type { PolicyView } from './policy';
import { freshRegression, saturatedSeries, type DayCache } from './response-model';

/**
 * Carry-over grid: share of a day's effective exposure kept the next day; values above 1 mean a
 * delayed peak (carry − 1 kept, through two stages, as sim/adstock.ts delayedAdstock).
 */
const CARRY_GRID = [0.3, 0.6, 0.8, 1.6, 1.8];
/** Half-saturation grid, as multiples of the channel's median observed frequency. */
const HALF_GRID = [0.5, 1, 2, 4];

/**
 * Choose each channel's carry-over and half-saturation by coordinate search, updating `carry`
 * and `half` and leaving `hills` at the chosen shapes. Candidates are scored on weekly sums of
 * the daily model (exact for a linear model, 7× fewer rows): the shapes are about weeks-long
 * carry-over and saturation levels, which weekly data still show.
 */
export function searchShapesWeekly(
	view: PolicyView,
	cache: DayCache,
	hills: HillCache,
	index: Float64Array,
	weight: Float64Array,
	scale: Float64Array,
	typical: Float64Array,
	carry: number[],
	half: number[],
	days: number
): void {
	const { C, S } = view.layout;
	const P = 1 + C;
	const y = cache.y;
	const frequency = cache.frequency;
	const weeks = Math.floor(days / 7);
	const first = days - weeks * 7;
	const wy = new Float64Array(weeks * S);
	const wweight = new Float64Array(weeks);
	const wcols = Array.from({ length: S }, () =>
		Array.from({ length: P }, () => new Float64Array(weeks))
	);
	/** Weekly sums of index · feature of column p (base when p = 0) from the cached features. */
	const sumWeekly = (s: number, p: number) => {
		const out = wcols[s][p];
		out.fill(0);
		const h = p === 0 ? null : hills.values[(p - 1) * S + s];
		for (let d = first; d < days; d++) {
			const value = h ? index[d] * h[d] : index[d];
			out[((d - first) / 7) | 0] += value;
		}
	};
	/** Weekly sums of channel c's feature in segment s under a candidate shape (not stored daily). */
	const stock = new Float64Array(2);
	const daily = new Float64Array(days);
	const sumCandidate = (s: number, c: number, candidateCarry: number, candidateHalf: number) => {
		const out = wcols[s][1 + c];
		stock[0] = 0;
		stock[1] = 0;
		saturatedSeries(
			frequency,
			C * S,
			c * S + s,
			0,
			days,
			candidateCarry,
			candidateHalf,
			stock,
			0,
			daily
		);
		for (let w = 0, d = first; w < weeks; w++) {
			let sum = 0;
			for (let end = d + 7; d < end; d++) sum += index[d] * daily[d];
			out[w] = sum;
		}
	};
	for (let w = 0; w < weeks; w++) wweight[w] = weight[first + 7 * w + 6];
	for (let d = first; d < days; d++)
		for (let s = 0; s < S; s++) wy[(((d - first) / 7) | 0) * S + s] += y[d * S + s];
	const weekly = Array.from({ length: S }, (_, s) => freshRegression(C, Math.max(7 * scale[s], 1)));
	for (let s = 0; s < S; s++) {
		for (let w = 0; w < weeks; w++) {
			weekly[s].yty += wweight[w] * wy[w * S + s] * wy[w * S + s];
			weekly[s].n += wweight[w];
		}
		for (let p = 0; p < P; p++) sumWeekly(s, p);
	}
	const cross = (s: number, i: number) => {
		const st = weekly[s];
		const a = wcols[s][i];
		for (let j = 0; j < P; j++) {
			const b = wcols[s][j];
			let sum = 0;
			for (let w = 0; w < weeks; w++) sum += wweight[w] * a[w] * b[w];
			st.xtx[i * P + j] = sum;
			st.xtx[j * P + i] = sum;
		}
		let sy = 0;
		for (let w = 0; w < weeks; w++) sy += wweight[w] * a[w] * wy[w * S + s];
		st.xty[i] = sy;
	};
	for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) cross(s, i);
	const weeklyError = () => {
		let sum = 0;
		for (let s = 0; s < S; s++) {
			const sd = posteriorNoiseSd(weekly[s]);
			sum += (sd * sd) / Math.max(7 * scale[s], 1);
		}
		return sum;
	};
	for (let c = 0; c < C; c++) {
		let best = Infinity;
		let bestCarry = carry[c];
		let bestHalf = half[c];
		for (const candidateCarry of CARRY_GRID) {
			for (const multiple of HALF_GRID) {
				const candidateHalf = Math.max(typical[c], 1e-6) * multiple;
				for (let s = 0; s < S; s++) {
					sumCandidate(s, c, candidateCarry, candidateHalf);
					cross(s, 1 + c);
				}
				const e = weeklyError();
				if (e < best) {
					best = e;
					bestCarry = candidateCarry;
					bestHalf = candidateHalf;
				}
			}
		}
		carry[c] = bestCarry;
		half[c] = bestHalf;
		fillHills(hills, cache, C, S, c, carry[c], half[c], days);
		for (let s = 0; s < S; s++) {
			sumWeekly(s, 1 + c);
			cross(s, 1 + c);
		}
	}
}
