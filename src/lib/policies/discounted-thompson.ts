/**
 * Thompson sampling allocators for drifting markets: like `thompson` (Beta–Bernoulli on value
 * per dollar as a share of the reward ceiling, budget in probability-matched chunks), but the
 * evidence forgets — discounted by `discount` per day, or limited to the last `window` days —
 * so the allocation follows creative wear-out, seasons and regime shifts instead of averaging
 * over them.
 */
import * as v from 'valibot';
import {
	createDiscountedThompson,
	createSlidingWindowThompson,
	DiscountedThompsonConfigSchema,
	type DriftingThompson,
	type DriftingThompsonState
} from './bandits/discounted-thompson';
import { between, int, parseOrThrow, strict } from './bandits/schema';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState,
	type ChannelLearner
} from './bandit-allocator';
import type { Policy } from './policy';
import { clipUnit } from './thompson';

const { priorAlpha, priorBeta } = DiscountedThompsonConfigSchema.entries;

/** `{ kind: 'discounted-thompson', discount, priorAlpha, priorBeta, …allocator options }`. */
export const DiscountedThompsonAllocatorConfigSchema = strict({
	kind: v.literal('discounted-thompson'),
	/** γ: weight a day's evidence keeps per day, 0–1 (default 0.97: a memory of ~33 days). */
	discount: v.optional(between(0, 1), 0.97),
	priorAlpha,
	priorBeta,
	...allocatorEntries
});
/** A validated discounted Thompson allocator config, defaults filled. */
export type DiscountedThompsonAllocatorConfig = v.InferOutput<
	typeof DiscountedThompsonAllocatorConfigSchema
>;

/** `{ kind: 'sliding-window-thompson', window, priorAlpha, priorBeta, …allocator options }`. */
export const SlidingWindowThompsonAllocatorConfigSchema = strict({
	kind: v.literal('sliding-window-thompson'),
	/** Days of evidence kept, 1–365 (default 28: four weeks of weekdays). */
	window: v.optional(int(1, 365), 28),
	priorAlpha,
	priorBeta,
	...allocatorEntries
});
/** A validated sliding-window Thompson allocator config, defaults filled. */
export type SlidingWindowThompsonAllocatorConfig = v.InferOutput<
	typeof SlidingWindowThompsonAllocatorConfigSchema
>;

/** The learner both share: learn a day, then advance the bandit by a day. */
function driftingLearner(
	bandit: DriftingThompson,
	C: number
): ChannelLearner<DriftingThompsonState> {
	return {
		learn(day) {
			for (let c = 0; c < C; c++) {
				if (!(day.weight[c] > 0) || Number.isNaN(day.reward[c])) continue;
				const r = clipUnit(day.reward[c]);
				bandit.update(c, day.weight[c] * r, day.weight[c] * (1 - r));
			}
			bandit.advance();
		},
		allocate(_context, rng, chunks, counts) {
			bandit.selectMany(rng, chunks, counts);
		},
		estimate(_context, mean, sd) {
			for (let c = 0; c < C; c++) {
				mean[c] = bandit.mean(c);
				sd[c] = bandit.sd(c);
			}
		},
		getState: () => bandit.getState(),
		setState: (state) => bandit.setState(state)
	};
}

/** A discounted Thompson budget allocator (throws a readable error if the config is invalid). */
export function createDiscountedThompsonAllocator(
	config: v.InferInput<typeof DiscountedThompsonAllocatorConfigSchema>
): Policy<BanditAllocatorState<DriftingThompsonState>> {
	const cfg = parseOrThrow(
		DiscountedThompsonAllocatorConfigSchema,
		config,
		'discounted Thompson allocator'
	);
	return createBanditAllocator(
		{ id: 'discounted-thompson', name: 'Discounted Thompson sampling' },
		cfg,
		(view) =>
			driftingLearner(
				createDiscountedThompson(
					{
						kind: 'discounted-thompson',
						discount: cfg.discount,
						priorAlpha: cfg.priorAlpha,
						priorBeta: cfg.priorBeta
					},
					view.layout.C
				),
				view.layout.C
			)
	);
}

/** A sliding-window Thompson budget allocator (throws a readable error if the config is invalid). */
export function createSlidingWindowThompsonAllocator(
	config: v.InferInput<typeof SlidingWindowThompsonAllocatorConfigSchema>
): Policy<BanditAllocatorState<DriftingThompsonState>> {
	const cfg = parseOrThrow(
		SlidingWindowThompsonAllocatorConfigSchema,
		config,
		'sliding-window Thompson allocator'
	);
	return createBanditAllocator(
		{ id: 'sliding-window-thompson', name: 'Sliding-window Thompson sampling' },
		cfg,
		(view) =>
			driftingLearner(
				createSlidingWindowThompson(
					{
						kind: 'sliding-window-thompson',
						window: cfg.window,
						priorAlpha: cfg.priorAlpha,
						priorBeta: cfg.priorBeta
					},
					view.layout.C
				),
				view.layout.C
			)
	);
}
