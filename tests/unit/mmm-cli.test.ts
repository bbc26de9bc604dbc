/**
 * `npm run mmm`: imports a CSV with the app's importer, fits, writes JSON with per-channel ROAS
 * and marginal ROAS and their intervals; bad arguments or input exit with code 2 and a message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { budgetTarget, main, parseMmmArgs, planLines } from '../../src/cli/mmm';
import { handFit } from './mmm-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'marginal-mmm-cli-'));
const robyn = 'tests/fixtures/reference/robyn_dt_simulated_weekly.csv';

describe('npm run mmm', () => {
	let errors: string[];
	beforeEach(() => {
		errors = [];
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
	});
	afterEach(() => vi.restoreAllMocks());

	it('writes the fit as JSON with per-channel roas, mroas and their intervals', async () => {
		const out = join(dir, 'fit.json');
		const code = await main([
			'--csv',
			robyn,
			'--out',
			out,
			'--effort',
			'fast',
			'--draws',
			'10',
			'--seed',
			'2'
		]);
		expect(code).toBe(0);
		const fit = JSON.parse(readFileSync(out, 'utf8'));
		expect(fit.channels.map((c: { id: string }) => c.id)).toEqual([
			'tv',
			'ooh',
			'print',
			'search',
			'facebook'
		]);
		for (const ch of fit.channels) {
			for (const key of ['roas', 'mroas']) {
				expect(ch[key].low).toBeLessThanOrEqual(ch[key].mean + 1e-9);
				expect(ch[key].high).toBeGreaterThanOrEqual(ch[key].mean - 1e-9);
			}
		}
		expect(fit.options.seed).toBe(2);
		expect(typeof fit.diagnostics.r2).toBe('number');
	}, 30_000);

	it('exits with 2 and says what is wrong for bad arguments and input', async () => {
		expect(await main(['--out', 'x.json'])).toBe(2);
		expect(errors.join('\n')).toContain('--csv FILE (or --simulated SEED) is required');
		expect(await main(['--csv', join(dir, 'missing.csv'), '--out', 'x.json'])).toBe(2);
		expect(errors.join('\n')).toContain('Cannot read the CSV file');
		const bad = join(dir, 'bad.csv');
		writeFileSync(bad, 'date,revenue,tv_S\n2024-01-01,abc,1\n');
		expect(await main(['--csv', bad, '--out', join(dir, 'bad.json')])).toBe(2);
		expect(errors.join('\n')).toContain('could not be imported');
		expect(() => parseMmmArgs(['--csv', robyn, '--out', 'x', '--draws', 'many'])).toThrow(
			/--draws must be a whole number/
		);
		expect(() => parseMmmArgs(['--csv', robyn, '--out', 'x', '--effort', 'max'])).toThrow(
			/--effort must be fast or full/
		);
		expect(() => parseMmmArgs(['--csv'])).toThrow(/--csv needs a value/);
		expect(() => parseMmmArgs(['--what'])).toThrow(/Unknown argument --what/);
		const mapping = join(dir, 'mapping.json');
		writeFileSync(mapping, '{not json');
		expect(await main(['--csv', robyn, '--mapping', mapping, '--out', 'x.json'])).toBe(2);
		expect(errors.join('\n')).toContain('is not valid JSON');
		expect(() => parseMmmArgs(['--csv', robyn, '--simulated', '3', '--out', 'x'])).toThrow(
			/either --csv FILE or --simulated SEED, not both/
		);
		expect(() => parseMmmArgs(['--simulated', '0', '--out', 'x'])).toThrow(
			/--simulated must be a whole number from 1/
		);
		const base = ['--csv', robyn, '--out', 'x'];
		expect(() => parseMmmArgs([...base, '--budget', '-5'])).toThrow(
			/--budget must be an amount above 0/
		);
		expect(() => parseMmmArgs([...base, '--target', 'roi=2'])).toThrow(
			/KIND one of kpi, roas, cpa, mroas, mcpa/
		);
		expect(() => parseMmmArgs([...base, '--target', 'roas=none'])).toThrow(
			/--target roas needs a value above 0/
		);
		expect(() => parseMmmArgs([...base, '--budget', '5', '--target', 'roas=2'])).toThrow(
			/not both/
		);
	});

	it('--budget prints the split of that budget and --target finds the budget first', () => {
		const fit = handFit();
		const split = planLines(fit, { budget: 500 });
		expect(split[0]).toMatch(
			/^Optimal split of 500 per week \(today 500\): revenue \+\d+ per week/
		);
		expect(split).toHaveLength(1 + fit.channels.length);
		expect(split.find((l) => l.startsWith('B '))).toMatch(/300 →\s+\d+/);

		const args = parseMmmArgs(['--csv', robyn, '--out', 'x', '--target', 'roas=1.2']);
		expect(args).toMatchObject({ target: { kind: 'roas', value: 1.2 } });
		const lines = planLines(fit, { target: { kind: 'roas', value: 1.2 } });
		expect(lines[0]).toMatch(/^The most you can spend with a ROAS of at least 1\.20: /);
		expect(lines[1]).toMatch(/^Optimal split of \d+ per week/);
		// A cost target on a revenue KPI is refused, naming the right kinds.
		expect(() => budgetTarget(fit, { kind: 'cpa', value: 20 })).toThrow(/use roas or mroas/);
		const conversions = { ...fit, dataset: { ...fit.dataset, kpiKind: 'conversions' as const } };
		expect(budgetTarget(conversions, { kind: 'mcpa', value: 20 })).toEqual({
			kind: 'marginal',
			value: 0.05
		});
		expect(planLines(fit, {})).toEqual([]);
	});

	it('fits the simulated market and prints the true ROAS beside each estimate', async () => {
		const lines: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
		const out = join(dir, 'simulated.json');
		const code = await main(['--simulated', '3', '--out', out, '--draws', '10']);
		expect(code).toBe(0);
		const fit = JSON.parse(readFileSync(out, 'utf8'));
		expect(fit.channels).toHaveLength(8);
		const rows = lines.filter((l) => / true \d+\.\d\d \([+−]\d+ %\)/.test(l));
		expect(rows).toHaveLength(8);
		expect(lines.join('\n')).toMatch(/Against the truth: \d of \d channels with ≥ 10 % of spend/);
	}, 60_000);
});
