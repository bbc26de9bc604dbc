/**
 * Multivariate (full factorial) tests, e.g. creative × audience × call-to-action: every cell's
 * posterior and P(best cell), and each factor's main effect — its levels' conversion rates with
 * the other factors pooled — with P(best level). P(best) is exact quadrature up to four arms and
 * seeded Monte Carlo beyond (the integral's cost grows with the square of the arms).
 */
import { beta as betaDraw } from '../../policies/bandits/samplers';
import { createStream } from '../../sim/random';
import { betaMean, credibleInterval, posterior, type Beta } from './beta';
import { probBest } from './compare';

/** A factor and its levels, e.g. { name: 'CTA', levels: ['Buy now', 'Learn more'] }. */
export interface Factor {
	name: string;
	levels: string[];
}

/** Counts of one cell: one level per factor (indices into each factor's levels). */
export interface FactorialCell {
	levels: number[];
	visitors: number;
	conversions: number;
}

export interface LevelResult {
	level: string;
	mean: number;
	interval: [number, number];
	probBest: number;
}

export interface FactorialResult {
	cells: { label: string; mean: number; interval: [number, number]; probBest: number }[];
	mainEffects: { factor: string; levels: LevelResult[] }[];
	/** Index of the cell most likely best. */
	bestCell: number;
}

/** Every combination of levels, first factor slowest. */
export function factorialCells(factors: readonly Factor[]): number[][] {
	return factors.reduce<number[][]>(
		(combos, factor) => combos.flatMap((c) => factor.levels.map((_, i) => [...c, i])),
		[[]]
	);
}

/** Check factors and cells; messages name the field. */
export function factorialProblems(factors: readonly Factor[], cells: readonly FactorialCell[]) {
	const problems: string[] = [];
	if (factors.length < 1 || factors.length > 4) problems.push('factors: from 1 to 4 factors');
	factors.forEach((f, i) => {
		if (f.levels.length < 2 || f.levels.length > 6)
			problems.push(`factors[${i}] (${f.name}): from 2 to 6 levels`);
	});
	cells.forEach((cell, i) => {
		if (
			cell.levels.length !== factors.length ||
			cell.levels.some((l, j) => !(l >= 0 && l < factors[j].levels.length))
		)
			problems.push(`cells[${i}].levels: one level index per factor`);
		if (!Number.isInteger(cell.visitors) || cell.visitors < 0)
			problems.push(`cells[${i}].visitors: must be a whole number ≥ 0`);
		if (
			!Number.isInteger(cell.conversions) ||
			cell.conversions < 0 ||
			cell.conversions > cell.visitors
		)
			problems.push(`cells[${i}].conversions: a whole number from 0 to visitors`);
	});
	return problems;
}

/** P(best) for any number of arms: quadrature up to 4, Monte Carlo (seeded) above. */
export function probBestAny(posts: readonly Beta[], seed = 1, draws = 20_000): number[] {
	if (posts.length <= 4) return probBest(posts);
	const rng = createStream(seed, 0);
	const wins = new Float64Array(posts.length);
	for (let d = 0; d < draws; d++) {
		let best = 0;
		let value = -1;
		posts.forEach((p, k) => {
			const v = betaDraw(rng, p.alpha, p.beta);
			if (v > value) {
				value = v;
				best = k;
			}
		});
		wins[best]++;
	}
	return Array.from(wins, (w) => w / draws);
}

/** Analyse a factorial test (call factorialProblems first). */
export function analyseFactorial(
	factors: readonly Factor[],
	cells: readonly FactorialCell[],
	prior: Beta
): FactorialResult {
	const posts = cells.map((c) => posterior(prior, c.conversions, c.visitors));
	const best = probBestAny(posts);
	const mainEffects = factors.map((factor, f) => {
		const pooled = factor.levels.map((_, level) => {
			let visitors = 0;
			let conversions = 0;
			for (const c of cells)
				if (c.levels[f] === level) {
					visitors += c.visitors;
					conversions += c.conversions;
				}
			return posterior(prior, conversions, visitors);
		});
		const levelBest = probBestAny(pooled);
		return {
			factor: factor.name,
			levels: factor.levels.map((level, i) => ({
				level,
				mean: betaMean(pooled[i]),
				interval: credibleInterval(pooled[i]),
				probBest: levelBest[i]
			}))
		};
	});
	return {
		cells: cells.map((c, i) => ({
			label: c.levels.map((l, f) => factors[f].levels[l]).join(' · '),
			mean: betaMean(posts[i]),
			interval: credibleInterval(posts[i]),
			probBest: best[i]
		})),
		mainEffects,
		bestCell: best.indexOf(Math.max(...best))
	};
}
