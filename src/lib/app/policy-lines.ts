/**
 * Per-policy day series for the line charts (cumulative LTV-profit against the baseline, regret
 * against the oracle): each policy's mean with its 95 % band, the band only when several seeds
 * give one. Pure; the report, the print report and the lab share it.
 */
import type { PolicyStyle } from '$lib/charts/palette';
import type { PolicySeries } from '$lib/charts/PolicyLinesChart.svelte';
import type { PilotResult, PolicySummary } from '$lib/experiment/pilot';

/** A policy's series: mean per day and, when it has one, its band. */
export interface DaySeries {
	values: readonly number[];
	band?: { low: readonly number[]; high: readonly number[] };
}

/** Series of the policies `keep` accepts, styled, with bands over more than one seed. */
export function policyLines(
	result: PilotResult,
	styles: Record<string, PolicyStyle>,
	keep: (policy: PolicySummary) => boolean,
	pick: (policy: PolicySummary) => DaySeries
): PolicySeries[] {
	const banded = result.seeds.length > 1;
	return result.policies.filter(keep).map((p) => {
		const { values, band } = pick(p);
		return {
			id: p.id,
			name: p.name,
			...styles[p.id],
			values,
			low: banded ? band?.low : undefined,
			high: banded ? band?.high : undefined
		};
	});
}
