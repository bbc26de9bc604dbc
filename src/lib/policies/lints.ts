/**
 * LinTS allocator: one linear model per channel of value per dollar on segment, weekday and
 * season (see contextual-allocator.ts), with the Bayesian posterior θ ~ N(θ̂, noiseSd²·A⁻¹).
 * The budget beyond the exploration floor goes out in chunks, each to the channel whose fresh
 * posterior draw θ̃ scores highest at today's context — probability matching, by context.
 */
import * as v from 'valibot';
import { dot } from './bandits/linear';
import { createLinTs } from './bandits/lints';
import { parseOrThrow, positive, strict } from './bandits/schema';
import {
	allocatorEntries,
	createBanditAllocator,
	type BanditAllocatorState
} from './bandit-allocator';
import {
	contextDimension,
	createContextualLearner,
	tiltEntries,
	type ContextualState
} from './contextual-allocator';
import type { Policy } from './policy';

/** `{ kind: 'lints', noiseSd, l2, segmentTilt, maxTilt, …allocator options }`. */
export const LinTsAllocatorConfigSchema = strict({
	kind: v.literal('lints'),
	/** Day-to-day scatter of a reward around its prediction, units of the reward ceiling (default 0.1). */
	noiseSd: v.optional(positive(), 0.1),
	/**
	 * λ, ridge penalty, > 0 (default 0.05). The prior θ ~ N(0, noiseSd²/λ) has sd ≈ 0.45 here:
	 * wide enough for coefficients of order 0.25, or a channel that starts unlucky is dropped.
	 */
	l2: v.optional(positive(), 0.05),
	...tiltEntries,
	...allocatorEntries
});
/** A validated LinTS allocator config, defaults filled. */
export type LinTsAllocatorConfig = v.InferOutput<typeof LinTsAllocatorConfigSchema>;

/** A LinTS budget allocator (throws a readable error if the config is invalid). */
export function createLinTsAllocator(
	config: v.InferInput<typeof LinTsAllocatorConfigSchema>
): Policy<BanditAllocatorState<ContextualState>> {
	const cfg = parseOrThrow(LinTsAllocatorConfigSchema, config, 'LinTS allocator');
	return createBanditAllocator({ id: 'lints', name: 'LinTS (contextual)' }, cfg, (view) => {
		const { C, S } = view.layout;
		const D = contextDimension(S);
		const bandit = createLinTs({ kind: 'lints', noiseSd: cfg.noiseSd, l2: cfg.l2 }, C, D);
		const theta = new Float64Array(D);
		return createContextualLearner(bandit, { C, S }, cfg, {
			allocate(xs, _chunkWeight, chunks, counts, rng) {
				for (let i = 0; i < chunks; i++) {
					let best = 0;
					let bestDraw = -Infinity;
					for (let c = 0; c < C; c++) {
						const x = xs.subarray(c * D, (c + 1) * D);
						const draw = dot(x, bandit.models.drawTheta(c, rng, cfg.noiseSd, theta), D);
						if (draw > bestDraw) {
							bestDraw = draw;
							best = c;
						}
					}
					counts[best]++;
				}
			},
			sd: (c, x) => cfg.noiseSd * bandit.width(c, x)
		});
	});
}
