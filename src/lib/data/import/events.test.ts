import { describe, expect, it } from 'vitest';
import { MAX_EVENT_LEVELS, readEvents } from './events';
import { IssueList } from './issues';

const read = (cells: (string | undefined)[]) => {
	const errors = new IssueList();
	const series = readEvents(
		cells,
		cells.map((_, i) => i + 2),
		'events',
		'.',
		errors
	);
	return { series: series.map((s) => [s.name, Array.from(s.values)]), errors: errors.toArray() };
};

describe('readEvents', () => {
	it('keeps a 0/1 column as one indicator, whatever the spelling', () => {
		expect(read(['0', '1.0', 'TRUE', 'no', '', undefined]).series).toEqual([
			['events', [0, 1, 1, 0, 0, 0]]
		]);
	});

	it('splits a categorical column into one indicator per level, “na” meaning none', () => {
		expect(read(['na', 'event1', 'na', 'event2', 'event1', '0.0']).series).toEqual([
			['events: event1', [0, 1, 0, 0, 1, 0]],
			['events: event2', [0, 0, 0, 1, 0, 0]]
		]);
	});

	it('refuses a column with too many levels, naming the row and column', () => {
		const cells = Array.from({ length: MAX_EVENT_LEVELS + 5 }, (_, i) => `id${i}`);
		const { series, errors } = read(cells);
		expect(series).toEqual([]);
		expect(errors[0]).toMatchObject({
			code: 'too-many-levels',
			row: MAX_EVENT_LEVELS + 2,
			column: 'events'
		});
	});
});
