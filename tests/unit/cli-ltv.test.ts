/**
 * ts-curve-ltv on the command line: without a model from the Models page, the CLI trains one on
 * the scenario's history (TF.js, CPU) and runs the pilot with it; a config that brings its own
 * model keeps it.
 */
import { describe, expect, it } from 'vitest';
import { needsLtvModel, withLtvModel } from '../../src/cli/ltv-train';
import { runPilotCommand } from '../../src/cli/pilot-command';
import { parseCommand } from '../../src/cli/sim-args';
import type { LtvWeightsJson } from '../../src/lib/policies/ltv-network';

describe('ts-curve-ltv specs', () => {
	it('need a model only when they have none', () => {
		const model = { columns: 1 } as unknown as LtvWeightsJson;
		expect(needsLtvModel([{ kind: 'ts-curve' }])).toBe(false);
		expect(needsLtvModel([{ kind: 'ts-curve-ltv' }])).toBe(true);
		expect(needsLtvModel([{ kind: 'ts-curve-ltv', ltvModel: model }])).toBe(false);
		expect(needsLtvModel('not a list')).toBe(false);
		const filled = withLtvModel([{ kind: 'ts-curve-ltv' }, { kind: 'bau-fixed' }], model);
		expect(filled).toEqual([{ kind: 'ts-curve-ltv', ltvModel: model }, { kind: 'bau-fixed' }]);
	});
});

describe('npm run sim -- --policies ts-curve-ltv', () => {
	it('trains an LTV model on the history, says so, and runs the pilot with it', async () => {
		const command = parseCommand([
			'--scenario',
			'ltv-shift',
			'--policies',
			'ts-curve,ts-curve-ltv',
			'--seeds',
			'1',
			'--days',
			'40',
			'--format',
			'json',
			'--threads',
			'1'
		]);
		if (command.kind !== 'pilot') throw new Error('expected a pilot command');
		let out = '';
		let err = '';
		const code = await runPilotCommand(command.args, {
			out: (text) => (out += text),
			err: (text) => (err += text),
			progress: false
		});
		expect(code).toBe(0);
		expect(err).toMatch(/Trained an LTV model for ts-curve-ltv/);
		const result = JSON.parse(out) as { policies: { id: string }[] };
		expect(result.policies.map((p) => p.id)).toEqual(['ts-curve', 'ts-curve-ltv', 'oracle']);
	}, 120_000);
});
