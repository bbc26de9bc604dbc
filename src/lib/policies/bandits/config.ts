/**
 * Every bandit's config as one discriminated union on `kind` (MABWiser-style learning policies
 * as plain, validated data), with defaults filled on parse and errors that name the field.
 */
import * as v from 'valibot';
import type { Parsed } from '../../sim/scenario';
import { BetaThompsonConfigSchema } from './beta-thompson';
import {
	DiscountedThompsonConfigSchema,
	SlidingWindowThompsonConfigSchema
} from './discounted-thompson';
import { EpsilonGreedyConfigSchema } from './epsilon-greedy';
import { GaussianThompsonConfigSchema } from './gaussian-thompson';
import { LinTsConfigSchema } from './lints';
import { LinUcbConfigSchema } from './linucb';
import { parseWith } from './schema';
import { Ucb1ConfigSchema } from './ucb1';

/** The bandit algorithms by name, in the order they are documented. */
export const BANDIT_KINDS = [
	'epsilon-greedy',
	'ucb1',
	'beta-thompson',
	'gaussian-thompson',
	'discounted-thompson',
	'sliding-window-thompson',
	'linucb',
	'lints'
] as const;

/** Any bandit config, told apart by `kind`. */
export const BanditConfigSchema = v.variant(
	'kind',
	[
		EpsilonGreedyConfigSchema,
		Ucb1ConfigSchema,
		BetaThompsonConfigSchema,
		GaussianThompsonConfigSchema,
		DiscountedThompsonConfigSchema,
		SlidingWindowThompsonConfigSchema,
		LinUcbConfigSchema,
		LinTsConfigSchema
	],
	(issue) =>
		`must be one of ${BANDIT_KINDS.map((kind) => `"${kind}"`).join(', ')}` +
		(issue.received === 'undefined' ? ' (kind is missing)' : `, got ${issue.received}`)
);

/** A bandit config as written (defaults may be omitted). */
export type BanditConfigInput = v.InferInput<typeof BanditConfigSchema>;
/** A validated bandit config with every default filled. */
export type BanditConfig = v.InferOutput<typeof BanditConfigSchema>;
/** The bandit algorithms by name. */
export type BanditKind = BanditConfig['kind'];

/** Validate a bandit config (from JSON, a link or the editor). */
export function parseBanditConfig(input: unknown): Parsed<BanditConfig> {
	return parseWith(BanditConfigSchema, input);
}
