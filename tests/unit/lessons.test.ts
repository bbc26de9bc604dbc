import { describe, expect, it } from 'vitest';
import { LESSONS, lessonById } from '../../src/lib/lessons/catalogue';
import { LESSON_COMPUTE } from '../../src/lib/lessons/compute';
import { defaultState, lessonQuery, parseLessonQuery } from '../../src/lib/lessons/lesson';

describe('lesson links', () => {
	const lesson = lessonById('explore-exploit')!;

	it('round-trip values, hidden and locked controls', () => {
		const state = defaultState(lesson);
		state.values.epsilon = 0.25;
		state.values.arms = 'far';
		state.hidden = ['epsilon'];
		state.locked = ['visitors'];
		const query = lessonQuery(lesson, state);
		expect(query).toBe('?set=arms%3Afar%2Cepsilon%3A0.25&hide=epsilon&lock=visitors');
		const parsed = parseLessonQuery(lesson, new URLSearchParams(query));
		expect(parsed.problems).toEqual([]);
		expect(parsed.state).toEqual(state);
		expect(lessonQuery(lesson, defaultState(lesson))).toBe('');
	});

	it('keep defaults and say why for unknown controls and bad values', () => {
		const parsed = parseLessonQuery(
			lesson,
			new URLSearchParams('set=epsilon:9,arms:<script>,nope:1&hide=ghost')
		);
		expect(parsed.state.values).toEqual(defaultState(lesson).values);
		expect(parsed.problems).toEqual([
			'"epsilon" must be a number from 0 to 0.5',
			'"arms" must be one of close, far, many',
			'"nope" is not a control of this lesson',
			'"ghost" is not a control of this lesson'
		]);
	});
});

describe('every lesson', () => {
	it.each(LESSONS.map((l) => [l.id, l] as const))(
		'%s: its simulation answers one of its options, with numbers in the text',
		(id, lesson) => {
			const outcome = LESSON_COMPUTE[id](defaultState(lesson).values);
			expect(lesson.question.options.map((o) => o.id)).toContain(outcome.answer);
			expect(outcome.reveal.join(' ')).toMatch(/\d/);
			expect(lesson.controls.length).toBeGreaterThan(0);
		}
	);
});

describe('lesson simulations', () => {
	it('bandit regret accumulates and Thompson beats heavy ε-greedy exploration', () => {
		const outcome = LESSON_COMPUTE['explore-exploit']({
			arms: 'far',
			epsilon: 0.5,
			visitors: 2000
		});
		const curves = Object.fromEntries(outcome.chart!.series.map((s) => [s.id, s.values]));
		for (const values of Object.values(curves))
			for (let i = 1; i < values.length; i++)
				expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
		const last = (id: string) => curves[id][curves[id].length - 1];
		expect(last('thompson')).toBeLessThan(last('epsilon-greedy'));
		expect(outcome.answer).not.toBe('epsilon-greedy');
	});

	it('saturation: the answer is the channel with the highest next-dollar return in the table', () => {
		const outcome = LESSON_COMPUTE.saturation({ budget: 40000 });
		const rows = outcome.table!.rows;
		const best = rows.reduce((a, b) => (Number(b[3]) > Number(a[3]) ? b : a));
		const lesson = lessonById('saturation')!;
		expect(lesson.question.options.find((o) => o.id === outcome.answer)!.label).toBe(best[0]);
		// Each curve names its market channel, so the chart draws it in that channel's colour.
		expect(outcome.chart!.series.map((s) => s.channel)).toEqual(rows.map((_, c) => c));
	});

	it('last click over-credits brand search in the last-click trap', () => {
		expect(LESSON_COMPUTE['last-click']({ days: 90 }).answer).toBe('brand-search');
	});

	it('more budget on the same audience tires creatives faster', () => {
		const drop = (budget: number) => {
			const text = LESSON_COMPUTE['creative-fatigue']({ budget, weeks: 12 }).reveal[0];
			return Number(/fell by (-?\d+) %/.exec(text)![1]);
		};
		expect(drop(3)).toBeGreaterThan(drop(0.5));
	});
});
