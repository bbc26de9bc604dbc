/**
 * The lab's pilot form: the fields a user edits, and the plain pilot-config JSON they stand for
 * (`toJson`, what links and saved runs carry; validated by `parsePilotConfig`). Loading JSON
 * (`setFromJson`) fills the fields and keeps what the form does not show (policy settings,
 * channel ranges, pacing…), so a config survives a round trip through the form unchanged.
 */
import type { PolicySpec } from '../policies/registry';
import type { Objective } from '../policies/policy';
import type { FieldError } from '../sim/scenario';

/** Pilot config JSON as the form writes it (`PilotConfigInput` with concrete values). */
export interface PilotConfigJson {
	policies: PolicySpec[];
	seeds: number | null;
	firstSeed?: number | null;
	days?: number | null;
	objective: Objective;
	baseline?: string;
	frequencyThreshold?: unknown;
	guardrails: Record<string, unknown>;
	[field: string]: unknown;
}

/** The policies the lab starts with: the business-as-usual rules and the best learner. */
export const LAB_POLICIES: readonly PolicySpec[] = [
	{ kind: 'bau-fixed' },
	{ kind: 'bau-last-click' },
	{ kind: 'bau-platform-roas' },
	{ kind: 'bau-manual-ops' },
	{ kind: 'ts-curve' }
];

/** Seeds the lab runs unless told otherwise (enough for useful intervals in seconds). */
export const LAB_SEEDS = 20;

/** The guardrails the form shows, in the units it shows them. */
export interface GuardrailFields {
	/** Largest change of a channel's budget per decision, % (null: no limit). */
	maxShiftPct: number | null;
	/** Exploration floor: every channel keeps at least this % of the daily budget (null: 0). */
	explorationPct: number | null;
	/** Impressions per user per day (null: no cap). */
	frequencyCapPerDay: number | null;
	/** Maximum bid, CPM (null: no cap). */
	maxBidCpm: number | null;
	/** How a day's budget is spread over its slots. */
	pacing: 'even' | 'front-loaded';
	excludeBrandUnsafe: boolean;
	suppressExistingCustomers: boolean;
}

/** One channel's daily budget range as the form shows it, currency/day (null: no bound). */
export interface RangeField {
	min: number | null;
	max: number | null;
}

/** Guardrail keys the form edits (the rest of a loaded guardrail object is kept as is). */
const FORM_GUARDRAILS = [
	'maxShiftPct',
	'minExplorationShare',
	'frequencyCapPerDay',
	'maxBidCpm',
	'pacing',
	'channelRange',
	'excludeBrandUnsafe',
	'suppressExistingCustomers'
] as const;

const DEFAULT_FIELDS: GuardrailFields = {
	maxShiftPct: null,
	explorationPct: null,
	frequencyCapPerDay: null,
	maxBidCpm: null,
	pacing: 'even',
	excludeBrandUnsafe: false,
	suppressExistingCustomers: false
};

/** A number input's value: a finite number, or null (empty or unreadable). */
const numeric = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

export class PilotForm {
	/** The policies chosen, with their settings (the oracle always runs; it need not be listed). */
	policies = $state<PolicySpec[]>(LAB_POLICIES.map((spec) => ({ ...spec })));
	/** Policy id to compare against; '' = the first BAU policy. */
	baseline = $state('');
	objective = $state<Objective>('ltv-profit');
	/** Seeds to run; null while the field is empty or unreadable (an error). */
	seeds = $state<number | null>(LAB_SEEDS);
	/** Pilot days; null = the scenario's horizon. */
	days = $state<number | null>(null);
	guardrails = $state<GuardrailFields>({ ...DEFAULT_FIELDS });
	/** Daily budget range per channel id (channels without an entry have no bounds). */
	channelRange = $state<Record<string, RangeField>>({});
	/** The exploration share as loaded, with the % shown for it (kept exact through the form). */
	#loadedShare: { pct: number; share: number } | null = null;
	/** Parts of a loaded config the form does not show, written back unchanged. */
	#extra = $state.raw<Record<string, unknown>>({});
	#extraGuardrails = $state.raw<Record<string, unknown>>({});

