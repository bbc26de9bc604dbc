/**
 * Trained policies the Models page hands to the Lab ("Use in a pilot"), kept in one setting:
 * every kind's latest spec (the RL allocator and ts-curve-ltv can both be on offer) and which
 * was handed over last (the Lab ticks that one). Older versions stored a single spec; it reads
 * as an offer of that one. Pure: the caller reads and writes the setting.
 */
import type { PolicySpec } from '../policies/registry';

/** What the setting holds. */
export interface LabModels {
	/** Latest spec per policy kind. */
	specs: Record<string, PolicySpec>;
	/** Kind handed over last (null: none). */
	latest: string | null;
}

const isSpec = (value: unknown): value is PolicySpec =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as { kind?: unknown }).kind === 'string';

/** The setting's value read back (anything unexpected reads as no offer). */
export function readLabModels(value: unknown): LabModels {
	if (isSpec(value)) return { specs: { [value.kind]: value }, latest: value.kind };
	const v = value as Partial<LabModels> | null;
	if (!v || typeof v !== 'object' || typeof v.specs !== 'object' || v.specs === null)
		return { specs: {}, latest: null };
	const specs = Object.fromEntries(
		Object.entries(v.specs).filter(([kind, spec]) => isSpec(spec) && spec.kind === kind)
	) as Record<string, PolicySpec>;
	const latest = typeof v.latest === 'string' && v.latest in specs ? v.latest : null;
	return { specs, latest };
}

/** The setting after handing `spec` over (it replaces an earlier one of its kind). */
export function offerLabModel(value: unknown, spec: PolicySpec): LabModels {
	const current = readLabModels(value);
	return { specs: { ...current.specs, [spec.kind]: spec }, latest: spec.kind };
}
