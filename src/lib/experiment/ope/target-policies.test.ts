/** The page's target policies as probability tables over a log's rows. */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { buildTargetTable, checkTargetSpec } from './target-policies';
import { syntheticBandit } from './synthetic';

const bandit = syntheticBandit({ seed: 8, noiseSd: 0.1 });
const log = bandit.sampleLog(800, createStream(1, 3));

function table(spec: Parameters<typeof buildTargetTable>[1], available?: Uint8Array) {
	const result = buildTargetTable(log, spec, { available });
	if (!result.ok) throw new Error(result.errors[0].message);
	return result.value;
}

describe('buildTargetTable', () => {
	it('greedy on the reward model mostly picks the truly best action (a linear truth)', () => {
		const greedy = table({ kind: 'greedy-model' });
		let agree = 0;
		log.rows.forEach((row, i) => {
			let truth = 0;
			for (let a = 1; a < 4; a++) {
				if (bandit.expectedReward(row.context, a) > bandit.expectedReward(row.context, truth))
					truth = a;
			}
			expect(greedy[i].reduce((s, p) => s + p, 0)).toBe(1);
			if (greedy[i][truth] === 1) agree++;
		});
		expect(agree / log.rows.length).toBeGreaterThan(0.9);
	});

	it('softmax goes from greedy to uniform as the temperature rises', () => {
		const cold = table({ kind: 'softmax-model', temperature: 0.01 });
		const hot = table({ kind: 'softmax-model', temperature: 1000 });
		const greedy = table({ kind: 'greedy-model' });
		// Cold: the greedy action gets almost all the probability (bar near-ties between actions).
		let near = 0;
		for (let i = 0; i < log.rows.length; i++) {
			const best = greedy[i].indexOf(1);
			if (cold[i][best] > 0.99) near++;
			for (let a = 0; a < 4; a++) expect(hot[i][a]).toBeCloseTo(0.25, 2);
		}
		expect(near / log.rows.length).toBeGreaterThan(0.9);
	});

	it('keeps uniform and model targets to the available actions', () => {
		const available = new Uint8Array(log.rows.length * 4).fill(1);
		for (let i = 0; i < log.rows.length; i++) available[i * 4 + 3] = 0;
		for (const spec of [
			{ kind: 'uniform' },
			{ kind: 'greedy-model' },
			{ kind: 'softmax-model', temperature: 1 }
		] as const) {
			const t = table(spec, available);
			expect(t.every((row) => row[3] === 0)).toBe(true);
		}
		expect(table({ kind: 'uniform' }, available)[0][0]).toBeCloseTo(1 / 3, 12);
	});

	it('names a fixed action that a row cannot take, and bad settings', () => {
		const available = new Uint8Array(log.rows.length * 4).fill(1);
		available[5 * 4 + 2] = 0;
		const result = buildTargetTable(log, { kind: 'fixed', action: 2 }, { available });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ row: 5, field: 'target' });
		expect(checkTargetSpec({ kind: 'fixed', action: 4 }, 4)).toMatch(/from 0 to 3/);
		expect(checkTargetSpec({ kind: 'softmax-model', temperature: -1 }, 4)).toMatch(/positive/);
		expect(buildTargetTable(log, { kind: 'file' }).ok).toBe(false);
	});
});
