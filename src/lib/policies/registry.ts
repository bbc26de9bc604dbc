/**
 * Every policy Marginal can pilot, by kind: how to name it, validate its config and build it.
 * Pilot configs, share links, the CLI and the lab all go through here, so a policy is added in
 * one place. Configs are plain JSON (`{ kind: 'ts-curve', … }`); settings a policy needs from the
 * scenario (e.g. the historical split for BAU policies) are filled in when missing.
 */
import * as v from 'valibot';
import type { Scenario } from '../sim/scenario';
import { hashString } from '../sim/random';
import { formatPath, type FieldError, type Parsed } from '../sim/scenario';
import { BauLastClickSchema, createBauLastClick } from './bau-last-click';
import { BauManualOpsSchema, createBauManualOps } from './bau-manual-ops';
import { BauPlatformRoasSchema, createBauPlatformRoas } from './bau-platform-roas';
import { createBauFixed } from './bau-fixed';
import { createOracle } from './oracle';
import type { Policy } from './policy';
import { rlPolicyKind } from './rl-allocator';
import { createTsCurve, type TsCurveConfig } from './ts-curve';
import { createTsCurveLtv, ltvModelSchema, type TsCurveLtvSpec } from './ts-curve-ltv';
import { banditPolicyKinds } from './bandit-registration';

/** A policy config as written: its kind plus that policy's settings. */
export interface PolicySpec {
	kind: string;
	[setting: string]: unknown;
}

/** What the registry knows about a kind. */
export interface PolicyKind {
	kind: string;
	/** Display name. */
	name: string;
	/** One line on what it does, for pickers. */
	description: string;
	family: 'bau' | 'bandit' | 'model' | 'oracle' | 'rl';
	/** Validate a spec (scenario-dependent defaults already filled). */
	schema: v.GenericSchema<unknown, PolicySpec>;
	/** Build the policy; `seed` seeds its own randomness. */
	create(spec: PolicySpec, seed: number): Policy;
	/** True when its spec needs a trained model (from the Models page), not just its kind. */
	needsModel?: boolean;
}

const sharesSchema = v.strictObject({
	kind: v.literal('bau-fixed'),
	shares: v.record(v.string(), v.pipe(v.number(), v.finite(), v.minValue(0, 'must be ≥ 0')))
}) as unknown as v.GenericSchema<unknown, PolicySpec>;

/** ts-curve's settings (shared by ts-curve-ltv). */
const tsCurveEntries = {
	refitOnDrift: v.optional(v.boolean('must be true or false')),
	forgetting: v.optional(
		v.pipe(
			v.number(),
			v.minValue(0.9, 'must be between 0.9 and 1'),
			v.maxValue(1, 'must be between 0.9 and 1')
		)
	),
	refitEvery: v.optional(
		v.pipe(
			v.number(),
			v.integer('must be a whole number of days'),
			v.minValue(7, 'must be between 7 and 365'),
			v.maxValue(365, 'must be between 7 and 365')
		)
	),
	temperature: v.optional(
		v.pipe(
			v.number(),
			v.minValue(0, 'must be between 0 and 2'),
			v.maxValue(2, 'must be between 0 and 2')
		)
	),
	cadence: v.optional(v.picklist(['day', 'week'], 'must be "day" or "week"'))
};

const unknownSetting = (issue: v.BaseIssue<unknown>) =>
	issue.expected === 'never' ? 'is not a setting of this policy (misspelt?)' : 'must be an object';

const tsCurveSchema = v.strictObject(
	{ kind: v.literal('ts-curve'), ...tsCurveEntries },
	unknownSetting
) as unknown as v.GenericSchema<unknown, PolicySpec>;

const tsCurveLtvSchema = v.strictObject(
	{ kind: v.literal('ts-curve-ltv'), ltvModel: ltvModelSchema, ...tsCurveEntries },
	unknownSetting
) as unknown as v.GenericSchema<unknown, PolicySpec>;

const oracleSchema = v.strictObject({
	kind: v.literal('oracle'),
	targeting: v.optional(v.boolean('must be true or false')),
	replanEvery: v.optional(
		v.pipe(
			v.number(),
			v.integer(),
			v.minValue(1, 'must be between 1 and 28'),
			v.maxValue(28, 'must be between 1 and 28')
		)
	),
	gridPoints: v.optional(
		v.pipe(
			v.number(),
			v.integer(),
			v.minValue(8, 'must be between 8 and 128'),
			v.maxValue(128, 'must be between 8 and 128')
		)
	)
}) as unknown as v.GenericSchema<unknown, PolicySpec>;

