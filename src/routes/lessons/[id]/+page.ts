import { error } from '@sveltejs/kit';
import { LESSONS, lessonById } from '$lib/lessons/catalogue';
import type { EntryGenerator, PageLoad } from './$types';

/** Prerender one page per lesson. */
export const entries: EntryGenerator = () => LESSONS.map((lesson) => ({ id: lesson.id }));

export const load: PageLoad = ({ params }) => {
	const lesson = lessonById(params.id);
	if (!lesson) error(404, `There is no lesson "${params.id}".`);
	return { lesson };
};
