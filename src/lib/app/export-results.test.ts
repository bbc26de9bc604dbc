import { beforeAll, describe, expect, it } from 'vitest';
import { fromResultsJson } from '../experiment/results-json';
import { runPilot, SUMMARY_METRICS, type PilotConfig, type PilotResult } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { loadPreset } from '../sim/presets';
import { parseScenarioJson, type Scenario } from '../sim/scenario';
import {
	exportFiles,
	pilotFileStem,
	resultsCsv,
	resultsJson,
	scenarioJson
} from './export-results';

let scenario: Scenario;
let config: PilotConfig;
let result: PilotResult;

beforeAll(() => {
	scenario = loadPreset('two-channels');
	const parsed = parsePilotConfig(
		{ policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }], seeds: 2, days: 21 },
		scenario
	);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	config = parsed.value;
	result = runPilot(scenario, config)!;
});

/** Split simple CSV (the policy names here hold no commas or quotes). */
const table = (csv: string) =>
	csv
		.trim()
		.split('\n')
		.map((line) => line.split(','));

describe('resultsCsv', () => {
	it('has one row per policy with every metric, its interval and the difference to baseline', () => {
		const [header, ...rows] = table(resultsCsv(result));
		expect(rows.map((r) => r[0])).toEqual(result.policies.map((p) => p.id));
		expect(header.length).toBe(3 + SUMMARY_METRICS.length * 6 + 6 + 1);
		for (const stem of ['ltv_profit', 'true_roas', 'last_click_roas', 'cpa']) {
			for (const suffix of [
				'',
				'_low',
				'_high',
				'_vs_baseline',
				'_vs_baseline_low',
				'_vs_baseline_high'
			])
				expect(header).toContain(`${stem}${suffix}`);
		}
		const thompson = result.policies.find((p) => p.id === 'thompson')!;
		const row = rows.find((r) => r[0] === 'thompson')!;
		const at = (column: string) => Number(row[header.indexOf(column)]);
		const profit = thompson.metrics.ltvProfit;
		expect(at('ltv_profit')).toBe(profit.value.mean);
		expect(at('ltv_profit_low')).toBe(profit.value.low);
		expect(at('ltv_profit_vs_baseline')).toBe(profit.vsBaseline.mean);
		expect(at('ltv_profit_vs_baseline_high')).toBe(profit.vsBaseline.high);
		// The baseline's own difference to itself is zero.
		const base = rows.find((r) => r[0] === 'bau-fixed')!;
		expect(Number(base[header.indexOf('ltv_profit_vs_baseline')])).toBe(0);
	});
});

describe('resultsJson', () => {
	it('round-trips the result exactly, decision logs as typed arrays', () => {
		const back = fromResultsJson(resultsJson(result, config)) as {
			marginalResults: number;
			config: PilotConfig;
			result: PilotResult;
		};
		expect(back.marginalResults).toBe(1);
		expect(back.result).toEqual(result);
		expect(back.result.logs.thompson.newSpend).toBeInstanceOf(Float64Array);
		expect(back.config.guardrails.maxShiftPct).toBe(config.guardrails.maxShiftPct);
	});
});

describe('scenarioJson', () => {
	it('is a scenario file the editor reads back unchanged', () => {
		const parsed = parseScenarioJson(scenarioJson(scenario));
		expect(parsed.ok && parsed.value).toEqual(scenario);
	});
});

describe('file names', () => {
	it('makes tidy stems and names the three files after the run and the scenario', () => {
		expect(pilotFileStem('  Spring test: Thompson vs BAU (é) ')).toBe(
			'spring-test-thompson-vs-bau-e'
		);
		expect(pilotFileStem('***')).toBe('marginal-pilot');
		const files = exportFiles('Spring test', result, config, scenario);
		expect(files.csv.fileName).toBe('spring-test-results.csv');
		expect(files.json.fileName).toBe('spring-test-results.json');
		expect(files.scenario.fileName).toBe('two-channels-two-curves-scenario.json');
		expect(files.csv.text()).toBe(resultsCsv(result));
	});
});
