/**
 * Which policy a pilot's headline is about: the best learning policy (neither business as usual
 * nor the oracle) on the objective's business metric — the pilot asks whether learning beats
 * BAU — or, when no learning policy ran, the best other non-baseline policy. The Lab's headline,
 * a saved run's name and headline, and the report all use this one rule.
 */
import { OBJECTIVE_METRIC, type PilotResult, type PolicySummary } from './pilot';

/** The policies compared with the baseline: every one but the baseline and the oracles. */
export function contenders(result: PilotResult): PolicySummary[] {
	return result.policies.filter((p) => p.id !== result.baseline && !p.id.startsWith('oracle'));
}

/**
 * The headline policy of a result, or null when only the baseline (and the oracle) ran — or,
 * with `fallback` false, when no learning policy ran.
 */
export function headlinePolicy(result: PilotResult, fallback = true): PolicySummary | null {
	const metric = OBJECTIVE_METRIC[result.objective] ?? 'ltvProfit';
	const others = contenders(result);
	const learners = others.filter((p) => !p.id.startsWith('bau'));
	const pool = learners.length || !fallback ? learners : others;
	return pool.reduce<PolicySummary | null>(
		(top, p) =>
			top === null || p.metrics[metric].value.mean > top.metrics[metric].value.mean ? p : top,
		null
	);
}
