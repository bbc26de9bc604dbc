/**
 * What the scenario schema says about one field: its kind, range, default and choices, read
 * from `ScenarioSchema` itself (valibot schemas are plain, inspectable objects). Inputs take
 * their `min`/`max`/`step`, range hints and placeholders from here, so the editor shows exactly
 * the rules validation applies; it never states a rule of its own.
 */
import { ScenarioSchema } from '$lib/sim/scenario';
import { keysOf } from './paths';

/** The kind of input a field needs. */
export type FieldKind = 'number' | 'integer' | 'text' | 'boolean' | 'choice' | 'list' | 'object';

/** A field's rules as the schema states them. */
export interface FieldSpec {
	kind: FieldKind;
	/** Whether the field may be left out (it then takes `defaultValue`). */
	optional: boolean;
	/** The value used when the field is left out. */
	defaultValue?: unknown;
	/** Smallest allowed value (inclusive unless `exclusiveMin`). */
	min?: number;
	/** Largest allowed value, inclusive. */
	max?: number;
	/** True when the value must be strictly greater than `min`. */
	exclusiveMin?: boolean;
	/** Allowed values of a choice. */
	options?: readonly string[];
	/** Text length limits, or list length limits for lists. */
	minLength?: number;
	maxLength?: number;
	/** Exact list length, when the schema fixes it. */
	length?: number;
	/** A text pattern the value must match. */
	pattern?: RegExp;
}

/** The valibot schema nodes this module reads (their public, documented shape). */
interface SchemaNode {
	type: string;
	entries?: Record<string, SchemaNode>;
	item?: SchemaNode;
	wrapped?: SchemaNode;
	default?: unknown;
	options?: readonly string[];
	pipe?: readonly (SchemaNode | ActionNode)[];
}

interface ActionNode {
	kind: string;
	type: string;
	requirement?: unknown;
}

/** The schema node at `path` (indexes step into list items), with whether it was optional. */
function nodeAt(
	path: string
): { node: SchemaNode; optional: boolean; defaultValue?: unknown } | null {
	let node = ScenarioSchema as unknown as SchemaNode;
	let optional = false;
	let defaultValue: unknown;
	for (const key of keysOf(path)) {
		node = baseOf(node);
		const next: SchemaNode | undefined =
			typeof key === 'number' ? (itemOf(node) ?? undefined) : node.entries?.[key];
		if (!next) return null;
		node = next;
		optional = node.type === 'optional';
		defaultValue = optional ? node.default : undefined;
	}
	return { node, optional, defaultValue };
}

/** Strip `optional` wrappers. */
function baseOf(node: SchemaNode): SchemaNode {
	let n = node;
	while (n.type === 'optional' && n.wrapped) n = n.wrapped;
	return n;
}

/** A list's item schema, looking through pipes. */
function itemOf(node: SchemaNode): SchemaNode | null {
	if (node.item) return node.item;
	for (const step of node.pipe ?? []) {
		if ('item' in step && step.item) return step.item as SchemaNode;
	}
	return null;
}

/** Every validation action of a node, including those of nested pipes (`pipe(pipe(…), …)`). */
function actionsOf(node: SchemaNode, out: ActionNode[] = []): ActionNode[] {
	for (const step of node.pipe ?? []) {
		if (step === node) continue;
		if ((step as ActionNode).kind === 'validation') out.push(step as ActionNode);
		else if ((step as SchemaNode).pipe) actionsOf(step as SchemaNode, out);
	}
	return out;
}

/** The rules of the field at `path` (`channels[0].hill.slope`), or null if there is no such field. */
export function fieldSpec(path: string): FieldSpec | null {
	const found = nodeAt(path);
	if (!found) return null;
	const node = baseOf(found.node);
	const spec: FieldSpec = {
		kind: 'text',
		optional: found.optional,
		defaultValue: found.defaultValue
	};
	switch (node.type) {
		case 'number':
			spec.kind = 'number';
			break;
		case 'string':
			spec.kind = 'text';
			break;
		case 'boolean':
			spec.kind = 'boolean';
			break;
		case 'picklist':
			spec.kind = 'choice';
			spec.options = node.options;
			break;
		case 'array':
			spec.kind = 'list';
			break;
		default:
			spec.kind = 'object';
	}
	for (const action of actionsOf(node)) {
		const r = action.requirement;
		switch (action.type) {
			case 'integer':
				spec.kind = 'integer';
				break;
			case 'min_value':
				spec.min = r as number;
				break;
			case 'gt_value':
				spec.min = r as number;
				spec.exclusiveMin = true;
				break;
			case 'max_value':
				spec.max = r as number;
				break;
			case 'min_length':
				spec.minLength = r as number;
				break;
			case 'max_length':
				spec.maxLength = r as number;
				break;
			case 'length':
				spec.length = r as number;
				break;
			case 'regex':
				spec.pattern = r as RegExp;
				break;
		}
	}
	return spec;
}

/** The allowed range in words: "0.1–5", "> 0", "≥ 0", "whole number 1–24". */
export function rangeText(spec: FieldSpec): string {
	const whole = spec.kind === 'integer' ? 'whole number ' : '';
	const { min, max } = spec;
	if (min !== undefined && max !== undefined) {
		return `${whole}${spec.exclusiveMin ? `> ${fmt(min)}, ≤ ` : `${fmt(min)}–`}${fmt(max)}`;
	}
	if (min !== undefined) return `${whole}${spec.exclusiveMin ? '>' : '≥'} ${fmt(min)}`;
	if (max !== undefined) return `${whole}≤ ${fmt(max)}`;
	return spec.kind === 'integer' ? 'whole number' : '';
}

/** Large bounds read better grouped (4,294,967,295). */
const fmt = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));
