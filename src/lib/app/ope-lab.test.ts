import { describe, expect, it } from 'vitest';
import type { OpeParsed } from '../experiment/ope/log';
import { OpeSession, type OpeEvaluation } from '../experiment/ope/ope-session';
import { OpeLab, type OpeRunner } from './ope-lab.svelte';

/** The engine itself behind the runner interface, as the worker runs it. */
function sessionRunner(): OpeRunner {
	const session = new OpeSession();
	return {
		load: async (source) => session.load(source),
		evaluate: async (source, target, request, _signal, onProgress) =>
			session.evaluate(source, target, { ...request, onProgress }),
		csv: async (source) => session.csv(source)
	};
}

const badCsv = [
	'x_a,action,reward,propensity',
	...Array.from({ length: 12 }, (_, i) => `${i},${i % 2},1,${i === 2 ? '-0.5' : 0.5}`)
].join('\n');

describe('OpeLab', () => {
	it('generates a simulated log, evaluates the target and shows the truth', async () => {
		const lab = new OpeLab(sessionRunner());
		lab.replicates = 100;
		await lab.generate();
		expect(lab.status).toBe('ready');
		expect(lab.summary?.rows).toBe(2190);
		expect(lab.evaluation?.report.estimates.map((e) => e.estimator)).toEqual([
			'replay',
			'ipw',
			'snipw',
			'dm',
			'dr'
		]);
		expect(lab.evaluation?.truth).toBeGreaterThan(0);
		expect((await lab.csv())?.split('\n')).toHaveLength(2192);
	});

	it('replaces the results with row and column messages when a CSV does not load', async () => {
		const lab = new OpeLab(sessionRunner());
		lab.replicates = 50;
		lab.marketSeed = 2;
		await lab.generate();
		await lab.upload(new File([badCsv], 'bad.csv'));
		expect(lab.status).toBe('error');
		expect(lab.issueContext).toBe('load');
		expect(lab.issues[0]).toMatchObject({ row: 4, field: 'propensity' });
		expect(lab.summary).toBeNull();
		expect(lab.evaluation).toBeNull();
	});

	it('keeps only the latest evaluation when a newer one supersedes it', async () => {
		const pending: ((value: OpeParsed<OpeEvaluation>) => void)[] = [];
		const session = new OpeSession();
		const runner: OpeRunner = {
			...sessionRunner(),
			load: async (source) => session.load(source),
			// Results arrive even after an abort, and in reverse order: the state must still keep
			// only the latest request's.
			evaluate: (source, target, request) =>
				new Promise((resolve) => {
					pending.push(() => resolve(session.evaluate(source, target, request)));
				})
		};
		const lab = new OpeLab(runner);
		lab.replicates = 0;
		const first = lab.generate();
		await Promise.resolve();
		await new Promise((r) => setTimeout(r, 0));
		lab.targetKind = 'uniform';
		const second = lab.evaluate();
		expect(pending).toHaveLength(2);
		pending[1]({} as OpeParsed<OpeEvaluation>);
		await second;
		pending[0]({} as OpeParsed<OpeEvaluation>);
		await first;
		expect(lab.status).toBe('ready');
		expect(lab.evaluation?.targetShare.every((share) => Math.abs(share - 1 / 3) < 1e-9)).toBe(true);
	});
});
