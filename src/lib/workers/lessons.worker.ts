/**
 * The lessons' simulations (bandit races, pilots, fixed-split years) run here, off the main
 * thread. Thin: the work lives in src/lib/lessons/compute.
 */
import * as Comlink from 'comlink';
import { LESSON_COMPUTE } from '../lessons/compute';
import type { ControlValues, LessonOutcome } from '../lessons/lesson';

const api = {
	async run(lessonId: string, values: ControlValues): Promise<LessonOutcome> {
		const compute = LESSON_COMPUTE[lessonId];
		if (!compute) throw new Error(`There is no lesson "${lessonId}".`);
		return compute(values);
	}
};

Comlink.expose(api);

export type LessonsApi = typeof api;
