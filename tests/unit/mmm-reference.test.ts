/**
 * Both reference files (Robyn's simulated weekly data, Meridian's national data) import as-is
 * with the app's importer and fit: finite ROAS and marginal ROAS for every channel, R² reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsvBytes } from '../../src/lib/data/import';
import { fitMmm } from '../../src/lib/data/mmm';

const files = ['robyn_dt_simulated_weekly.csv', 'meridian_national_all_channels.csv'];

describe('MMM on the reference files', () => {
	for (const file of files) {
		it(`imports and fits ${file}`, async () => {
			const imported = importCsvBytes(readFileSync(`tests/fixtures/reference/${file}`), {
				fileName: file
			});
			if (!imported.ok) throw new Error(imported.errors.map((e) => e.message).join('\n'));
			const fit = await fitMmm(imported.dataset, { effort: 'fast', draws: 10 });
			expect(fit.channels.length).toBe(imported.dataset.channels.length);
			for (const ch of fit.channels) {
				for (const value of [ch.roas.mean, ch.roas.low, ch.roas.high, ch.mroas.mean]) {
					expect(Number.isFinite(value), ch.id).toBe(true);
				}
				expect(ch.roas.mean).toBeGreaterThanOrEqual(0);
			}
			expect(fit.diagnostics.r2).toBeGreaterThan(0);
			expect(fit.diagnostics.r2).toBeLessThanOrEqual(1);
			expect(Number.isFinite(fit.diagnostics.holdout.r2)).toBe(true);
		}, 30_000);
	}
});
