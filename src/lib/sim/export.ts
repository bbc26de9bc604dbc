/**
 * A run's daily record as plain JSON: every observable and ground-truth series, nested
 * day → channel → creative → segment as its layout says. Used by the CLI and file exports.
 */
import type { Scenario } from './scenario';
import { observableWidths, TENURE_BANDS, truthWidths, type Trace } from './trace';

type Layout = 'cell' | 'ck' | 'cs' | 's' | 'sb' | 'c' | 'day';

const DIMS: Record<Layout, string[]> = {
	cell: ['day', 'channel', 'creative', 'segment'],
	ck: ['day', 'channel', 'creative'],
	cs: ['day', 'channel', 'segment'],
	s: ['day', 'segment'],
	sb: ['day', 'segment', 'tenure band'],
	c: ['day', 'channel'],
	day: ['day']
};

export interface SeriesJson {
	dims: string[];
	values: unknown[];
}

export interface TraceJson {
	format: 'marginal-trace';
	version: 1;
	scenario: Scenario;
	seed: number;
	days: number;
	channels: string[];
	creatives: string[][];
	segments: string[];
	observables: Record<string, SeriesJson>;
	truth: Record<string, SeriesJson>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function nest(series: Float64Array, layout: Layout, trace: Trace): SeriesJson {
	const { C, K, S } = trace;
	const sizes: Record<Layout, number[]> = {
		cell: [C, K, S],
		ck: [C, K],
		cs: [C, S],
		s: [S],
		sb: [S, TENURE_BANDS],
		c: [C],
		day: []
	};
	const inner = sizes[layout];
	const width = inner.reduce((a, b) => a * b, 1);
	const build = (offset: number, level: number): unknown => {
		if (level === inner.length) return round(series[offset]);
		const stride = inner.slice(level + 1).reduce((a, b) => a * b, 1);
		return Array.from({ length: inner[level] }, (_, i) => build(offset + i * stride, level + 1));
	};
	const values = Array.from({ length: trace.daysDone }, (_, d) => build(d * width, 0));
	return { dims: DIMS[layout], values };
}

export function traceToJson(trace: Trace, scenario: Scenario, seed: number): TraceJson {
	const observables: Record<string, SeriesJson> = {};
	const truth: Record<string, SeriesJson> = {};
	for (const [key, layout] of Object.entries(observableWidths)) {
		observables[key] = nest(trace.observables[key as keyof typeof observableWidths], layout, trace);
	}
	for (const [key, layout] of Object.entries(truthWidths)) {
		truth[key] = nest(trace.truth[key as keyof typeof truthWidths], layout, trace);
	}
	return {
		format: 'marginal-trace',
		version: 1,
		scenario,
		seed,
		days: trace.daysDone,
		channels: trace.channelIds,
		creatives: trace.channelIds.map((_, c) =>
			trace.creativeIds.slice(c * trace.K, (c + 1) * trace.K)
		),
		segments: trace.segmentIds,
		observables,
		truth
	};
}