const kinds: PolicyKind[] = [
	{
		kind: 'bau-fixed',
		name: 'BAU: fixed historical split',
		description: 'Every channel keeps its historical share of the budget.',
		family: 'bau',
		schema: sharesSchema,
		create: (spec) => createBauFixed(spec as never)
	},
	{
		kind: 'bau-last-click',
		name: 'BAU: last-click ROAS rule',
		description: 'Each month, shift budget toward the channels with the best last-click ROAS.',
		family: 'bau',
		schema: BauLastClickSchema as unknown as v.GenericSchema<unknown, PolicySpec>,
		create: (spec) => createBauLastClick(spec as never)
	},
	{
		kind: 'bau-platform-roas',
		name: 'BAU: platform-ROAS rule',
		description:
			'Each month, shift budget toward the channels whose platforms report the best ROAS.',
		family: 'bau',
		schema: BauPlatformRoasSchema as unknown as v.GenericSchema<unknown, PolicySpec>,
		create: (spec) => createBauPlatformRoas(spec as never)
	},
	{
		kind: 'bau-manual-ops',
		name: 'BAU: manual operations',
		description:
			'Weekly bid changes, pause creatives 20 % over target CPA, refresh creatives quarterly.',
		family: 'bau',
		schema: BauManualOpsSchema as unknown as v.GenericSchema<unknown, PolicySpec>,
		create: (spec) => createBauManualOps(spec as never)
	},
	...banditPolicyKinds,
	{
		kind: 'ts-curve',
		name: 'Thompson sampling on response curves',
		description:
			'A Bayesian model of each channel’s saturating response from your own sales data; spends where drawn marginal returns are highest.',
		family: 'model',
		schema: tsCurveSchema,
		create: (spec, seed) => createTsCurve({ ...(spec as object), kind: 'ts-curve', seed })
	},
	{
		kind: 'ts-curve-ltv',
		name: 'Thompson sampling on response curves, early LTV',
		description:
			'Like Thompson sampling on response curves, but values new customers by an LTV model’s predictions from their first weeks of orders instead of the plan.',
		family: 'model',
		needsModel: true,
		schema: tsCurveLtvSchema,
		create(spec, seed) {
			const { ltvModel, ...settings } = spec as TsCurveLtvSpec;
			return createTsCurveLtv(ltvModel, { ...(settings as Omit<TsCurveConfig, 'kind'>), seed });
		}
	},
	{
		kind: 'oracle',
		name: 'Oracle (ground truth)',
		description: 'Allocates with the simulator’s true response curves: the upper bound.',
		family: 'oracle',
		schema: oracleSchema,
		create: (spec) => createOracle(spec as never)
	},
	// Trained on the Models page; its spec carries the network's weights, so it runs anywhere.
	{ ...rlPolicyKind(() => undefined), needsModel: true }
];

const byKind = new Map(kinds.map((k) => [k.kind, k]));

/** Register more kinds (e.g. the RL allocator, whose module loads TF.js and is registered where it runs). */
export function registerPolicyKind(kind: PolicyKind): void {
	if (!byKind.has(kind.kind)) kinds.push(kind);
	byKind.set(kind.kind, kind);
}

/** All registered kinds, in display order. */
export function policyKinds(): readonly PolicyKind[] {
	return kinds;
}

/** Fill scenario-dependent settings a spec may omit (BAU policies' starting split). */
export function withScenarioDefaults(spec: PolicySpec, scenario: Scenario): PolicySpec {
	if (spec.kind.startsWith('bau-') && spec.shares === undefined) {
		return {
			...spec,
			shares: Object.fromEntries(scenario.channels.map((c) => [c.id, c.historicalShare]))
		};
	}
	return spec;
}

/** Validate a spec; errors name the field (`policies[2].rate: must be between 0 and 1` with a prefix). */
export function parsePolicySpec(
	input: unknown,
	scenario: Scenario,
	prefix = ''
): Parsed<PolicySpec> {
	const at = (path: string) => (prefix ? (path ? `${prefix}.${path}` : prefix) : path);
	if (
		typeof input !== 'object' ||
		input === null ||
		typeof (input as PolicySpec).kind !== 'string'
	) {
		return { ok: false, errors: [{ path: at('kind'), message: 'must name a policy kind' }] };
	}
	const kind = byKind.get((input as PolicySpec).kind);
	if (!kind) {
		return {
			ok: false,
			errors: [
				{
					path: at('kind'),
					message: `"${(input as PolicySpec).kind}" is not a policy; known: ${kinds.map((k) => k.kind).join(', ')}`
				}
			]
		};
	}
	const result = v.safeParse(kind.schema, withScenarioDefaults(input as PolicySpec, scenario), {
		abortPipeEarly: true
	});
	if (!result.success) {
		const errors: FieldError[] = result.issues.map((issue) => ({
			path: at(formatPath((issue.path ?? []).map((item) => item.key as string | number))),
			message: issue.message
		}));
		return { ok: false, errors };
	}
	return { ok: true, value: result.output };
}

/** The id and display name a spec's policy will have (without building it). */
export function policyLabel(spec: PolicySpec): { id: string; name: string } {
	if (spec.kind === 'oracle' && spec.targeting === true)
		return { id: 'oracle-targeting', name: 'Oracle with audience targeting' };
	return { id: spec.kind, name: byKind.get(spec.kind)?.name ?? spec.kind };
}

/**
 * Build a policy for a run on market seed `seed`; its own randomness is seeded from the market
 * seed and its kind, so runs reproduce exactly.
 */
export function createPolicy(spec: PolicySpec, seed: number, scenario?: Scenario): Policy {
	const kind = byKind.get(spec.kind);
	if (!kind) throw new Error(`Unknown policy kind "${spec.kind}"`);
	const full = scenario ? withScenarioDefaults(spec, scenario) : spec;
	// Validation fills each setting's default; callers validate first (parsePolicySpec) to show errors.
	const parsed = v.safeParse(kind.schema, full);
	if (!parsed.success)
		throw new Error(`Invalid ${spec.kind} settings: ${parsed.issues[0].message}`);
	return kind.create(parsed.output, (seed ^ hashString(spec.kind)) >>> 0);
}
