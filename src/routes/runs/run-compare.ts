/**
 * Two saved runs side by side, as plain data: what differs in how they were set up, their
 * headlines, and per policy (matched by id) LTV-profit, its difference to each run's baseline
 * and the share of the oracle, with the change from the first run to the second. Pure; the
 * compare view only formats.
 */
import type { Estimate } from '$lib/experiment/stats';
import { guardrailsToJson } from '$lib/guardrails';
import type { SavedRun } from '$lib/storage';

/** One setting of the two runs, and whether it differs. */
export interface SettingDiff {
	label: string;
	a: string;
	b: string;
	differs: boolean;
}

/** A policy in either run: its estimates in each (null where it did not run). */
export interface PolicyComparison {
	id: string;
	name: string;
	/** LTV-profit over the pilot, currency units. */
	ltvProfit: [Estimate | null, Estimate | null];
	/** LTV-profit minus that run's baseline, paired over seeds, currency units. */
	vsBaseline: [Estimate | null, Estimate | null];
	/** LTV-profit as a share of that run's oracle (0–1). */
	shareOfOracle: [Estimate | null, Estimate | null];
	/** Second run's mean LTV-profit minus the first's, currency units (null if not in both). */
	change: number | null;
}

/** Everything the compare view shows. */
export interface RunComparison {
	settings: SettingDiff[];
	policies: PolicyComparison[];
	/** Whether the two runs report money in the same currency (else no differences are taken). */
	sameCurrency: boolean;
}

/** Guardrails as JSON fields ("no limit" as null), so two configs compare field by field. */
const guardrailFields = (run: SavedRun): Record<string, unknown> =>
	JSON.parse(guardrailsToJson(run.config.guardrails)) as Record<string, unknown>;

/** One row per guardrail that differs, or one "same" row. */
function guardrailDiffs(a: SavedRun, b: SavedRun): SettingDiff[] {
	const ga = guardrailFields(a);
	const gb = guardrailFields(b);
	const text = (value: unknown) =>
		value === undefined ? 'not set' : value === null ? 'no limit' : JSON.stringify(value);
	const rows = [...new Set([...Object.keys(ga), ...Object.keys(gb)])]
		.filter((key) => JSON.stringify(ga[key]) !== JSON.stringify(gb[key]))
		.map((key) => ({
			label: `Guardrail ${key}`,
			a: text(ga[key]),
			b: text(gb[key]),
			differs: true
		}));
	return rows.length > 0 ? rows : [{ label: 'Guardrails', a: 'same', b: 'same', differs: false }];
}

/** The settings that shape a run's numbers, as text. */
function settingsOf(run: SavedRun): [string, string][] {
	return [
		['Scenario', run.scenarioName],
		['Objective', run.objective],
		['Seeds', `${run.seeds} from seed ${run.firstSeed}`],
		['Pilot days', String(run.days)],
		['Baseline', run.headline.baseline.name],
		['Policies', run.policies.map((p) => p.name).join(', ')]
	];
}

/** Compare run `a` (first) with run `b` (second). */
export function compareRuns(a: SavedRun, b: SavedRun): RunComparison {
	const sa = settingsOf(a);
	const sb = settingsOf(b);
	const settings = [
		...sa.map(([label, va], i) => ({ label, a: va, b: sb[i][1], differs: va !== sb[i][1] })),
		...guardrailDiffs(a, b)
	];
	const sameCurrency = a.result.currency === b.result.currency;
	const ids = [...a.result.policies, ...b.result.policies]
		.map((p) => p.id)
		.filter((id, i, all) => all.indexOf(id) === i);
	const policies = ids.map((id): PolicyComparison => {
		const pa = a.result.policies.find((p) => p.id === id) ?? null;
		const pb = b.result.policies.find((p) => p.id === id) ?? null;
		return {
			id,
			name: (pa ?? pb)!.name,
			ltvProfit: [pa?.metrics.ltvProfit.value ?? null, pb?.metrics.ltvProfit.value ?? null],
			vsBaseline: [
				pa?.metrics.ltvProfit.vsBaseline ?? null,
				pb?.metrics.ltvProfit.vsBaseline ?? null
			],
			shareOfOracle: [pa?.shareOfOracle ?? null, pb?.shareOfOracle ?? null],
			change:
				pa && pb && sameCurrency
					? pb.metrics.ltvProfit.value.mean - pa.metrics.ltvProfit.value.mean
					: null
		};
	});
	return { settings, policies, sameCurrency };
}
