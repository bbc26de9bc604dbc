/**
 * Reading decision logs from CSV: a log written by `logToCsv` reads back to the same rows, and
 * every problem in a file is a message naming the file row (the header is row 1) and the column.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { logToCsv, parseLogCsv } from './csv';
import { syntheticBandit } from './synthetic';

const header = 'x_age,x_visits,action,reward,propensity';
const goodRows = Array.from(
	{ length: 12 },
	(_, i) => `${(i % 5) / 10},${i % 3},${i % 2},${i % 4},0.5`
);
const file = (...rows: string[]) => [header, ...rows].join('\n');

function errorsOf(text: string) {
	const parsed = parseLogCsv(text);
	if (parsed.ok) throw new Error('expected errors');
	return parsed.errors;
}

describe('parseLogCsv', () => {
	it('reads context, action, reward and propensity columns', () => {
		const parsed = parseLogCsv(file(...goodRows));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const { log, target, ignoredColumns } = parsed.value;
		expect(log.actions).toBe(2);
		expect(log.featureNames).toEqual(['x_age', 'x_visits']);
		expect(log.rows[3]).toEqual({ context: [0.3, 0], action: 1, reward: 3, propensity: 0.5 });
		expect(target).toBeUndefined();
		expect(ignoredColumns).toEqual([]);
	});

	it('reads a log written by logToCsv back to the same rows, target included', () => {
		const bandit = syntheticBandit({ seed: 1 });
		const log = bandit.sampleLog(40, createStream(1, 3));
		const target = log.rows.map((row) => bandit.loggingProbabilities(row.context));
		const parsed = parseLogCsv(logToCsv(log, target));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.log.rows).toEqual(log.rows);
		expect(parsed.value.target).toEqual(target.map((row) => Array.from(row)));
	});

	it('maps action labels to indices in sorted order and keeps the names', () => {
		const rows = goodRows.map((row, i) =>
			row.replace(/,(\d),(\d),0\.5$/, `,${i % 3 === 0 ? 'email' : 'banner'},$2,0.5`)
		);
		const parsed = parseLogCsv(file(...rows));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.log.actionNames).toEqual(['banner', 'email']);
		expect(parsed.value.log.rows[0].action).toBe(1);
	});

	it('names the row and column of a value that is not a number', () => {
		const rows = [...goodRows];
		rows[4] = '0.4,1,0,lots,0.5';
		const errors = errorsOf(file(...rows));
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ row: 6, field: 'reward' });
		expect(errors[0].message).toMatch(/^Row 6, column “reward”: /);
	});

	it('names the row and column of a propensity outside (0, 1]', () => {
		const rows = [...goodRows];
		rows[0] = '0.1,1,0,1,0';
		rows[7] = '0.1,1,0,1,1.5';
		const errors = errorsOf(file(...rows));
		expect(errors.map((e) => [e.row, e.field])).toEqual([
			[2, 'propensity'],
			[9, 'propensity']
		]);
		expect(errors[0].message).toMatch(
			/Row 2, column “propensity”: 0 is not a probability.*never 0/
		);
	});

	it('names the row and column of a bad context feature', () => {
		const rows = [...goodRows];
		rows[2] = '0.2,n/a,0,1,0.5';
		const errors = errorsOf(file(...rows));
		expect(errors[0]).toMatchObject({ row: 4, field: 'x_visits' });
		expect(errors[0].message).toContain('Row 4, column “x_visits”');
	});

	it('names a missing required column in the header (row 1)', () => {
		const errors = errorsOf(['x_a,action,reward', '1,0,1', '2,1,0'].join('\n'));
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ row: 1, field: 'propensity' });
		expect(errors[0].message).toMatch(/No “propensity” column/);
	});

	it('names a row with the wrong number of cells', () => {
		const rows = [...goodRows];
		rows[5] = '0.1,1,0,1';
		const errors = errorsOf(file(...rows));
		expect(errors[0].row).toBe(7);
		expect(errors[0].message).toMatch(/7/);
	});

	it('explains an empty or one-column file', () => {
		for (const text of ['', 'hello\nworld\n']) {
			const errors = errorsOf(text);
			expect(errors[0].message).toMatch(/Expected a CSV decision log/);
		}
	});

	it('needs enough rows for an interval', () => {
		const errors = errorsOf(file(...goodRows.slice(0, 3)));
		expect(errors[0].message).toMatch(/3 rows; at least 10/);
	});

	it('names a target column for an action the log does not have', () => {
		const text = [header + ',pi_0,pi_zz', ...goodRows.map((row) => `${row},0.5,0.5`)].join('\n');
		const errors = errorsOf(text);
		expect(errors[0]).toMatchObject({ row: 1, field: 'pi_zz' });
	});
});
