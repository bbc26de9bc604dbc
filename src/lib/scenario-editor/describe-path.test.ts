import { describe, expect, it } from 'vitest';
import { presets } from '$lib/sim/presets';
import { parseScenario, splitPath } from '$lib/sim/scenario';
import { describePath } from './describe-path';
import { toDraft } from './draft';
import { shiftTargets } from './shift-targets';

const dtc = () => toDraft(presets['dtc-default']);

describe('paths in words', () => {
	it('names channels, creatives and segments by their own names', () => {
		const draft = dtc();
		expect(describePath('channels[1].hill.slope', draft)).toBe('Non-brand search › Hill slope');
		expect(describePath('channels[0].creatives[1].fatigueRate', draft)).toMatch(/ › Fatigue$/);
		expect(describePath('segments[2].retention.alpha', draft)).toBe(
			'High-value enthusiasts › Churn α'
		);
		expect(describePath('ltv.horizonDays', draft)).toBe('Lifetime value › LTV horizon');
		expect(describePath('', draft)).toBe('Scenario');
	});

	it('suggests regime-shift targets by id that validation accepts', () => {
		const draft = dtc();
		const targets = shiftTargets(draft);
		expect(targets).toContain('channels[display].auction.medianCpm');
		expect(targets).toContain('segments[mainstream].propensity');
		expect(targets).not.toContain('days');
		const scenario = parseScenario(draft);
		if (!scenario.ok) throw new Error('preset invalid');
		const refused = targets.filter((path) => {
			const keys = splitPath(path) ?? [];
			// Shift to the current value: only the path itself is under test.
			const value = keys.reduce<unknown>(
				(node, key) =>
					Array.isArray(node) && typeof key === 'string'
						? node.find((item) => item.id === key)
						: (node as Record<string | number, unknown>)?.[key],
				scenario.value
			);
			const shifted = { ...draft, regimeShifts: [{ day: 10, path, value }] };
			return !parseScenario(shifted).ok;
		});
		expect(refused).toEqual([]);
	});
});
