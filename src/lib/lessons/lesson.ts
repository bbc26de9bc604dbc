/**
 * Guided lessons: a short text beside a live, pre-set simulation, a question to answer before
 * the result is revealed, and controls an author can hide or lock. A lesson's state (control
 * values, hidden and locked controls) lives in its link, so a teacher can share exactly what
 * the class should see.
 */

/** A numeric control (a slider with a number field). */
export interface RangeControl {
	kind: 'range';
	id: string;
	label: string;
	min: number;
	max: number;
	step: number;
	value: number;
	/** How to show the value. */
	format: 'int' | 'pct' | 'money' | 'decimal';
}

/** A choice among options. */
export interface SelectControl {
	kind: 'select';
	id: string;
	label: string;
	options: { value: string; label: string }[];
	value: string;
}

export type LessonControl = RangeControl | SelectControl;

/** One lesson's definition (text and controls; the numbers come from its simulation). */
export interface Lesson {
	id: string;
	title: string;
	/** One line for the index. */
	concept: string;
	/** Paragraphs beside the simulation. */
	intro: string[];
	controls: LessonControl[];
	question: { prompt: string; options: { id: string; label: string }[] };
}

/** Control values by id. */
export type ControlValues = Record<string, number | string>;

/** What a link says about a lesson. */
export interface LessonState {
	values: ControlValues;
	hidden: string[];
	locked: string[];
}

/** The defaults of a lesson. */
export function defaultState(lesson: Lesson): LessonState {
	return {
		values: Object.fromEntries(lesson.controls.map((c) => [c.id, c.value])),
		hidden: [],
		locked: []
	};
}

/** Whether `value` is allowed for control `c`; returns the cleaned value or a message. */
export function checkValue(
	c: LessonControl,
	raw: string
): { ok: true; value: number | string } | { ok: false; message: string } {
	if (c.kind === 'select') {
		return c.options.some((o) => o.value === raw)
			? { ok: true, value: raw }
			: {
					ok: false,
					message: `"${c.id}" must be one of ${c.options.map((o) => o.value).join(', ')}`
				};
	}
	const n = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(n) || n < c.min || n > c.max)
		return { ok: false, message: `"${c.id}" must be a number from ${c.min} to ${c.max}` };
	return { ok: true, value: n };
}

/**
 * Read `?set=id:value,…&hide=id,…&lock=id,…`. Anything unknown or out of range is left at its
 * default and reported, so a damaged link still opens the lesson.
 */
export function parseLessonQuery(
	lesson: Lesson,
	params: URLSearchParams
): { state: LessonState; problems: string[] } {
	const state = defaultState(lesson);
	const problems: string[] = [];
	const byId = new Map(lesson.controls.map((c) => [c.id, c]));
	const set = params.get('set');
	if (set) {
		for (const pair of set.split(',').slice(0, 50)) {
			const at = pair.indexOf(':');
			const id = at < 0 ? pair : pair.slice(0, at);
			const control = byId.get(id);
			if (!control || at < 0) {
				problems.push(`"${id.slice(0, 40)}" is not a control of this lesson`);
				continue;
			}
			const checked = checkValue(control, decodeURIComponent(pair.slice(at + 1)));
			if (checked.ok) state.values[id] = checked.value;
			else problems.push(checked.message);
		}
	}
	for (const key of ['hide', 'lock'] as const) {
		const list = params.get(key);
		if (!list) continue;
		for (const id of list.split(',').slice(0, 50)) {
			if (!byId.has(id)) problems.push(`"${id.slice(0, 40)}" is not a control of this lesson`);
			else (key === 'hide' ? state.hidden : state.locked).push(id);
		}
	}
	return { state, problems };
}

/** The query string of a state (only what differs from the defaults). */
export function lessonQuery(lesson: Lesson, state: LessonState): string {
	const params = new URLSearchParams();
	const changed = lesson.controls
		.filter((c) => state.values[c.id] !== c.value)
		.map((c) => `${c.id}:${encodeURIComponent(String(state.values[c.id]))}`);
	if (changed.length) params.set('set', changed.join(','));
	if (state.hidden.length) params.set('hide', state.hidden.join(','));
	if (state.locked.length) params.set('lock', state.locked.join(','));
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** One line of a chart. */
export interface OutcomeSeries {
	id: string;
	label: string;
	values: number[];
	dashed?: boolean;
	/** The market channel the series is (drawn in that channel's colour, as everywhere else). */
	channel?: number;
}

/** What a lesson's simulation found: the right answer and the numbers to show. */
export interface LessonOutcome {
	/** The option id that the simulation shows to be right. */
	answer: string;
	/** The reveal, in sentences, with the simulation's numbers. */
	reveal: string[];
	chart?: {
		xs: number[];
		series: OutcomeSeries[];
		xTitle: string;
		yTitle: string;
		xFormat: 'int' | 'pct' | 'money' | 'week';
		yFormat: 'int' | 'pct' | 'money' | 'decimal';
		caption: string;
	};
	table?: { columns: string[]; rows: (string | number)[][] };
}
