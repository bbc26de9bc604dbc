/**
 * `npm run sim` arguments → commands and validated pilot configs, and the messages bad ones get:
 * each names the option (or the file and field) that was wrong.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupPilot } from '../../src/cli/pilot-setup';
import { UsageError } from '../../src/cli/scenario-source';
import { parseCommand, type PilotArgs } from '../../src/cli/sim-args';
import { DEFAULT_POLICIES } from '../../src/lib/experiment/pilot-config';
import { DEFAULT_GUARDRAILS } from '../../src/lib/guardrails/types';
import { TINY_ARGS } from './cli-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'marginal-cli-args-'));
function file(name: string, content: unknown): string {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
	return path;
}

/** The message of the UsageError `run` throws (fails the test if it throws anything else). */
function usageMessage(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}
	throw new Error('expected a usage error');
}

function pilotArgs(argv: string[]): PilotArgs {
	const command = parseCommand(argv);
	if (command.kind !== 'pilot') throw new Error(`expected a pilot, got ${command.kind}`);
	return command.args;
}

describe('parseCommand', () => {
	it('reads a pilot with its policies, seeds, days, objective, format, threads and shard', () => {
		const args = pilotArgs([
			...TINY_ARGS,
			'--first-seed',
			'100',
			'--objective',
			'conversions',
			'--format',
			'csv',
			'--threads',
			'2',
			'--out',
			'r.json'
		]);
		expect(args).toMatchObject({
			scenario: 'two-channels',
			policies: ['bau-fixed', 'bau-last-click', 'thompson', 'ts-curve'],
			seeds: 3,
			firstSeed: 100,
			days: 30,
			objective: 'conversions',
			format: 'csv',
			threads: 2,
			out: 'r.json'
		});
		expect(pilotArgs(['pilot', '--scenario', 'x', '--shard', '1/4']).shard).toEqual({
			index: 1,
			count: 4
		});
		expect(pilotArgs(['--scenario', 'x']).format).toBe('table');
	});

	it('reads merge with its files, and the fixed-split run', () => {
		expect(parseCommand(['merge', 'a.json', 'b.json', '--format', 'json'])).toEqual({
			kind: 'merge',
			files: ['a.json', 'b.json'],
			format: 'json',
			out: undefined
		});
		expect(
			parseCommand(['run', '--scenario', 'dtc-default', '--seed', '5', '--days', '10'])
		).toEqual({
			kind: 'run',
			scenario: 'dtc-default',
			seed: 5,
			days: 10,
			out: undefined
		});
		// The foundation's form, without `run`: a single fixed-split run.
		expect(
			parseCommand(['--scenario', 'two-channels', '--seed', '7', '--days', '5', '--out', 'o.json'])
		).toEqual({ kind: 'run', scenario: 'two-channels', seed: 7, days: 5, out: 'o.json' });
		expect(parseCommand(['--list']).kind).toBe('list');
		expect(parseCommand(['merge', '--help']).kind).toBe('help');
	});

	it.each([
		[['--scenario', 'x', '--nope'], 'unknown option --nope'],
		[['--scenario', 'x', '--seeds'], '--seeds needs a value'],
		[['--scenario', 'x', '--seeds', '--days', '3'], '--seeds needs a value'],
		[['--scenario', 'x', '--seeds', 'abc'], '--seeds: must be a whole number, got "abc"'],
		[['--scenario', 'x', '--days', '2.5'], '--days: must be a whole number, got "2.5"'],
		[['--scenario', 'x', '--threads', '0'], '--threads: must be from 1 to 64'],
		[['--scenario', 'x', '--shard', '2/2'], '--shard: must be I/N with 0 ≤ I < N'],
		[['--scenario', 'x', '--shard', 'half'], '--shard: must be I/N'],
		[['--scenario', 'x', '--format', 'xml'], '--format: must be one of table, json, csv'],
		[['--scenario', 'x', '--policies', 'a,,b'], '--policies: an empty name in "a,,b"'],
		[
			['--scenario', 'x', '--seed', '3', '--seeds', '4'],
			'--seed is for a single fixed-split run; a pilot (--seeds)'
		],
		[
			['--scenario', 'x', '--shard', '0/2', '--format', 'csv'],
			'--format does not apply to --shard'
		],
		[['--seeds', '3'], '--scenario is required'],
		[['stray'], 'unexpected argument "stray"'],
		[['merge'], 'merge needs the shard files'],
		[['run', '--scenario', 'x', '--seed=-1'], '--seed must be a whole number from 0'],
		[['run', '--scenario', 'x', '--days', '0'], '--days must be a whole number from 1 to 3650'],
		[['run', '--policies', 'a'], 'unknown option --policies']
	])('refuses %j: %s', (argv, message) => {
		expect(usageMessage(() => parseCommand(argv))).toContain(message);
	});
});

