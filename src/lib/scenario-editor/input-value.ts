/**
 * Between what an input shows and what the draft holds. A number field keeps exactly what the
 * user typed when it is not a number ("12,5", "abc"): validation then says "must be a number"
 * beside it, and nothing typed is lost. An empty field is left out of the draft, so an optional
 * field takes its default and a required one reads "is missing".
 */
import type { FieldSpec } from './schema-fields';

/** A plain decimal or scientific-notation number, as JSON would write it (no thousands separators). */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The draft value for a number input's text. */
export function numberFromInput(text: string): number | string | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (!NUMBER.test(trimmed)) return text;
	const value = Number(trimmed);
	return Number.isFinite(value) ? value : text;
}

/** The draft value for a text input: empty leaves an optional field out (its default applies). */
export function textFromInput(text: string, spec: FieldSpec | null): string | undefined {
	return text === '' && spec?.optional ? undefined : text;
}

/** What an input shows for a draft value. */
export function inputText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

/** A default value as a placeholder ("default 0.2"). */
export function defaultText(spec: FieldSpec | null): string {
	if (!spec?.optional || spec.defaultValue === undefined) return '';
	const value = spec.defaultValue;
	return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}
