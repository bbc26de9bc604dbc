/**
 * The guardrails every policy runs under. (First version: total budget, non-negative spend and
 * even pacing; the full rule set is being built on this interface.)
 */
import type { Decision, Layout, PolicyView } from '../policies/policy';
import type { Enforced, GuardrailConfig, Guardrails } from './types';

export function createGuardrails(
	config: GuardrailConfig,
	layout: Layout,
	dailyBudget: number
): Guardrails {
	const { C, K } = layout;
	return {
		config,
		enforce(decision: Decision, view: PolicyView): Enforced {
			const spend = new Float64Array(C * K);
			const clips: Enforced['clips'] = [];
			let total = 0;
			for (let i = 0; i < C * K; i++) {
				const asked = decision.spend[i];
				spend[i] = Number.isFinite(asked) && asked > 0 ? asked : 0;
				if (spend[i] !== asked) {
					clips.push({
						day: view.day,
						rule: 'non-negative',
						channel: Math.floor(i / K),
						creative: i % K,
						asked,
						allowed: spend[i]
					});
				}
				total += spend[i];
			}
			if (total > dailyBudget) {
				const scale = dailyBudget / total;
				for (let c = 0; c < C; c++) {
					let asked = 0;
					for (let k = 0; k < K; k++) asked += spend[c * K + k];
					for (let k = 0; k < K; k++) spend[c * K + k] *= scale;
					if (asked > 0)
						clips.push({
							day: view.day,
							rule: 'total-budget',
							channel: c,
							creative: -1,
							asked,
							allowed: asked * scale
						});
				}
			}
			return {
				spend,
				bidCap: decision.bidCap
					? Float64Array.from(decision.bidCap)
					: new Float64Array(C).fill(Infinity),
				frequencyCap: new Float64Array(C).fill(Infinity),
				excludeUnsafe: new Uint8Array(C),
				suppressExisting: new Uint8Array(C),
				creativeOps: decision.creativeOps
					? Uint8Array.from(decision.creativeOps)
					: new Uint8Array(C * K),
				segmentTilt: decision.segmentTilt
					? Float64Array.from(decision.segmentTilt)
					: new Float64Array(C * layout.S).fill(1),
				clips
			};
		},
		pace(daily: Float64Array, view: PolicyView, out: Float64Array): void {
			for (let i = 0; i < daily.length; i++) out[i] = daily[i] / view.stepsPerDay;
		},
		endDay() {},
		getState: () => ({})
	};
}
