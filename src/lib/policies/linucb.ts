/**
 * LinUCB allocator: one linear model per channel of value per dollar on segment, weekday and
 * season (see contextual-allocator.ts). The budget beyond the exploration floor goes out in
 * chunks, each to the channel with the highest bound x̄ᵀθ̂ + alpha·√(x̄ᵀA⁻¹x̄) at today's
 * context x̄; a chunk counts as an observation of its weight before the next is placed
 * (the width becomes √(q / (1 + m·w·q)) after m chunks of weight w, by Sherman–Morrison), so
 * the budget spreads while bounds overlap. Deterministic.
 */
import * as v from 'valibot';
import { createLinUcb } from './bandits/linucb';
import { nonNegative, parseOrThrow, positive, strict } from './bandits/schema';
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

/** `{ kind: 'linucb', alpha, l2, segmentTilt, maxTilt, …allocator options }`. */
export const LinUcbAllocatorConfigSchema = strict({
	kind: v.literal('linucb'),
	/** Width of the bonus, in units of the reward ceiling per unit of √(xᵀA⁻¹x) (default 0.25). */
	alpha: v.optional(nonNegative(), 0.25),
	/** λ, ridge penalty: days at an even share the prior θ = 0 is worth, > 0 (default 0.25). */
	l2: v.optional(positive(), 0.25),
	...tiltEntries,
	...allocatorEntries
});
/** A validated LinUCB allocator config, defaults filled. */
export type LinUcbAllocatorConfig = v.InferOutput<typeof LinUcbAllocatorConfigSchema>;

/** A LinUCB budget allocator (throws a readable error if the config is invalid). */
export function createLinUcbAllocator(
	config: v.InferInput<typeof LinUcbAllocatorConfigSchema>
): Policy<BanditAllocatorState<ContextualState>> {
	const cfg = parseOrThrow(LinUcbAllocatorConfigSchema, config, 'LinUCB allocator');
	return createBanditAllocator({ id: 'linucb', name: 'LinUCB (contextual)' }, cfg, (view) => {
		const { C, S } = view.layout;
		const D = contextDimension(S);
		const bandit = createLinUcb({ kind: 'linucb', alpha: cfg.alpha, l2: cfg.l2 }, C, D);
		const mean = new Float64Array(C);
		const q = new Float64Array(C);
		return createContextualLearner(bandit, { C, S }, cfg, {
			allocate(xs, chunkWeight, chunks, counts) {
				for (let c = 0; c < C; c++) {
					const x = xs.subarray(c * D, (c + 1) * D);
					mean[c] = bandit.estimate(c, x);
					q[c] = bandit.width(c, x) ** 2;
				}
				for (let i = 0; i < chunks; i++) {
					let best = 0;
					let bestBound = -Infinity;
					for (let c = 0; c < C; c++) {
						const bound =
							mean[c] + cfg.alpha * Math.sqrt(q[c] / (1 + counts[c] * chunkWeight * q[c]));
						if (bound > bestBound) {
							bestBound = bound;
							best = c;
						}
					}
					counts[best]++;
				}
			},
			sd(c, x) {
				const residual = bandit.models.residualSd(c);
				return (Number.isNaN(residual) ? 1 : residual) * bandit.width(c, x);
			}
		});
	});
}
