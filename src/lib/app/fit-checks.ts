/**
 * The MMM's convergence and residual checks in plain words (Meridian's users ask for these to
 * be shown plainly): did the search settle, is a pattern left in the residuals, does the model
 * predict weeks it has not seen. Each check passes or asks for attention, and says why.
 */
import type { MmmDiagnostics } from '$lib/data/mmm';

/** One check: its verdict and one sentence. */
export interface FitCheck {
	id: 'converged' | 'residuals' | 'holdout';
	ok: boolean;
	text: string;
}

/** Durbin–Watson outside this range means residuals run in streaks (< lo) or alternate (> hi). */
const DW_RANGE: [number, number] = [1.5, 2.5];
/** A holdout R² this far below the in-sample one means the fit explains the past better than it predicts. */
const HOLDOUT_GAP = 0.2;

/** The checks of a fit's diagnostics (`unit`: "week" or "day"). */
export function fitChecks(d: MmmDiagnostics, unit: string): FitCheck[] {
	const dw = d.durbinWatson.toFixed(2);
	const checks: FitCheck[] = [
		d.converged
			? {
					id: 'converged',
					ok: true,
					text: 'The search settled: refining the curves further no longer improved the fit.'
				}
			: {
					id: 'converged',
					ok: false,
					text: 'The search stopped on its step limit while the fit was still improving: fit again with effort “full”, or read the curves as provisional.'
				}
	];
	if (!Number.isFinite(d.durbinWatson)) {
		// Too few residuals to say anything (a constant series): no verdict.
	} else if (d.durbinWatson < DW_RANGE[0]) {
		checks.push({
			id: 'residuals',
			ok: false,
			text: `The residuals run in streaks (Durbin–Watson ${dw}; about 2 means none): something slow is missing — a control, an event, a change of trend — and the intervals may be too narrow.`
		});
	} else if (d.durbinWatson > DW_RANGE[1]) {
		checks.push({
			id: 'residuals',
			ok: false,
			text: `The residuals alternate ${unit} to ${unit} (Durbin–Watson ${dw}; about 2 means none): check for ${unit}s booked late or early.`
		});
	} else {
		checks.push({
			id: 'residuals',
			ok: true,
			text: `No pattern left in the residuals from ${unit} to ${unit} (Durbin–Watson ${dw}; about 2 means none).`
		});
	}
	if (d.holdout.periods > 0 && Number.isFinite(d.holdout.r2)) {
		const gap = d.r2 - d.holdout.r2;
		checks.push(
			gap > HOLDOUT_GAP
				? {
						id: 'holdout',
						ok: false,
						text: `It predicts the last ${d.holdout.periods} ${unit}s much worse than it explains the past (R² ${d.holdout.r2.toFixed(2)} against ${d.r2.toFixed(2)}): trust its curves less far from the spends seen.`
					}
				: {
						id: 'holdout',
						ok: true,
						text: `It predicts the last ${d.holdout.periods} ${unit}s, held out, about as well as it explains the past (R² ${d.holdout.r2.toFixed(2)} against ${d.r2.toFixed(2)}).`
					}
		);
	}
	return checks;
}
