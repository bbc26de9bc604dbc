/**
 * Sharding and threads change nothing: shards merged equal the unsharded pilot byte for byte,
 * one thread and two give identical per-seed results, and merge refuses shards that do not make
 * one whole pilot, with a message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/pilot-command';
import { fromResultsJson, toResultsJson } from '../../src/lib/experiment/results-json';
import { runSeeds } from '../../src/cli/seed-pool';
import { shardSeeds, type ShardFile } from '../../src/cli/shard';
import { main } from '../../src/cli/sim-main';
import { pilotSeeds, summarizePilot, type SeedResult } from '../../src/lib/experiment/pilot';
import { TINY_ARGS, tinyPilot } from './cli-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'marginal-cli-shard-'));
const path = (name: string) => join(dir, name);

/** Run the CLI in this process, capturing what it prints. */
async function sim(...argv: string[]) {
	let out = '';
	let err = '';
	const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), progress: false };
	const code = await main(argv, io);
	return { code, out, err };
}

const { scenario, config } = tinyPilot();
let oneThread: SeedResult[];

beforeAll(async () => {
	oneThread = await runSeeds(scenario, config, pilotSeeds(config), {
		threads: 1,
		keepLogsFor: config.firstSeed
	});
});

describe('shards', () => {
	it('take every n-th seed from position i', () => {
		expect(shardSeeds([10, 11, 12, 13, 14, 15, 16], { index: 1, count: 3 })).toEqual([11, 14]);
		expect(shardSeeds([10, 11], { index: 2, count: 3 })).toEqual([]);
	});

	it('merged, equal the unsharded pilot exactly, in every format', async () => {
		const whole = await sim(...TINY_ARGS, '--threads', '1', '--out', path('whole.json'));
		expect(whole.code).toBe(0);
		for (const index of [0, 1]) {
			const shard = await sim(
				...TINY_ARGS,
				'--threads',
				'1',
				'--shard',
				`${index}/2`,
				'--out',
				path(`s${index}.json`)
			);
			expect(shard.code, shard.err).toBe(0);
			expect(shard.err).toContain(`Wrote shard ${index}/2`);
		}
		const first = fromResultsJson(readFileSync(path('s0.json'), 'utf8')) as ShardFile;
		expect(first.results.map((r) => r.seed)).toEqual([config.firstSeed, config.firstSeed + 2]);
		expect(first.scenarioName).toBe(scenario.name);

		const merged = await sim(
			'merge',
			path('s1.json'),
			path('s0.json'),
			'--out',
			path('merged.json')
		);
		expect(merged.code, merged.err).toBe(0);
		expect(merged.out).toBe(whole.out);
		expect(readFileSync(path('merged.json'), 'utf8')).toBe(
			readFileSync(path('whole.json'), 'utf8')
		);
		const expected = summarizePilot(scenario, config, oneThread);
		expect(fromResultsJson(readFileSync(path('merged.json'), 'utf8'))).toStrictEqual(expected);
		// The first seed's decision logs travel with shard 0.
		expect(Object.keys(expected.logs)).toContain('ts-curve');

		for (const format of ['csv', 'json']) {
			const a = await sim('merge', path('s0.json'), path('s1.json'), '--format', format);
			const b = await sim(...TINY_ARGS, '--threads', '1', '--format', format);
			expect(a.out).toBe(b.out);
		}
	});

	it('are refused when they do not make one whole pilot', async () => {
		const other = await sim(
			...TINY_ARGS,
			'--days',
			'20',
			'--threads',
			'1',
			'--shard',
			'1/2',
			'--out',
			path('other.json')
		);
		expect(other.code).toBe(0);
		const cases: [string[], string][] = [
			[[path('s0.json'), path('s0.json')], `seed ${config.firstSeed} is in both`],
			[[path('s0.json'), path('other.json')], 'was run with another pilot config'],
			[
				[path('s0.json')],
				`1 of the pilot's 3 seeds are missing: ${config.firstSeed + 1} (shards 1/2 not given?)`
			],
			[[path('nothing.json')], `cannot read "${path('nothing.json')}"`]
		];
		writeFileSync(path('result.json'), readFileSync(path('whole.json')));
		cases.push([[path('result.json')], 'is not a shard file (written by --shard)']);
		const edited = fromResultsJson(readFileSync(path('s1.json'), 'utf8')) as ShardFile;
		edited.scenario = { ...edited.scenario, dailyBudget: 1 };
		writeFileSync(path('edited.json'), toResultsJson(edited));
		cases.push([[path('s0.json'), path('edited.json')], 'is from another scenario']);
		for (const [files, message] of cases) {
			const run = await sim('merge', ...files);
			expect(run.code, files.join(' ')).toBe(2);
			expect(run.err).toContain(message);
			expect(run.out).toBe('');
		}
	});
});

describe('threads', () => {
	it('give the same per-seed results with one thread as with two workers', async () => {
		const heard: [number, number, number][] = [];
		const twoThreads = await runSeeds(scenario, config, pilotSeeds(config), {
			threads: 2,
			keepLogsFor: config.firstSeed,
			onSeed: (timed, done, total) => heard.push([timed.result.seed, done, total])
		});
		expect(twoThreads).toStrictEqual(oneThread);
		// Progress is heard once per seed, counting up to the total, on the worker path too.
		const seeds = pilotSeeds(config);
		expect(heard.map(([seed]) => seed).sort((a, b) => a - b)).toEqual(seeds);
		expect(heard.map(([, done]) => done)).toEqual(seeds.map((_, i) => i + 1));
		expect(heard.every(([, , total]) => total === seeds.length)).toBe(true);
		expect(twoThreads[0].logs['thompson'].day).toBeInstanceOf(Int32Array);
	});
});
