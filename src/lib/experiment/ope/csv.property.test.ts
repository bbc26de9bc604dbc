/**
 * Property: any text handed to `parseLogCsv` — random, or a valid log garbled by edits — gives
 * either a valid log or a list of clear messages (non-empty sentences, rows within the file),
 * and never throws.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createStream } from '../../sim/random';
import { logToCsv, parseLogCsv } from './csv';
import { validateLog } from './log';
import { syntheticBandit } from './synthetic';

const bandit = syntheticBandit({ seed: 2, actions: 3, features: 2 });
const valid = logToCsv(bandit.sampleLog(15, createStream(7, 3)));

const token = fc.constantFrom(
	',',
	';',
	'\t',
	'\n',
	'\r\n',
	'"',
	'""',
	'NaN',
	'-1',
	'0',
	'1e309',
	'1,5',
	'',
	' ',
	'NA',
	'x_a',
	'action',
	'reward',
	'propensity',
	'pscore',
	'pi_0',
	'pi_9',
	'999999999999',
	'\u0000',
	'é',
	'=SUM(A1)'
);

/** A valid log with edits: cuts, insertions of tokens or random text, swapped lines. */
const garbled = fc
	.array(
		fc.record({
			at: fc.nat({ max: valid.length }),
			cut: fc.nat({ max: 4 }),
			insert: fc.oneof(token, fc.string({ maxLength: 6 }))
		}),
		{ minLength: 0, maxLength: 4 }
	)
	.map((edits) =>
		edits.reduce(
			(text, { at, cut, insert }) => text.slice(0, at) + insert + text.slice(at + cut),
			valid
		)
	);

const tokens = fc.array(token, { maxLength: 80 }).map((parts) => parts.join(''));
const header = 'x_a,action,reward,propensity\n';
const cells = fc
	.array(fc.array(fc.oneof(token, fc.double().map(String)), { minLength: 1, maxLength: 5 }), {
		maxLength: 30
	})
	.map((rows) => header + rows.map((row) => row.join(',')).join('\n'));

it('turns any text into a valid log or clear messages, never a throw', () => {
	let cases = 0;
	let parsedLogs = 0;
	fc.assert(
		fc.property(fc.oneof(fc.string({ maxLength: 200 }), tokens, cells, garbled), (text) => {
			cases++;
			const result = parseLogCsv(text);
			if (result.ok) {
				parsedLogs++;
				expect(validateLog(result.value.log).ok).toBe(true);
				return;
			}
			expect(result.errors.length).toBeGreaterThan(0);
			const lines = text.split(/\r\n|\r|\n/).length;
			for (const error of result.errors) {
				expect(error.message.length).toBeGreaterThan(10);
				expect(error.message).not.toMatch(/undefined|\[object|NaN is not/);
				if (error.row !== undefined) expect(error.row).toBeLessThanOrEqual(lines + 1);
			}
		}),
		{ numRuns: 1000, seed: 20260101 }
	);
	console.log(`parseLogCsv property: ${cases} cases, ${parsedLogs} parsed to a valid log`);
	expect(cases).toBeGreaterThanOrEqual(1000);
});
