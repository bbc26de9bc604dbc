/**
 * Which policies a pilot runs and which is its baseline (plain functions of its config; the
 * pilot, its summary and the lab share them).
 */
import { policyLabel, type PolicySpec } from '../policies/registry';
import type { PilotConfig } from './pilot';

/** Policies of a pilot, with the oracle guaranteed. */
export function pilotPolicies(config: PilotConfig): PolicySpec[] {
	return config.policies.some((p) => p.kind === 'oracle')
		? config.policies
		: [...config.policies, { kind: 'oracle' }];
}

/** Baseline policy id: the configured one, else the first BAU policy, else the first policy. */
export function baselineOf(config: PilotConfig): string {
	const ids = pilotPolicies(config).map((p) => policyLabel(p).id);
	if (config.baseline && ids.includes(config.baseline)) return config.baseline;
	return ids.find((id) => id.startsWith('bau')) ?? ids[0];
}
