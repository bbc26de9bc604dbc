/**
 * Plain words for a channel whose ROAS the data cannot pin to ±15 % (profile.ts): the range
 * that fits about as well, and why when the data show it — spend that moves with another
 * channel or with the season (collinearity), otherwise too little sign of what the channel sells
 * at low spend (the bend of its curve). The remedy is the same: a lift test on the channel.
 */
import type { Dataset } from '../dataset';
import type { Estimate } from './estimate';
import type { Prepared } from './prepare';
import type { Interval } from './types';

/** Correlation above which (in absolute value) the warning names what the spend moves with. */
const COLLINEAR = 0.5;

/** Pearson correlation of two series (0 when either is constant). */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
	const n = a.length;
	let ma = 0;
	let mb = 0;
	for (let i = 0; i < n; i++) {
		ma += a[i] / n;
		mb += b[i] / n;
	}
	let ab = 0;
	let aa = 0;
	let bb = 0;
	for (let i = 0; i < n; i++) {
		ab += (a[i] - ma) * (b[i] - mb);
		aa += (a[i] - ma) ** 2;
		bb += (b[i] - mb) ** 2;
	}
	return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** What channel c's spend moves with most (another channel or the season), if strongly. */
function moverOf(
	dataset: Dataset,
	prep: Prepared,
	est: Estimate,
	c: number
): { name: string; r: number } | null {
	const candidates = prep.fitted.map((index, k) => ({
		name: dataset.channels[index].name,
		r: k === c ? 0 : correlation(prep.spend[c], prep.spend[k])
	}));
	candidates.push({ name: 'the season and trend', r: correlation(prep.spend[c], est.demand) });
	const top = candidates.reduce((a, b) => (Math.abs(b.r) > Math.abs(a.r) ? b : a));
	return Math.abs(top.r) >= COLLINEAR ? top : null;
}

/** The plain-words warning of a channel whose ROAS the data cannot pin to ±15 %. */
function unidentified(
	name: string,
	roas: Interval,
	mover: { name: string; r: number } | null
): string {
	const why = mover
		? `its spend moves with ${mover.name}, r = ${mover.r.toFixed(2)}`
		: 'the data barely show what it sells at low spend';
	return (
		`${name}: ROAS poorly identified (${why}): anything from ${roas.low.toFixed(2)} to ` +
		`${roas.high.toFixed(2)} fits about as well as ${roas.mean.toFixed(2)}; calibrate it with a lift test.`
	);
}

/** The warning for fitted channel c, whose ROAS interval is `roas`. */
export function identificationWarning(
	dataset: Dataset,
	prep: Prepared,
	est: Estimate,
	c: number,
	roas: Interval
): string {
	return unidentified(dataset.channels[prep.fitted[c]].name, roas, moverOf(dataset, prep, est, c));
}
