import type { ScenarioInput } from '../scenario';
import { dtcDefault } from './dtc-default';

/**
 * The DTC brand of dtc-default, except that from the pilot's second day its high-value
 * enthusiasts order again a third as often (a competitor's subscription launched): their
 * lifetime margin falls from about $165 to $84 a customer, while the plan still says $165.
 * A policy that waits for a year of revenue keeps paying for them at the old value; one that
 * reads the first weeks of orders can notice within a month.
 */
export const ltvShift: ScenarioInput = {
	...dtcDefault,
	name: 'DTC brand, enthusiasts’ value halves',
	description:
		'dtc-default, but from day 1 of the pilot high-value enthusiasts repeat-order a third as often: their lifetime value halves while the plan still counts the old one.',
	regimeShifts: [
		{ day: 1, path: 'segments[enthusiasts].repeatOrdersPerMonth', value: 0.1 },
		{ day: 1, path: 'segments[deal-seekers].repeatOrdersPerMonth', value: 0.9 }
	]
};