	/**
	 * Policies that need more than their kind to run, by kind — the RL allocator carries its
	 * trained weights (from the Models page). Only these kinds of family 'rl' can be chosen.
	 */
	prepared = $state.raw<Record<string, PolicySpec>>({});

	/** Whether a policy kind is chosen. */
	has(kind: string): boolean {
		return this.policies.some((spec) => spec.kind === kind);
	}

	/** Choose or drop a policy kind (kept in the registry's order given by `order`). */
	toggle(kind: string, on: boolean, order: readonly string[]): void {
		if (on === this.has(kind)) return;
		const next = on
			? [...this.policies, this.prepared[kind] ?? { kind }]
			: this.policies.filter((spec) => spec.kind !== kind);
		const rank = (spec: PolicySpec) => {
			const i = order.indexOf(spec.kind);
			return i < 0 ? order.length : i;
		};
		this.policies = next.sort((a, b) => rank(a) - rank(b));
		if (!on && this.baseline === kind) this.baseline = '';
	}

	/** A setting of a chosen policy's spec (undefined when not chosen or left at its default). */
	policySetting(kind: string, key: string): unknown {
		return this.policies.find((spec) => spec.kind === kind)?.[key];
	}

	/** Set (or, with undefined, drop back to the default) a setting of a chosen policy. */
	setPolicySetting(kind: string, key: string, value: unknown): void {
		this.policies = this.policies.map((spec) => {
			if (spec.kind !== kind) return spec;
			const next: PolicySpec = { ...spec };
			if (value === undefined) delete next[key];
			else next[key] = value;
			return next;
		});
	}

	/** The config JSON the fields stand for. */
	toJson(): PilotConfigJson {
		const g = this.guardrails;
		const json: PilotConfigJson = {
			...this.#extra,
			// A deep plain copy: specs can carry nested data (trained weights) that must cross to workers.
			policies: $state.snapshot(this.policies) as PolicySpec[],
			seeds: this.seeds,
			objective: this.objective,
			guardrails: {
				...this.#extraGuardrails,
				maxShiftPct: g.maxShiftPct,
				minExplorationShare: this.#explorationShare(),
				frequencyCapPerDay: g.frequencyCapPerDay,
				maxBidCpm: g.maxBidCpm,
				pacing: g.pacing,
				channelRange: this.#rangesJson(),
				excludeBrandUnsafe: g.excludeBrandUnsafe,
				suppressExistingCustomers: g.suppressExistingCustomers
			}
		};
		if (this.days !== null) json.days = this.days;
		if (this.baseline) json.baseline = this.baseline;
		return json;
	}

