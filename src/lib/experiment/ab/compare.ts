/**
 * Comparing Beta posteriors: the probability that one rate beats another (exactly, by Evan
 * Miller's sum when the summed shape is a whole number, else by Gauss–Legendre quadrature over
 * the quantile-graded support), the probability that each of several arms is best, and the
 * expected loss of a choice — the quantities a Bayesian A/B test reports and stops on.
 */
import * as pm from '../../sim/portable-math';
import { betaCdf, betaDensity, betaQuantileOf, logBeta, type Beta } from './beta';

/** Above this many terms the exact sum is slower than quadrature. */
const MAX_SUM_TERMS = 20_000;

/** P(X > Y) for X ~ Beta x, Y ~ Beta y. */
export function probGreater(x: Beta, y: Beta): number {
	if (Number.isInteger(x.alpha) && x.alpha <= MAX_SUM_TERMS) return exactProbGreater(x, y);
	return integrate([x, y], (t) => betaDensity(x, t) * betaCdf(y, t));
}

/**
 * Evan Miller's closed form: P(X > Y) = Σ_{i=0}^{αx−1} B(αy + i, βy + βx) /
 * ((βx + i) B(1 + i, βx) B(αy, βy)), for whole αx.
 */
export function exactProbGreater(x: Beta, y: Beta): number {
	let total = 0;
	const lby = logBeta(y.alpha, y.beta);
	for (let i = 0; i < x.alpha; i++) {
		total += pm.exp(
			logBeta(y.alpha + i, y.beta + x.beta) - pm.log(x.beta + i) - logBeta(1 + i, x.beta) - lby
		);
	}
	return clamp01(total);
}

/**
 * E[max(Y − X, 0)]: the expected loss in rate of choosing X when Y may be better. Uses
 * E[Y·1{Y>X}] = mean(Y)·P(Y⁺ > X) with Y⁺ ~ Beta(αy + 1, βy).
 */
export function expectedLoss(chosen: Beta, other: Beta): number {
	const meanOther = other.alpha / (other.alpha + other.beta);
	const meanChosen = chosen.alpha / (chosen.alpha + chosen.beta);
	const otherPlus = { alpha: other.alpha + 1, beta: other.beta };
	const chosenPlus = { alpha: chosen.alpha + 1, beta: chosen.beta };
	const loss =
		meanOther * probGreater(otherPlus, chosen) - meanChosen * probGreater(other, chosenPlus);
	return Math.max(0, loss);
}

/** P(arm k has the highest rate) for every arm: ∫ f_k(t) Π_{j≠k} F_j(t) dt. */
export function probBest(arms: readonly Beta[]): number[] {
	if (arms.length === 1) return [1];
	const raw = arms.map((arm, k) =>
		integrate(arms, (t) => {
			let p = betaDensity(arm, t);
			for (let j = 0; j < arms.length && p > 0; j++) if (j !== k) p *= betaCdf(arms[j], t);
			return p;
		})
	);
	const sum = raw.reduce((a, b) => a + b, 0);
	return raw.map((p) => (sum > 0 ? p / sum : 1 / arms.length));
}

// ---- quadrature ---------------------------------------------------------------------------

/** 16-point Gauss–Legendre nodes (positive half) and weights on [−1, 1]. */
const NODES = [
	0.09501250983763744, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438,
	0.755404408355003, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499
];
const WEIGHTS = [
	0.18945061045506864, 0.18260341504492364, 0.16915651939500265, 0.1495959888165767,
	0.12462897125553407, 0.0951585116824926, 0.062253523938647456, 0.027152459411754176
];

/** Probability levels whose quantiles become panel edges, dense in the tails. */
const LEVELS = [
	1e-14,
	1e-10,
	1e-7,
	1e-5,
	1e-4,
	1e-3,
	0.01,
	0.03,
	0.07,
	0.15,
	0.25,
	0.35,
	0.45,
	0.55,
	0.65,
	0.75,
	0.85,
	0.93,
	0.97,
	0.99,
	0.999,
	1 - 1e-4,
	1 - 1e-5,
	1 - 1e-7,
	1 - 1e-10,
	1 - 1e-14
];

/**
 * ∫₀¹ f(t) dt where f vanishes outside the bulk of the given Betas: panels between their
 * quantiles (so a narrow posterior gets narrow panels), 16-point Gauss–Legendre in each.
 */
export function integrate(dists: readonly Beta[], f: (t: number) => number): number {
	const edges = [0, 1];
	for (const d of dists) for (const p of LEVELS) edges.push(betaQuantileOf(d, p));
	edges.sort((a, b) => a - b);
	let total = 0;
	for (let e = 1; e < edges.length; e++) {
		const lo = edges[e - 1];
		const hi = edges[e];
		if (!(hi - lo > 1e-15)) continue;
		const mid = 0.5 * (lo + hi);
		const half = 0.5 * (hi - lo);
		let panel = 0;
		for (let i = 0; i < NODES.length; i++) {
			panel += WEIGHTS[i] * (f(mid - half * NODES[i]) + f(mid + half * NODES[i]));
		}
		total += panel * half;
	}
	return total;
}

const clamp01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);
