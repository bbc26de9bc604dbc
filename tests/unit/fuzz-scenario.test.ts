/**
 * Fuzzing the scenario format (issue: bad input): mutate a preset at random places — wrong
 * types, extreme and non-finite numbers, missing and unknown keys, hostile strings — and check
 * every case ends in a valid scenario that the market can run, or in errors that each name a
 * field path and say what is wrong. Nothing throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAction, Market } from '../../src/lib/sim/market';
import { presets } from '../../src/lib/sim/presets';
import { parseScenario, parseScenarioJson } from '../../src/lib/sim/scenario';

const RUNS = 1_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value` (keys and indices). */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
	out.push(prefix);
	if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
	else if (value && typeof value === 'object')
		for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
	return out;
}

const hostile = fc.oneof(
	fc.constantFrom<Json>(
		-1,
		0,
		1e308,
		-1e308,
		5e-324,
		'NaN',
		'<img src=x onerror=alert(1)>',
		'=HYPERLINK("x")',
		'__proto__',
		'',
		null,
		true,
		[],
		{},
		{ __proto__: { polluted: 1 } } as unknown as Json,
		[[[[[[[[[[1]]]]]]]]]]
	),
	fc.double({ noNaN: true }),
	fc.integer(),
	fc.string({ maxLength: 20 }),
	fc.json().map((text) => JSON.parse(text) as Json)
);

type Mutation =
	| { kind: 'set'; at: number; value: Json }
	| { kind: 'delete'; at: number }
	| { kind: 'add'; at: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostile }),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
	fc.record({
		kind: fc.constant('add' as const),
		at: fc.nat(),
		key: fc.string({ maxLength: 8 }),
		value: hostile
	})
);

function apply(doc: Json, m: Mutation): Json {
	const all = paths(doc);
	const path = all[m.at % all.length];
	if (path.length === 0) return m.kind === 'set' ? m.value : doc;
	let parent = doc as Record<string | number, Json>;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
	const last = path[path.length - 1];
	if (m.kind === 'set') parent[last] = m.value;
	else if (m.kind === 'delete') {
		if (Array.isArray(parent)) parent.splice(last as number, 1);
		else delete parent[last];
	} else {
		const target = parent[last];
		if (target && typeof target === 'object' && !Array.isArray(target)) target[m.key] = m.value;
		else parent[last] = m.value;
	}
	return doc;
}

const names = Object.keys(presets);

describe('scenario format, fuzzed', () => {
	it(`gives a runnable scenario or errors naming a field (${RUNS} cases)`, () => {
		const counts = { valid: 0, invalid: 0 };
		fc.assert(
			fc.property(
				fc.constantFrom(...names),
				fc.array(mutation, { minLength: 1, maxLength: 3 }),
				(name, mutations) => {
					let doc = JSON.parse(JSON.stringify(presets[name as keyof typeof presets])) as Json;
					for (const m of mutations) doc = apply(doc, m);
					const parsed = parseScenario(doc);
					if (parsed.ok) {
						counts.valid++;
						const scenario = parsed.value;
						const market = new Market(scenario, scenario.seed, 2);
						const action = createAction(market.params);
						action.spend.fill(100);
						market.step(action);
						market.step(action);
						for (const values of Object.values(market.trace.observables)) {
							for (const v of values as Float64Array) expect(Number.isFinite(v)).toBe(true);
						}
					} else {
						counts.invalid++;
						expect(parsed.errors.length).toBeGreaterThan(0);
						for (const error of parsed.errors) {
							expect(error.message.length).toBeGreaterThan(3);
							// A path like `channels[2].hill.slope`, or '' for the document itself.
							expect(error.path).toMatch(
								/^([A-Za-z_$][\w$-]*|\[\d+\]|\.[\w$-]+|\["(?:[^"\\]|\\.)*"\])*$/
							);
						}
						// Round trip through text gives the same verdict (the file path of the CLI and lab).
						expect(parseScenarioJson(JSON.stringify(doc)).ok).toBe(false);
					}
				}
			),
			{ numRuns: RUNS, seed: 42 }
		);
		console.log(
			`fuzz scenario: ${RUNS} cases, ${counts.valid} valid, ${counts.invalid} refused with field paths`
		);
		expect(counts.valid).toBeGreaterThan(20);
		expect(counts.invalid).toBeGreaterThan(200);
	});

	it('refuses damaged JSON text with a message, never a throw', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const parsed = parseScenarioJson(text);
				if (!parsed.ok) expect(parsed.errors[0].message.length).toBeGreaterThan(3);
			}),
			{ numRuns: RUNS }
		);
	});
});
