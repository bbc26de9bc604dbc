import { describe, expect, it } from 'vitest';
import { parsePilotConfig } from '../experiment/pilot-config';
import { loadPreset } from '../sim/presets';
import { errorsByField, fieldOf, LAB_POLICIES, PilotForm } from './pilot-form.svelte';

const scenario = loadPreset('dtc-default');

describe('PilotForm', () => {
	it('starts with the BAU rules and Thompson sampling on response curves, and a valid config', () => {
		const form = new PilotForm();
		expect(form.policies.map((p) => p.kind)).toEqual(LAB_POLICIES.map((p) => p.kind));
		expect(form.has('ts-curve')).toBe(true);
		const parsed = parsePilotConfig(form.toJson(), scenario);
		expect(parsed.ok).toBe(true);
	});

	it('lets a loaded policy with settings (a trained model) be unticked and ticked again as it was', () => {
		const form = new PilotForm();
		const rl = { kind: 'rl', weights: { inputs: 3 } };
		form.setFromJson({ policies: [{ kind: 'bau-fixed' }, rl] });
		const order = ['bau-fixed', 'rl'];
		form.toggle('rl', false, order);
		expect(form.has('rl')).toBe(false);
		form.toggle('rl', true, order);
		expect(form.policies).toEqual([{ kind: 'bau-fixed' }, rl]);
	});

	it('sets and clears a chosen policy’s setting (ts-curve refitting on drift) in its spec', () => {
		const form = new PilotForm();
		form.setPolicySetting('ts-curve', 'refitOnDrift', true);
		expect(form.policySetting('ts-curve', 'refitOnDrift')).toBe(true);
		const parsed = parsePilotConfig(form.toJson(), scenario);
		expect(parsed.ok && parsed.value.policies.find((p) => p.kind === 'ts-curve')).toEqual({
			kind: 'ts-curve',
			refitOnDrift: true
		});
		form.setPolicySetting('ts-curve', 'refitOnDrift', undefined);
		expect(form.policies.find((p) => p.kind === 'ts-curve')).toEqual({ kind: 'ts-curve' });
	});

	it('keeps a loaded config through the form unchanged, the exploration share exactly', () => {
		const form = new PilotForm();
		const input = {
			policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }],
			seeds: 7,
			firstSeed: 99,
			days: 90,
			objective: 'revenue',
			baseline: 'bau-fixed',
			frequencyThreshold: 4,
			guardrails: {
				maxShiftPct: 25,
				minExplorationShare: 0.07,
				frequencyCapPerDay: null,
				frequencyCapPerWeek: 12,
				maxBidCpm: 30,
				pacing: 'front-loaded',
				channelRange: { display: { min: 100, max: null }, 'brand-search': { min: 0, max: 5000 } },
				maxDailyOverdelivery: 1.5,
				excludeBrandUnsafe: true,
				suppressExistingCustomers: false,
				protectionThreshold: null
			}
		};
		form.setFromJson(input);
		expect(form.guardrails.explorationPct).toBeCloseTo(7);
		const back = form.toJson();
		expect(back).toEqual(input);
		const a = parsePilotConfig(input, scenario);
		const b = parsePilotConfig(back, scenario);
		expect(b).toEqual(a);
	});

	it('writes edited fields: % to a share, empty to "no limit", bounded channels only', () => {
		const form = new PilotForm();
		form.resetRanges(scenario.channels.map((c) => c.id));
		form.guardrails.explorationPct = 5;
		form.guardrails.maxShiftPct = null;
		form.channelRange['display'] = { min: null, max: 800 };
		const g = form.toJson().guardrails;
		expect(g.minExplorationShare).toBe(0.05);
		expect(g.maxShiftPct).toBeNull();
		expect(g.channelRange).toEqual({ display: { min: 0, max: 800 } });
	});

	it('adds and drops policies in the registry’s order, and forgets a dropped baseline', () => {
		const form = new PilotForm();
		const order = ['bau-fixed', 'bau-last-click', 'thompson', 'ts-curve'];
		form.baseline = 'bau-last-click';
		form.toggle('thompson', true, order);
		form.toggle('bau-last-click', false, order);
		expect(form.policies.map((p) => p.kind).slice(0, 3)).toEqual([
			'bau-fixed',
			'thompson',
			'ts-curve'
		]);
		expect(form.baseline).toBe('');
	});

	it('fills missing fields with the defaults and reads unreadable numbers as empty', () => {
		const form = new PilotForm();
		form.setFromJson({ seeds: 'many', guardrails: 'none' });
		expect(form.seeds).toBeNull();
		expect(form.policies.length).toBe(LAB_POLICIES.length);
		expect(form.guardrails.pacing).toBe('even');
	});
});

describe('form errors', () => {
	it('puts each config error next to its field, worded for the form', () => {
		const form = new PilotForm();
		form.seeds = 0;
		form.guardrails.explorationPct = 150;
		const parsed = parsePilotConfig(form.toJson(), scenario);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		const errors = errorsByField(parsed.errors);
		expect(errors.seeds?.[0]).toMatch(/whole number from 1/);
		expect(errors.explorationPct?.[0]).toMatch(/between 0 and 100/);
	});
	it('names the channel of a range error', () => {
		const form = new PilotForm();
		form.channelRange = { display: { min: 500, max: 100 } };
		const parsed = parsePilotConfig(form.toJson(), scenario);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(errorsByField(parsed.errors).channelRange).toEqual(['display max: must be ≥ min']);
	});
	it('maps paths to fields', () => {
		expect(fieldOf('policies[2].rate')).toBe('policies');
		expect(fieldOf('guardrails.pacing')).toBe('pacing');
		expect(fieldOf('guardrails.channelRange.display')).toBe('channelRange');
		expect(fieldOf('firstSeed')).toBe('general');
	});
});
