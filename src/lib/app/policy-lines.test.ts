import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/unit/report-fixture';
import { policyStyles } from '$lib/charts/palette';
import { policyLines } from './policy-lines';

describe('policyLines', () => {
	it('styles the kept policies and gives bands over several seeds only', () => {
		for (const seeds of [1, 2]) {
			const { result } = reportFixture(seeds);
			const styles = policyStyles(
				result.policies.map((p) => p.id),
				result.baseline
			);
			const lines = policyLines(
				result,
				styles,
				(p) => p.id !== result.baseline,
				(p) => ({ values: p.vsBaselineByDay.mean, band: p.vsBaselineByDay })
			);
			const kept = result.policies.filter((p) => p.id !== result.baseline);
			expect(lines.map((l) => l.id)).toEqual(kept.map((p) => p.id));
			lines.forEach((line, i) => {
				expect(line.colour).toBe(styles[line.id].colour);
				expect(line.values).toBe(kept[i].vsBaselineByDay.mean);
				expect(line.low).toBe(seeds > 1 ? kept[i].vsBaselineByDay.low : undefined);
				expect(line.high).toBe(seeds > 1 ? kept[i].vsBaselineByDay.high : undefined);
			});
		}
	});
});
