/**
 * MMM speed: the full fit (search, refinement, holdout, 100 bootstrap draws) of 104 weeks × 8
 * channels simulated by Marginal's own market (the recovery scenario), single thread in node —
 * the same code the browser runs in its worker. Median of 3 fits after a warm-up fit.
 */
import { fitMmm } from '../lib/data/mmm';
import { recoveryScenario } from '../lib/data/recovery-scenario';
import { simulateDataset } from '../lib/data/simulate';
import type { Figure } from './bench';

/** `mmm.fit_104x8_s`: seconds per fit (goal ≤ 10 s in a worker). */
export async function benchMmm(): Promise<Figure[]> {
	const { dataset } = simulateDataset(recoveryScenario(), { weeks: 104, seed: 1 });
	const times: number[] = [];
	for (let run = 0; run < 4; run++) {
		const start = performance.now();
		await fitMmm(dataset, { seed: run + 1 });
		if (run > 0) times.push((performance.now() - start) / 1000);
	}
	times.sort((a, b) => a - b);
	return [
		{
			name: 'mmm.fit_104x8_s',
			value: Number(times[1].toFixed(2)),
			unit: 's',
			note: '104 weeks × 8 channels, default options (100 bootstrap draws), median of 3 after a warm-up'
		}
	];
}
