/**
 * The A/B and experiment calculator worker: posterior comparisons by quadrature, Monte Carlo
 * P(best) and the fixed-vs-sequential simulation take from milliseconds to seconds, so none of
 * them runs on the main thread. Thin: the work lives in src/lib/experiment/ab.
 */
import * as Comlink from 'comlink';
import { analyse, type ArmCounts, type StoppingRule } from '../experiment/ab/decision';
import type { Beta } from '../experiment/ab/beta';
import { betaDensity } from '../experiment/ab/beta';
import { analyseFactorial, type Factor, type FactorialCell } from '../experiment/ab/factorial';
import { compareDesigns, type SequentialSetup } from '../experiment/ab/sequential';
import { creativeTestFromMarket } from '../experiment/ab/from-market';
import { loadPreset } from '../sim/presets';

const api = {
	/** The verdict plus each arm's posterior density on `points` rates spanning the bulk. */
	async abTest(arms: ArmCounts[], prior: Beta, rule: StoppingRule, points = 160) {
		const verdict = analyse(arms, prior, rule);
		const lo = Math.max(0, Math.min(...verdict.arms.map((a) => a.interval[0])) * 0.8);
		const hi = Math.min(1, Math.max(...verdict.arms.map((a) => a.interval[1])) * 1.2 + 1e-4);
		const rates = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
		const densities = verdict.arms.map((arm) => rates.map((x) => betaDensity(arm.posterior, x)));
		return { verdict, rates, densities };
	},
	async factorial(factors: Factor[], cells: FactorialCell[], prior: Beta) {
		return analyseFactorial(factors, cells, prior);
	},
	async designs(setup: SequentialSetup) {
		return compareDesigns(setup);
	},
	async creativeTest(preset: string, channelIndex: number, days: number, seed: number) {
		return creativeTestFromMarket(loadPreset(preset), channelIndex, days, seed);
	}
};

Comlink.expose(api);

export type ExperimentsApi = typeof api;
