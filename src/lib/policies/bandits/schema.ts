/**
 * Small valibot helpers shared by the bandit and allocator config schemas: finite numbers with
 * their range in the error message, strict objects, and parsing into the field-path errors the
 * scenario format uses (`epsilon: must be between 0 and 1`).
 */
import * as v from 'valibot';
import { formatPath, type FieldError, type Parsed } from '../../sim/scenario';

/** A finite number. */
export const num = () => v.pipe(v.number('must be a number'), v.finite('must be a finite number'));
/** A number > 0. */
export const positive = () => v.pipe(num(), v.gtValue(0, 'must be > 0'));
/** A number ≥ 0. */
export const nonNegative = () => v.pipe(num(), v.minValue(0, 'must be ≥ 0'));
/** A number in [min, max]. */
export const between = (min: number, max: number) =>
	v.pipe(
		num(),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
/** A whole number in [min, max]. */
export const int = (min: number, max: number) =>
	v.pipe(
		num(),
		v.integer('must be a whole number'),
		v.minValue(min, `must be between ${min} and ${max}`),
		v.maxValue(max, `must be between ${min} and ${max}`)
	);
/** An object that refuses unknown fields, with messages a user can act on. */
export const strict = <T extends v.ObjectEntries>(entries: T) =>
	v.strictObject(entries, (issue) =>
		issue.expected === 'never'
			? 'is not a field of this config (misspelt?)'
			: issue.received === 'undefined'
				? 'is missing'
				: 'must be an object'
	);

/** Validate `input` against `schema`, filling defaults; errors name the field path. */
export function parseWith<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): Parsed<v.InferOutput<S>> {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, value: result.output };
	const errors: FieldError[] = result.issues.map((issue) => ({
		path: formatPath((issue.path ?? []).map((item) => item.key as string | number)),
		message: issue.message
	}));
	return { ok: false, errors };
}

/** Validate or throw a readable error (for factories handed a config in code). */
export function parseOrThrow<S extends v.GenericSchema>(
	schema: S,
	input: unknown,
	what: string
): v.InferOutput<S> {
	const parsed = parseWith(schema, input);
	if (parsed.ok) return parsed.value;
	const detail = parsed.errors
		.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
		.join('; ');
	throw new Error(`Invalid ${what} config: ${detail}`);
}
