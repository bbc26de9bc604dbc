/**
 * Model-training speed for `npm run bench` (node, TF.js CPU backend, one thread):
 *   - `rl.train_steps_per_s`: RL allocator decisions trained per second — every weekly decision
 *     of every exploring episode, its simulated market days and its share of the PPO update
 *     (default settings on dtc-default; median of 3 runs of 4 iterations after a warm-up one),
 *   - `ltv.train_s`: seconds to train the LTV model with default settings on the temporal
 *     training split of dtc-default's two-year history (one run after a short warm-up).
 */
import * as tf from '@tensorflow/tfjs';
import { ltvData } from '../lib/models/ltv-data';
import { ltvFeatures, ltvTargets, ltvWeights } from '../lib/models/ltv-features';
import { trainLtvModel } from '../lib/models/ltv-model';
import { temporalHoldout } from '../lib/models/evaluation';
import { decisionsIn } from '../lib/models/rl-rollout';
import { RlTrainer } from '../lib/models/rl-trainer';
import { loadPreset } from '../lib/sim/presets';
import type { Figure } from './bench';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Decisions per second of RL training. */
function rlStepsPerSecond(): number {
	const scenario = loadPreset('dtc-default');
	const iterations = 4;
	const time = () => {
		const trainer = new RlTrainer(scenario, { iterations, validationVariants: 0 });
		const start = performance.now();
		while (!trainer.done) trainer.step();
		const seconds = (performance.now() - start) / 1000;
		const c = trainer.config;
		return (iterations * c.pairs * 2 * decisionsIn(c.horizonDays)) / seconds;
	};
	time();
	return median([time(), time(), time()]);
}

/** Seconds to train the LTV model on the temporal training split. */
async function ltvTrainSeconds(): Promise<number> {
	const data = ltvData(loadPreset('dtc-default'), 1);
	const { train } = temporalHoldout(data.records);
	const rows = ltvFeatures(train, data.layout);
	const y = ltvTargets(train);
	const w = ltvWeights(train);
	(await trainLtvModel(rows, y, w, data.layout, { epochs: 2 })).dispose();
	const start = performance.now();
	(await trainLtvModel(rows, y, w, data.layout)).dispose();
	return (performance.now() - start) / 1000;
}

/** The models' figures. */
export async function benchModels(): Promise<Figure[]> {
	await tf.setBackend('cpu');
	return [
		{
			name: 'rl.train_steps_per_s',
			value: Math.round(rlStepsPerSecond()),
			unit: 'decisions/s',
			note: 'RL allocator training on dtc-default, TF.js CPU backend, one thread'
		},
		{
			name: 'ltv.train_s',
			value: Math.round((await ltvTrainSeconds()) * 100) / 100,
			unit: 's',
			note: 'LTV model, 30 epochs on the temporal training split of dtc-default history'
		}
	];
}
