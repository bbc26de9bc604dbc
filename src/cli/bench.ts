/**
 * `npm run bench`: speed figures, one JSON object a line: {"name", "value", "unit"}.
 * Each figure is the median of repeated runs after a warm-up, single thread unless it says so.
 */
import { createAction, Market } from '../lib/sim/market';
import { loadPreset } from '../lib/sim/presets';
import type { Scenario } from '../lib/sim/scenario';
import { benchBandits } from './bench-bandits';
import { largeMarket } from './bench-markets';
import { benchBundle } from './bench-bundle';
import { benchEditor } from './bench-editor';
import { benchModels } from './bench-models';
import { benchImport } from './bench-import';
import { benchMmm } from './bench-mmm';
import { benchOpe } from './bench-ope';
import { benchPilot } from './bench-pilot';

export interface Figure {
	name: string;
	value: number;
	unit: string;
	/** What was measured, for the reader (not part of the JSON line's required fields). */
	note?: string;
}

function emit(figure: Figure): void {
	console.log(JSON.stringify(figure));
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Time the market's step loop over the horizon at the historical split (construction excluded). */
function timeYear(scenario: Scenario): number {
	const market = new Market(scenario);
	const p = market.params;
	const action = createAction(p);
	for (let c = 0; c < p.C; c++) {
		let live = 0;
		for (let k = 0; k < p.K; k++) live += p.creativeActive[c * p.K + k];
		for (let k = 0; k < p.K; k++) {
			action.spend[c * p.K + k] = p.creativeActive[c * p.K + k]
				? (scenario.dailyBudget * p.historicalShare[c]) / live
				: 0;
		}
	}
	const start = performance.now();
	while (!market.done) market.step(action);
	return performance.now() - start;
}

function cellsPerSecond(scenario: Scenario, runs: number): { cellsPerS: number; ms: number } {
	const p = new Market(scenario, scenario.seed, 1).params;
	const cells = p.C * p.K * p.S * scenario.days * scenario.slotsPerDay;
	// Warm up until the JIT has settled: at least 10 runs and a second and a half.
	const warmUntil = performance.now() + 1500;
	for (let i = 0; i < 10 || performance.now() < warmUntil; i++) timeYear(scenario);
	const ms = median(Array.from({ length: runs }, () => timeYear(scenario)));
	return { cellsPerS: cells / (ms / 1000), ms };
}

export function benchSimulator(): Figure[] {
	const large = cellsPerSecond(largeMarket(8, 12, 10), 40);
	const dtc = cellsPerSecond(loadPreset('dtc-default'), 200);
	return [
		{
			name: 'sim.cells_per_s',
			value: Math.round(large.cellsPerS),
			unit: 'cells/s',
			note: 'channel×creative×segment×step cells, 8×12×10 market, 365 days, single thread'
		},
		{
			name: 'sim.dtc_default_cells_per_s',
			value: Math.round(dtc.cellsPerS),
			unit: 'cells/s',
			note: 'dtc-default (6×3×3), 365 days: per-channel work dominates at 3 creatives × 3 segments'
		},
		{
			name: 'sim.dtc_default_year_ms',
			value: +dtc.ms.toFixed(3),
			unit: 'ms',
			note: 'one simulated year of dtc-default'
		}
	];
}

const suites: Record<string, () => Figure[] | Promise<Figure[]>> = {
	sim: benchSimulator,
	bandits: benchBandits,
	pilot: benchPilot,
	ope: benchOpe,
	mmm: benchMmm,
	bundle: benchBundle,
	editor: benchEditor,
	models: benchModels,
	import: benchImport
};

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const unknown = only.filter((name) => !(name in suites));
	if (unknown.length) {
		console.error(
			`bench: unknown suite ${unknown.map((n) => `"${n}"`).join(', ')}; suites: ${Object.keys(suites).join(', ')} (none = all)`
		);
		process.exitCode = 2;
		return;
	}
	for (const [name, suite] of Object.entries(suites)) {
		if (only.length && !only.includes(name)) continue;
		for (const figure of await suite()) emit(figure);
	}
}

await main();
