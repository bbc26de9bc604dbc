/** Each lesson's simulation, by lesson id. */
import type { ControlValues, LessonOutcome } from '../lesson';
import { attribution } from './attribution';
import { banditRace } from './bandit-race';
import { fatigue } from './fatigue';
import { guardrails } from './guardrails';
import { objective } from './objective';
import { saturation } from './saturation';

export const LESSON_COMPUTE: Record<string, (values: ControlValues) => LessonOutcome> = {
	'explore-exploit': banditRace,
	saturation,
	'last-click': attribution,
	'creative-fatigue': fatigue,
	'cpa-vs-ltv': objective,
	guardrails
};
