/**
 * The bandit allocators as entries of the policy registry (registry.ts lists them), so pilot
 * configs, share links, the CLI and the lab can name them.
 */
import type * as v from 'valibot';
import {
	BANDIT_POLICIES,
	BANDIT_POLICY_KINDS,
	createBanditPolicy,
	type BanditPolicyConfigInput,
	type BanditPolicyKind
} from './bandit-policies';
import type { PolicyKind, PolicySpec } from './registry';

/** One line per bandit allocator, for pickers. */
const DESCRIPTIONS: Record<BanditPolicyKind, string> = {
	'epsilon-greedy':
		'Most of the budget to the channel with the best value per dollar so far; a share at random.',
	ucb1: 'Budget to the channels whose value per dollar could be highest (upper confidence bounds).',
	thompson:
		'Budget in proportion to each channel’s chance of the best value per dollar (Beta posterior).',
	'gaussian-thompson':
		'Like Thompson sampling, with a normal model that learns how noisy each channel’s days are.',
	'discounted-thompson':
		'Thompson sampling that forgets old days, to follow wear-out, seasons and market shifts.',
	'sliding-window-thompson':
		'Thompson sampling on the last weeks only, to follow a changing market.',
	linucb:
		'A linear model per channel on segment, weekday and season; funds optimistic bounds and tilts targeting.',
	lints:
		'A linear model per channel on segment, weekday and season; funds posterior draws and tilts targeting.'
};

/** Registry entries for every bandit allocator (family 'bandit'). */
export const banditPolicyKinds: PolicyKind[] = BANDIT_POLICY_KINDS.map((kind) => ({
	kind,
	name: BANDIT_POLICIES[kind].name,
	description: DESCRIPTIONS[kind],
	family: 'bandit',
	schema: BANDIT_POLICIES[kind].schema as unknown as v.GenericSchema<unknown, PolicySpec>,
	// The registry derives the policy's seed from the market seed and the kind.
	create: (spec, seed) => createBanditPolicy({ ...spec, kind, seed } as BanditPolicyConfigInput)
}));
