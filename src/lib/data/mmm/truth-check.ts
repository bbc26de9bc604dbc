/**
 * A fit against the truth of a simulated market (simulated-market.ts): per channel the error
 * of the ROAS estimate and whether the interval holds the truth, and the yardstick —
 * channels with at least 10 % of spend within ±15 %.
 */
import type { DatasetTruth } from '../dataset';
import type { MmmFit } from './types';

/** The yardstick: a channel with this share of spend or more counts… */
export const COUNTED_SPEND_SHARE = 0.1;
/** …and is recovered when its ROAS estimate is within this relative error of the truth. */
export const RECOVERY_TOLERANCE = 0.15;

/** One channel's estimate against the truth. */
export interface TruthRow {
	id: string;
	/** True ROAS. */
	truth: number;
	/** Relative error of the estimate: estimate / truth − 1. */
	error: number;
	/** Whether the reported interval holds the truth. */
	inside: boolean;
	/** Whether the channel has at least `COUNTED_SPEND_SHARE` of spend. */
	counted: boolean;
	/** Whether the estimate is within `RECOVERY_TOLERANCE` of the truth. */
	recovered: boolean;
}

/** A relative error in words: "+12 %", "−41 %" (whole percent, a true minus sign). */
export function formatRelativeError(error: number): string {
	return `${error >= 0 ? '+' : '−'}${Math.abs(Math.round(error * 100))} %`;
}

/** The whole comparison. */
export interface TruthCheck {
	rows: TruthRow[];
	/** Counted channels recovered, and counted channels. */
	recovered: number;
	counted: number;
	/** Intervals holding the truth, and channels compared. */
	inside: number;
	compared: number;
}

/** Compare each fitted channel that has a truth with it (channels matched by id). */
export function checkAgainstTruth(fit: Pick<MmmFit, 'channels'>, truth: DatasetTruth): TruthCheck {
	const byId = new Map(truth.roas.map((r) => [r.channel, r.value]));
	const rows: TruthRow[] = [];
	for (const ch of fit.channels) {
		const t = byId.get(ch.id);
		if (t === undefined || !(t > 0)) continue;
		const error = ch.roas.mean / t - 1;
		rows.push({
			id: ch.id,
			truth: t,
			error,
			inside: t >= ch.roas.low && t <= ch.roas.high,
			counted: ch.spendShare >= COUNTED_SPEND_SHARE,
			recovered: Math.abs(error) < RECOVERY_TOLERANCE
		});
	}
	const counted = rows.filter((r) => r.counted);
	return {
		rows,
		recovered: counted.filter((r) => r.recovered).length,
		counted: counted.length,
		inside: rows.filter((r) => r.inside).length,
		compared: rows.length
	};
}
