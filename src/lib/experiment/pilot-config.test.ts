import { describe, expect, it } from 'vitest';
import { loadPreset } from '../sim/presets';
import { formatFieldError } from '../sim/scenario';
import { DEFAULT_POLICIES, DEFAULT_SEEDS, parsePilotConfig } from './pilot-config';

const scenario = loadPreset('dtc-default');
const errors = (input: unknown) => {
	const parsed = parsePilotConfig(input, scenario);
	if (parsed.ok) throw new Error('expected errors');
	return parsed.errors.map(formatFieldError);
};

describe('pilot config', () => {
	it('fills defaults from an empty config', () => {
		const parsed = parsePilotConfig({}, scenario);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		expect(parsed.value.seeds).toBe(DEFAULT_SEEDS);
		expect(parsed.value.firstSeed).toBe(scenario.seed);
		expect(parsed.value.objective).toBe('ltv-profit');
		expect(parsed.value.policies.map((p) => p.kind)).toEqual(DEFAULT_POLICIES.map((p) => p.kind));
		expect(parsed.value.guardrails.maxShiftPct).toBe(Infinity);
	});

	it('validates policies, seeds, objective and guardrails with field paths', () => {
		const list = errors({
			policies: [
				{ kind: 'bau-last-click', rate: 7 },
				{ kind: 'nope' },
				{ kind: 'ucb1', alpha: -1 }
			],
			seeds: 0,
			objective: 'fame',
			guardrails: { maxShiftPct: -3 },
			extra: 1
		});
		expect(list).toContain('policies[0].rate: must be between 0 and 1');
		expect(list.some((e) => e.startsWith('policies[1].kind: "nope" is not a policy'))).toBe(true);
		expect(list).toContain('policies[2].alpha: must be ≥ 0');
		expect(list).toContain('seeds: must be a whole number from 1 to 500');
		expect(list).toContain('objective: must be one of clicks, conversions, revenue, ltv-profit');
		expect(list.some((e) => e.startsWith('guardrails.maxShiftPct:'))).toBe(true);
		expect(list).toContain('extra: is not a field of a pilot config (misspelt?)');
	});

	it('checks guardrail ranges against the scenario’s channels', () => {
		expect(errors({ guardrails: { channelRange: { radio: { min: 0, max: 1 } } } })[0]).toMatch(
			/^guardrails\.channelRange\.radio: is not a channel of this scenario/
		);
	});

	it('refuses duplicate policies and a baseline that is not in the pilot', () => {
		expect(errors({ policies: [{ kind: 'thompson' }, { kind: 'thompson' }] })).toContain(
			'policies[1]: "thompson" is listed twice'
		);
		expect(errors({ policies: [{ kind: 'thompson' }], baseline: 'bau-fixed' })[0]).toMatch(
			/^baseline: must be one of/
		);
	});
});
