/**
 * Axis ticks that never overlap: d3 proposes round values, these helpers keep every k-th one
 * until neighbouring labels have room. Pure; tested in node.
 */

import { ticks as roundValues } from 'd3';

/** One tick of an axis: its value, its pixel position along the axis and its label. */
export interface Tick<T = number> {
	value: T;
	position: number;
	label: string;
}

/**
 * Rough rendered width of a label in a system sans-serif font, px. Errs wide: 0.68 em a
 * character covers the digits of DejaVu Sans and Roboto (about 0.64 em) and most capitals.
 */
export function estimateTextWidth(text: string, fontPx: number): number {
	return text.length * fontPx * 0.68;
}

/**
 * Keep every k-th tick for the smallest k that puts neighbours at least `minGap` px apart
 * (regular spacing; the first tick always stays).
 */
export function thinTicks<T>(ticks: readonly T[], position: (tick: T) => number, minGap: number) {
	for (let step = 1; step <= ticks.length; step++) {
		const kept = ticks.filter((_, i) => i % step === 0);
		let ok = true;
		for (let i = 1; i < kept.length && ok; i++) {
			ok = Math.abs(position(kept[i]) - position(kept[i - 1])) >= minGap;
		}
		if (ok) return kept;
	}
	return ticks.slice(0, 1);
}

/**
 * Labelled ticks for a horizontal axis: labels keep `padding` px between them.
 * @param values candidate tick values (e.g. `scale.ticks(n)`)
 */
export function horizontalTicks<T>(
	values: readonly T[],
	position: (value: T) => number,
	format: (value: T) => string,
	fontPx = 11,
	padding = 12
): Tick<T>[] {
	const ticks = values.map((value) => ({ value, position: position(value), label: format(value) }));
	const widest = Math.max(0, ...ticks.map((t) => estimateTextWidth(t.label, fontPx)));
	return thinTicks(ticks, (t) => t.position, widest + padding);
}

/** Labelled ticks for a vertical axis: labels keep a line and a half between them. */
export function verticalTicks<T>(
	values: readonly T[],
	position: (value: T) => number,
	format: (value: T) => string,
	fontPx = 11
): Tick<T>[] {
	const ticks = values.map((value) => ({ value, position: position(value), label: format(value) }));
	return thinTicks(ticks, (t) => t.position, fontPx * 1.5);
}

/**
 * Round values across an ascending sampled x, each with its fractional index into `xs`: a chart
 * drawn by index then labels 4 %, 4.5 %, 5 % rather than whichever samples fall every k-th index
 * (3.52 %, 3.97 %, …). Values between samples interpolate linearly; whole-number samples (days)
 * get whole-number ticks only.
 */
export function sampledTicks(
	xs: readonly number[],
	count: number
): { index: number; value: number }[] {
	if (xs.length < 2) return xs.map((value, index) => ({ index, value }));
	const whole = xs.every(Number.isInteger);
	const values = roundValues(xs[0], xs[xs.length - 1], count).filter(
		(v) => !whole || Number.isInteger(v)
	);
	let j = 0;
	return values.map((value) => {
		while (j < xs.length - 2 && xs[j + 1] < value) j++;
		const span = xs[j + 1] - xs[j];
		return { index: j + (span > 0 ? (value - xs[j]) / span : 0), value };
	});
}
