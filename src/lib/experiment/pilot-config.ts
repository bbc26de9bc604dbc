/**
 * The pilot config as plain JSON — what the lab's form, share links, saved runs and the CLI
 * exchange — validated against a scenario with errors naming the field
 * (`policies[2].rate: must be between 0 and 1`, `guardrails.maxShiftPct: must be ≥ 0`).
 */
import { parseGuardrails } from '../guardrails/schema';
import type { GuardrailConfig } from '../guardrails/types';
import { OBJECTIVES, type Objective } from '../policies/policy';
import { parsePolicySpec, policyLabel, type PolicySpec } from '../policies/registry';
import type { FieldError, Parsed, Scenario } from '../sim/scenario';
import type { PilotConfig } from './pilot';

/** A pilot config as written: every field optional, defaults below. */
export interface PilotConfigInput {
	policies?: unknown;
	seeds?: unknown;
	firstSeed?: unknown;
	days?: unknown;
	objective?: unknown;
	guardrails?: unknown;
	baseline?: unknown;
	frequencyThreshold?: unknown;
}

/** The policies a pilot compares when none are named: the BAU rules and the best learner. */
export const DEFAULT_POLICIES: readonly PolicySpec[] = [
	{ kind: 'bau-fixed' },
	{ kind: 'bau-last-click' },
	{ kind: 'bau-platform-roas' },
	{ kind: 'bau-manual-ops' },
	{ kind: 'thompson' },
	{ kind: 'ts-curve' },
	{ kind: 'oracle' }
];

export const DEFAULT_SEEDS = 30;
/** Most seeds a pilot may run (a browser tab's patience). */
export const MAX_SEEDS = 500;

function wholeNumber(
	value: unknown,
	path: string,
	min: number,
	max: number,
	errors: FieldError[]
): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		errors.push({ path, message: `must be a whole number from ${min} to ${max}` });
		return undefined;
	}
	return value;
}

/** Validate a pilot config for `scenario`, filling defaults. */
export function parsePilotConfig(input: unknown, scenario: Scenario): Parsed<PilotConfig> {
	if (input === undefined || input === null) input = {};
	if (typeof input !== 'object' || Array.isArray(input)) {
		return { ok: false, errors: [{ path: '', message: 'A pilot config must be a JSON object.' }] };
	}
	const raw = input as PilotConfigInput & Record<string, unknown>;
	const errors: FieldError[] = [];
	const known = [
		'policies',
		'seeds',
		'firstSeed',
		'days',
		'objective',
		'guardrails',
		'baseline',
		'frequencyThreshold'
	];
	for (const key of Object.keys(raw)) {
		if (!known.includes(key))
			errors.push({ path: key, message: 'is not a field of a pilot config (misspelt?)' });
	}

	let policies: PolicySpec[] = [...DEFAULT_POLICIES];
	if (raw.policies !== undefined) {
		if (!Array.isArray(raw.policies) || raw.policies.length === 0) {
			errors.push({ path: 'policies', message: 'must be a non-empty list of policies' });
		} else {
			policies = [];
			const seen = new Set<string>();
			raw.policies.forEach((spec, i) => {
				const parsed = parsePolicySpec(spec, scenario, `policies[${i}]`);
				if (!parsed.ok) errors.push(...parsed.errors);
				else {
					const id = policyLabel(parsed.value).id;
					if (seen.has(id))
						errors.push({ path: `policies[${i}]`, message: `"${id}" is listed twice` });
					seen.add(id);
					policies.push(parsed.value);
				}
			});
		}
	}
	const seeds = wholeNumber(raw.seeds, 'seeds', 1, MAX_SEEDS, errors) ?? DEFAULT_SEEDS;
	const firstSeed = wholeNumber(raw.firstSeed, 'firstSeed', 0, 4294967295, errors) ?? scenario.seed;
	const days = wholeNumber(raw.days, 'days', 1, 3650, errors);
	let objective: Objective = 'ltv-profit';
	if (raw.objective !== undefined) {
		if (
			typeof raw.objective === 'string' &&
			(OBJECTIVES as readonly string[]).includes(raw.objective)
		) {
			objective = raw.objective as Objective;
		} else {
			errors.push({ path: 'objective', message: `must be one of ${OBJECTIVES.join(', ')}` });
		}
	}
	let guardrails: GuardrailConfig | undefined;
	const parsedGuardrails = parseGuardrails(raw.guardrails, {
		channelIds: scenario.channels.map((c) => c.id)
	});
	if (parsedGuardrails.ok) guardrails = parsedGuardrails.value;
	else
		errors.push(
			...parsedGuardrails.errors.map((e) => ({
				path: e.path ? `guardrails.${e.path}` : 'guardrails',
				message: e.message
			}))
		);
	const frequencyThreshold = wholeNumber(
		raw.frequencyThreshold,
		'frequencyThreshold',
		1,
		100,
		errors
	);
	let baseline: string | undefined;
	if (raw.baseline !== undefined) {
		const ids = policies.map((p) => policyLabel(p).id);
		if (typeof raw.baseline !== 'string' || !ids.includes(raw.baseline)) {
			errors.push({
				path: 'baseline',
				message: `must be one of the pilot's policies: ${ids.join(', ')}`
			});
		} else baseline = raw.baseline;
	}
	if (errors.length || !guardrails) return { ok: false, errors };
	return {
		ok: true,
		value: {
			policies,
			seeds,
			firstSeed,
			...(days !== undefined ? { days } : {}),
			objective,
			guardrails,
			...(baseline ? { baseline } : {}),
			...(frequencyThreshold !== undefined ? { frequencyThreshold } : {})
		}
	};
}
