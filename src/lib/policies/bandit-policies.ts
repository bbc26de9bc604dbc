/**
 * The bandit allocators, one registry entry per policy kind: its display name, config schema
 * (validated plain data, defaults filled) and factory. `createBanditPolicy` builds any of them
 * from a config; `parseBanditPolicyConfig` validates one from JSON, a link or the editor.
 */
import * as v from 'valibot';
import type { Parsed } from '../sim/scenario';
import { parseWith } from './bandits/schema';
import {
	createDiscountedThompsonAllocator,
	createSlidingWindowThompsonAllocator,
	DiscountedThompsonAllocatorConfigSchema,
	SlidingWindowThompsonAllocatorConfigSchema
} from './discounted-thompson';
import { createEpsilonGreedyAllocator, EpsilonGreedyAllocatorConfigSchema } from './epsilon-greedy';
import {
	createGaussianThompsonAllocator,
	GaussianThompsonAllocatorConfigSchema
} from './gaussian-thompson';
import { createLinTsAllocator, LinTsAllocatorConfigSchema } from './lints';
import { createLinUcbAllocator, LinUcbAllocatorConfigSchema } from './linucb';
import type { Policy } from './policy';
import { createThompsonAllocator, ThompsonAllocatorConfigSchema } from './thompson';
import { createUcb1Allocator, Ucb1AllocatorConfigSchema } from './ucb1';

/** Every bandit allocator: name, config schema and factory, by policy kind. */
export const BANDIT_POLICIES = {
	'epsilon-greedy': {
		name: 'ε-greedy',
		schema: EpsilonGreedyAllocatorConfigSchema,
		create: createEpsilonGreedyAllocator
	},
	ucb1: { name: 'UCB1', schema: Ucb1AllocatorConfigSchema, create: createUcb1Allocator },
	thompson: {
		name: 'Thompson sampling (Beta–Bernoulli)',
		schema: ThompsonAllocatorConfigSchema,
		create: createThompsonAllocator
	},
	'gaussian-thompson': {
		name: 'Thompson sampling (Gaussian)',
		schema: GaussianThompsonAllocatorConfigSchema,
		create: createGaussianThompsonAllocator
	},
	'discounted-thompson': {
		name: 'Discounted Thompson sampling',
		schema: DiscountedThompsonAllocatorConfigSchema,
		create: createDiscountedThompsonAllocator
	},
	'sliding-window-thompson': {
		name: 'Sliding-window Thompson sampling',
		schema: SlidingWindowThompsonAllocatorConfigSchema,
		create: createSlidingWindowThompsonAllocator
	},
	linucb: {
		name: 'LinUCB (contextual)',
		schema: LinUcbAllocatorConfigSchema,
		create: createLinUcbAllocator
	},
	lints: {
		name: 'LinTS (contextual)',
		schema: LinTsAllocatorConfigSchema,
		create: createLinTsAllocator
	}
} as const;

/** A bandit allocator's kind. */
export type BanditPolicyKind = keyof typeof BANDIT_POLICIES;

/** The bandit allocator kinds, in the order they are documented. */
export const BANDIT_POLICY_KINDS = Object.keys(BANDIT_POLICIES) as BanditPolicyKind[];

/** Any bandit allocator's config, told apart by `kind`. */
export const BanditPolicyConfigSchema = v.variant(
	'kind',
	[
		EpsilonGreedyAllocatorConfigSchema,
		Ucb1AllocatorConfigSchema,
		ThompsonAllocatorConfigSchema,
		GaussianThompsonAllocatorConfigSchema,
		DiscountedThompsonAllocatorConfigSchema,
		SlidingWindowThompsonAllocatorConfigSchema,
		LinUcbAllocatorConfigSchema,
		LinTsAllocatorConfigSchema
	],
	`must be one of ${BANDIT_POLICY_KINDS.map((kind) => `"${kind}"`).join(', ')}`
);
/** A bandit allocator config as written (defaults may be omitted). */
export type BanditPolicyConfigInput = v.InferInput<typeof BanditPolicyConfigSchema>;
/** A validated bandit allocator config with every default filled. */
export type BanditPolicyConfig = v.InferOutput<typeof BanditPolicyConfigSchema>;

/** Validate a bandit allocator config; errors name the field. */
export function parseBanditPolicyConfig(input: unknown): Parsed<BanditPolicyConfig> {
	return parseWith(BanditPolicyConfigSchema, input);
}

/** Build the bandit allocator a config describes (throws a readable error if it is invalid). */
export function createBanditPolicy(config: BanditPolicyConfigInput): Policy {
	switch (config.kind) {
		case 'epsilon-greedy':
			return createEpsilonGreedyAllocator(config);
		case 'ucb1':
			return createUcb1Allocator(config);
		case 'thompson':
			return createThompsonAllocator(config);
		case 'gaussian-thompson':
			return createGaussianThompsonAllocator(config);
		case 'discounted-thompson':
			return createDiscountedThompsonAllocator(config);
		case 'sliding-window-thompson':
			return createSlidingWindowThompsonAllocator(config);
		case 'linucb':
			return createLinUcbAllocator(config);
		case 'lints':
			return createLinTsAllocator(config);
	}
}
