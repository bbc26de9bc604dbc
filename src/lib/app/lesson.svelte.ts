/**
 * One lesson on screen: control values (from the link, then the learner), the learner's
 * prediction, the simulation's outcome (computed in the lessons worker whenever the controls
 * change) and whether it is revealed. Author mode edits which controls are hidden or locked;
 * the lesson's link carries all of it.
 */
import {
	lessonQuery,
	parseLessonQuery,
	type Lesson,
	type LessonOutcome,
	type LessonState
} from '$lib/lessons/lesson';
import { isAbortError, WorkerClient } from '$lib/workers/worker-client';
import type { LessonsApi } from '$lib/workers/lessons.worker';

const client = new WorkerClient<LessonsApi>(
	() => new Worker(new URL('../workers/lessons.worker.ts', import.meta.url), { type: 'module' }),
	{ name: 'The lesson simulation' }
);

export class LessonSession {
	readonly lesson: Lesson;
	state = $state<LessonState>({ values: {}, hidden: [], locked: [] });
	/** Problems with the link it was opened from (unknown controls, values out of range). */
	linkProblems = $state<string[]>([]);
	prediction = $state<string | null>(null);
	revealed = $state(false);
	outcome = $state<LessonOutcome | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	author = $state(false);
	#controller: AbortController | null = null;

	constructor(lesson: Lesson, params: URLSearchParams) {
		this.lesson = lesson;
		const { state, problems } = parseLessonQuery(lesson, params);
		this.state = state;
		this.linkProblems = problems;
	}

	/** The link to this lesson in its current state. */
	get query(): string {
		return lessonQuery(this.lesson, this.state);
	}

	isHidden = (id: string): boolean => this.state.hidden.includes(id);
	isLocked = (id: string): boolean => this.state.locked.includes(id);

	toggle(list: 'hidden' | 'locked', id: string): void {
		const current = this.state[list];
		this.state[list] = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
	}

	setValue(id: string, value: number | string): void {
		if (this.isLocked(id) && !this.author) return;
		this.state.values[id] = value;
		// A new setting is a new question: predict again before seeing the result.
		this.revealed = false;
		this.prediction = null;
	}

	/** Simulate the current settings (the latest request wins). */
	async compute(): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.busy = true;
		this.error = null;
		const values = $state.snapshot(this.state.values);
		try {
			const outcome = await client.call(
				(api) => api.run(this.lesson.id, values),
				controller.signal
			);
			if (this.#controller === controller) this.outcome = outcome;
		} catch (error) {
			if (!isAbortError(error) && this.#controller === controller)
				this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (this.#controller === controller) {
				this.busy = false;
				this.#controller = null;
			}
		}
	}

	reveal(): void {
		if (this.prediction !== null) this.revealed = true;
	}

	cancel(): void {
		this.#controller?.abort();
	}
}