describe('setupPilot', () => {
	it('builds the pilot config from the flags, with the lab’s defaults for the rest', () => {
		const { scenario, config } = setupPilot(pilotArgs([...TINY_ARGS, '--first-seed', '9']));
		expect(scenario.name).toBe('Two channels, two curves');
		expect(config.policies.map((p) => p.kind)).toEqual([
			'bau-fixed',
			'bau-last-click',
			'thompson',
			'ts-curve'
		]);
		expect(config).toMatchObject({ seeds: 3, firstSeed: 9, days: 30, objective: 'ltv-profit' });
		expect(config.guardrails).toEqual(DEFAULT_GUARDRAILS);
		// BAU policies get the scenario's historical split filled in.
		expect(config.policies[0].shares).toEqual({ search: 0.7, social: 0.3 });
	});

	it('defaults to the default policies, 30 seeds from the scenario’s seed and its horizon', () => {
		const { scenario, config } = setupPilot(pilotArgs(['--scenario', 'two-channels']));
		expect(config.policies.map((p) => p.kind)).toEqual(DEFAULT_POLICIES.map((p) => p.kind));
		expect(config).toMatchObject({ seeds: 30, firstSeed: scenario.seed });
		expect(config.days).toBeUndefined();
	});

	it('reads policies with settings from --config, a list or a whole config, flags overriding it', () => {
		const list = file('list.json', [{ kind: 'ts-curve', forgetting: 0.95 }, { kind: 'bau-fixed' }]);
		const fromList = setupPilot(pilotArgs(['--scenario', 'two-channels', '--config', list]));
		expect(fromList.config.policies[0]).toEqual({ kind: 'ts-curve', forgetting: 0.95 });
		const whole = file('whole.json', { policies: [{ kind: 'ucb1' }], seeds: 12, days: 20 });
		const overridden = setupPilot(
			pilotArgs(['--scenario', 'two-channels', '--config', whole, '--seeds', '4'])
		);
		expect(overridden.config).toMatchObject({ seeds: 4, days: 20 });
		expect(overridden.config.policies[0].kind).toBe('ucb1');
	});

	it('reads guardrails from --guardrails', () => {
		const guardrails = file('g.json', { maxShiftPct: 20, pacing: 'front-loaded' });
		const { config } = setupPilot(pilotArgs([...TINY_ARGS, '--guardrails', guardrails]));
		expect(config.guardrails.maxShiftPct).toBe(20);
		expect(config.guardrails.pacing).toBe('front-loaded');
	});

	it('names the option, file and field of every bad value', () => {
		const run = (...extra: string[]) =>
			usageMessage(() => setupPilot(pilotArgs(['--scenario', 'two-channels', ...extra])));
		expect(run('--policies', 'bau-fixed,nope')).toMatch(
			/^--policies: "nope" is not a policy; known: bau-fixed, bau-last-click, .*ts-curve, ts-curve-ltv, oracle, rl$/
		);
		expect(run('--policies', 'thompson,thompson')).toBe('--policies: "thompson" is listed twice');
		const badGuardrails = file('bad-g.json', { maxShiftPct: -5 });
		expect(run('--guardrails', badGuardrails)).toBe(
			`--guardrails ${badGuardrails}: maxShiftPct: must be ≥ 0 (or null for no limit)`
		);
		expect(run('--seeds', '0')).toBe('--seeds: must be a whole number from 1 to 500');
		expect(run('--days', '9999')).toBe('--days: must be a whole number from 1 to 3650');
		expect(run('--objective', 'fame')).toBe(
			'--objective: must be one of clicks, conversions, revenue, ltv-profit'
		);
		expect(run('--policies', 'bau-fixed', '--baseline', 'ucb1')).toBe(
			"--baseline: must be one of the pilot's policies: bau-fixed"
		);
		const badConfig = file('bad-c.json', {
			policies: [{ kind: 'ts-curve', forgetting: 2 }],
			sedes: 3
		});
		expect(run('--config', badConfig).split('\n').sort()).toEqual([
			`--config ${badConfig}: policies[0].forgetting: must be between 0.9 and 1`,
			`--config ${badConfig}: sedes: is not a field of a pilot config (misspelt?)`
		]);
	});

	it('says why a file cannot be used', () => {
		const run = (...extra: string[]) =>
			usageMessage(() => setupPilot(pilotArgs(['--scenario', 'two-channels', ...extra])));
		expect(run('--guardrails', join(dir, 'missing.json'))).toBe(
			`--guardrails: cannot read "${join(dir, 'missing.json')}" (no such file)`
		);
		const broken = file('broken.json', '{"seeds": 3,');
		expect(run('--config', broken)).toMatch(
			new RegExp(`^--config ${broken}: not valid JSON: expected .* at line 1`)
		);
		expect(run('--config', file('number.json', '42'))).toContain('must be a pilot config');
		expect(usageMessage(() => setupPilot(pilotArgs(['--scenario', 'nowhere'])))).toContain(
			'--scenario: "nowhere" is neither a preset (dtc-default, two-channels'
		);
	});
});
