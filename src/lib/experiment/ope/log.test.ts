/** Invalid decision logs: every problem names its row and field, and nothing throws. */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES, toColumns, validateLog } from './log';

const row = (i: number) => ({ context: [i, 1], action: i % 3, reward: i / 2, propensity: 1 / 3 });
const good = { actions: 3, rows: Array.from({ length: 12 }, (_, i) => row(i)) };

function errorsOf(input: unknown) {
	const result = validateLog(input);
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

describe('validateLog', () => {
	it('accepts a valid log and turns it into columns', () => {
		const result = validateLog(good);
		expect(result.ok).toBe(true);
		const cols = toColumns(good);
		expect([cols.n, cols.d, cols.actions]).toEqual([12, 2, 3]);
		expect(Array.from(cols.action.slice(0, 4))).toEqual([0, 1, 2, 0]);
		expect(cols.context[2 * 2]).toBe(2);
	});

	it('rejects what is not a log', () => {
		for (const input of [null, 3, 'log', [good]]) {
			expect(errorsOf(input)[0].message).toMatch(/must be an object with rows/);
		}
		expect(errorsOf({ actions: 3 })[0]).toMatchObject({ field: 'rows' });
	});

	it('names the field of a bad number of actions', () => {
		for (const actions of [0, 2.5, '3', 5000]) {
			expect(errorsOf({ ...good, actions })[0]).toMatchObject({ field: 'actions' });
		}
	});

	it('names the row and field of each bad value', () => {
		const rows = good.rows.map((r) => ({ ...r }));
		rows[1].action = 3;
		rows[2].reward = NaN;
		rows[3].propensity = 0;
		rows[4].propensity = 1.2;
		rows[5].context = [1];
		rows[6].context = [1, Infinity];
		const errors = errorsOf({ actions: 3, rows });
		expect(errors.map((e) => [e.row, e.field])).toEqual([
			[1, 'action'],
			[2, 'reward'],
			[3, 'propensity'],
			[4, 'propensity'],
			[5, 'context'],
			[6, 'context']
		]);
		expect(errors[0].message).toBe('rows[1].action is 3: it must be a whole number from 0 to 2.');
		expect(errors[2].message).toMatch(/positive probability/);
		expect(errors[4].message).toMatch(/1 features but rows\[0\] has 2/);
	});

	it('needs enough rows, and names lists of the wrong length', () => {
		expect(errorsOf({ actions: 3, rows: good.rows.slice(0, 4) })[0].message).toMatch(
			/4 rows; at least 10/
		);
		expect(errorsOf({ ...good, actionNames: ['a', 'b'] })[0]).toMatchObject({
			field: 'actionNames'
		});
	});

	it('lists the first problems and counts the rest', () => {
		const rows = Array.from({ length: 50 }, (_, i) => ({ ...row(i), reward: 'x' }));
		const errors = errorsOf({ actions: 3, rows });
		expect(errors).toHaveLength(MAX_LISTED_ISSUES + 1);
		expect(errors.at(-1)!.message).toBe('…and 30 more problems like these.');
	});
});
