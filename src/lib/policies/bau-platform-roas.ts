/**
 * BAU (c): the monthly ROAS shift of bau-last-click.ts, trusting what the ad platforms report
 * instead of the site's last-click report. Platforms claim view-through conversions of users they
 * merely reached, so channels that show many impressions to people who would buy anyway (cheap
 * display, retargeting) look best and gain budget. ROAS = platform-claimed value on the objective
 * per unit of spend (platforms report conversions and first-order revenue; LTV is booked at the
 * business's LTV per revenue, see observe.ts `platformValue`).
 */
import * as v from 'valibot';
import type { Parsed } from '../sim/scenario';
import {
	createRoasShift,
	parseConfig,
	roasShiftEntries,
	strictConfig,
	type RoasShiftState
} from './bau-last-click';
import { platformValue } from './observe';
import type { Policy } from './policy';

/** Schema of the BAU (c) config: `{ kind: 'bau-platform-roas', …as BAU (b) }`. */
export const BauPlatformRoasSchema = strictConfig({
	kind: v.literal('bau-platform-roas', 'must be "bau-platform-roas"'),
	...roasShiftEntries
});

/** Config of BAU (c), validated (see `parseBauPlatformRoas`); fields as in BAU (b). */
export type BauPlatformRoasConfig = v.InferOutput<typeof BauPlatformRoasSchema>;
/** As written: every field but `kind` and `shares` may be omitted. */
export type BauPlatformRoasInput = v.InferInput<typeof BauPlatformRoasSchema>;

/** Validate a BAU (c) config and fill its defaults. */
export function parseBauPlatformRoas(input: unknown): Parsed<BauPlatformRoasConfig> {
	return parseConfig(BauPlatformRoasSchema, input);
}

/** BAU (c): shift budget monthly toward the channels with the best platform-reported ROAS. */
export function createBauPlatformRoas(config: BauPlatformRoasConfig): Policy<RoasShiftState> {
	return createRoasShift(
		{ id: 'bau-platform-roas', name: 'BAU: monthly shift by platform ROAS' },
		config,
		platformValue
	);
}