	/** The exploration floor as a share; a loaded share stays exact while its % is unchanged. */
	#explorationShare(): number {
		const pct = this.guardrails.explorationPct;
		if (pct === null) return 0;
		const loaded = this.#loadedShare;
		return loaded && loaded.pct === pct ? loaded.share : pct / 100;
	}

	/** Channel ranges as JSON: only channels with a bound (null max = no limit). */
	#rangesJson(): Record<string, { min: number; max: number | null }> {
		const out: Record<string, { min: number; max: number | null }> = {};
		for (const [id, range] of Object.entries(this.channelRange)) {
			if (range.min === null && range.max === null) continue;
			out[id] = { min: range.min ?? 0, max: range.max };
		}
		return out;
	}

	/** Start the channel ranges over for a scenario's channels (none bounded). */
	resetRanges(channelIds: readonly string[]): void {
		this.channelRange = Object.fromEntries(channelIds.map((id) => [id, { min: null, max: null }]));
	}

	/**
	 * Fill the fields from config JSON (from a link or a saved run). Fields it lacks get the
	 * form's defaults; what the form does not show is kept for `toJson`.
	 */
	setFromJson(input: unknown): void {
		const raw = (
			typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}
		) as Record<string, unknown>;
		const { policies, seeds, days, objective, baseline, guardrails, ...extra } = raw;
		this.policies = Array.isArray(policies)
			? (policies as PolicySpec[]).map((spec) => ({ ...spec }))
			: LAB_POLICIES.map((spec) => ({ ...spec }));
		// A loaded spec with settings (a trained model's weights, say) can be unticked and ticked
		// again as it was — for a kind that needs a model, that is the only way to tick it.
		this.prepared = {
			...this.prepared,
			...Object.fromEntries(
				this.policies
					.filter((spec) => Object.keys(spec).length > 1)
					.map((spec) => [spec.kind, { ...spec }])
			)
		};
		this.seeds = seeds === undefined ? LAB_SEEDS : numeric(seeds);
		this.days = numeric(days);
		this.objective = typeof objective === 'string' ? (objective as Objective) : 'ltv-profit';
		this.baseline = typeof baseline === 'string' ? baseline : '';
		const g = (typeof guardrails === 'object' && guardrails !== null ? guardrails : {}) as Record<
			string,
			unknown
		>;
		const extraGuardrails = { ...g };
		for (const key of FORM_GUARDRAILS) delete extraGuardrails[key];
		this.#extraGuardrails = extraGuardrails;
		const share = numeric(g.minExplorationShare);
		const pct = share === null || share === 0 ? null : share * 100;
		this.#loadedShare = pct === null || share === null ? null : { pct, share };
		const ranges = (
			typeof g.channelRange === 'object' && g.channelRange !== null ? g.channelRange : {}
		) as Record<string, { min?: unknown; max?: unknown } | null>;
		this.channelRange = Object.fromEntries(
			Object.entries(ranges).map(([id, range]) => [
				id,
				{ min: numeric(range?.min), max: numeric(range?.max) }
			])
		);
		this.guardrails = {
			maxShiftPct: numeric(g.maxShiftPct),
			explorationPct: pct,
			frequencyCapPerDay: numeric(g.frequencyCapPerDay),
			maxBidCpm: numeric(g.maxBidCpm),
			pacing: g.pacing === 'front-loaded' ? 'front-loaded' : 'even',
			excludeBrandUnsafe: g.excludeBrandUnsafe === true,
			suppressExistingCustomers: g.suppressExistingCustomers === true
		};
		this.#extra = extra;
	}
}

/** Where a config error is shown: next to a form field, or in the form's general list. */
export type FormField =
	| 'policies'
	| 'baseline'
	| 'objective'
	| 'seeds'
	| 'days'
	| keyof GuardrailFields
	| 'channelRange'
	| 'general';

const GUARDRAIL_FIELD: Record<string, keyof GuardrailFields> = {
	'guardrails.maxShiftPct': 'maxShiftPct',
	'guardrails.minExplorationShare': 'explorationPct',
	'guardrails.frequencyCapPerDay': 'frequencyCapPerDay',
	'guardrails.maxBidCpm': 'maxBidCpm',
	'guardrails.pacing': 'pacing',
	'guardrails.excludeBrandUnsafe': 'excludeBrandUnsafe',
	'guardrails.suppressExistingCustomers': 'suppressExistingCustomers'
};

/** The form field an error path belongs to. */
export function fieldOf(path: string): FormField {
	if (path === 'policies' || path.startsWith('policies[')) return 'policies';
	if (path in GUARDRAIL_FIELD) return GUARDRAIL_FIELD[path];
	if (path.startsWith('guardrails.channelRange')) return 'channelRange';
	if (['baseline', 'objective', 'seeds', 'days'].includes(path)) return path as FormField;
	return 'general';
}

/**
 * A config error worded for the form: JSON's "null for no limit" is an empty field there, and
 * the exploration floor is entered in %. General errors keep their path.
 */
export function formMessage(error: FieldError): string {
	const field = fieldOf(error.path);
	let message = error.message.replace('or null for no limit', 'or empty for no limit');
	if (field === 'explorationPct') message = message.replace('between 0 and 1', 'between 0 and 100');
	if (field === 'channelRange') {
		// "guardrails.channelRange.search.max" → "search max"
		const where = error.path.replace('guardrails.channelRange', '').replace(/\./g, ' ').trim();
		return where ? `${where}: ${message}` : message;
	}
	return field === 'general' || field === 'policies'
		? `${error.path ? `${error.path}: ` : ''}${message}`
		: message;
}

/** Errors grouped by the form field they belong to, worded for the form. */
export function errorsByField(errors: readonly FieldError[]): Partial<Record<FormField, string[]>> {
	const out: Partial<Record<FormField, string[]>> = {};
	for (const error of errors) (out[fieldOf(error.path)] ??= []).push(formMessage(error));
	return out;
}
